package dev.go4j.internal;

/**
 * How long a party that has just queued should spin before it parks, learned from how often spinning
 * paid off on the same channel.
 *
 * <p>Spinning pays when the partner is running on another carrier at this moment: it arrives within
 * a few hundred nanoseconds and the hand-off costs one cache-line transfer instead of a park, a
 * scheduler submission and a carrier wake-up. It is pure loss when the partner is not running, for
 * instance when the partner waits for the very carrier the spinner holds: that is how a fixed spin sinks
 * virtual-thread channels on two cores. So the budget halves after every spin that ended in a park
 * and doubles after every spin that was met; at zero it stays off, trying a probe now and then so
 * that a change of load is noticed. With a single carrier no spin can
 * ever be met, and the budget is always zero.
 *
 * <p>On a rendezvous (unbuffered) channel the probe is long (1,024 spins by default, about 25 µs
 * at the 25 ns an {@code onSpinWait} takes on the machine it was tuned on) because of how a pair of parties
 * falls out of spinning. Once both park on every hand-off, the party that wakes its partner has the
 * partner queued on its own carrier (the JDK's scheduler pushes an unparked virtual thread onto the
 * waker's queue), so the partner can only meet a spin if the other carrier, now idle, wakes up and
 * steals it: that takes tens of microseconds. A short probe never covers it and the pair stays at a
 * park and a wake-up per value (about 1 µs here, against 150 ns while both spin) for seconds; measured
 * on two cores, probes of 16 and of 512 spins left half of the benchmark forks in that state, probes of
 * 1,024 none. Tried once every 512 waits, a probe that is not met costs at most about
 * 50 ns per wait. A buffered channel keeps the short probe ({@value #PROBE} spins): its parties wait
 * only when the buffer is full or empty, values move in batches meanwhile, and there the long probe was
 * measured to cost throughput (a carrier held while other goroutines were ready to run).
 *
 * <p>The state is a plain field updated without synchronization: a lost update only misjudges one
 * wait, and the channel stays correct whatever the budget.
 */
public final class AdaptiveSpin {
    /** Iterations of {@link Thread#onSpinWait()} while spinning pays: about 3 µs at 25 ns each. */
    static final int MAX = Switches.SPIN;
    /** Spins of the probe tried every {@value #PROBE_EVERY} waits while the budget is zero, on a buffered channel. */
    private static final int PROBE = 16;
    private static final int PROBE_EVERY = 64;
    /** The same on a rendezvous channel: long enough for an idle carrier to wake and steal the partner. */
    private static final int HAND_OFF_PROBE = Switches.SPIN_PROBE;
    private static final int HAND_OFF_PROBE_EVERY = Switches.SPIN_PROBE_EVERY;
    private static final boolean MULTI_CARRIER = carriers() > 1;

    /** True when virtual threads run on more than one carrier, so that spinning can ever be met. */
    public static boolean multiCarrier() {
        return MULTI_CARRIER;
    }

    private final int probe;
    private final int probeEvery;
    private int budget = MULTI_CARRIER ? MAX : 0;
    private int sinceProbe;

    /** The spin of one channel; {@code handOff} for a rendezvous (unbuffered) channel. */
    public AdaptiveSpin(boolean handOff) {
        this.probe = handOff ? HAND_OFF_PROBE : PROBE;
        this.probeEvery = handOff ? HAND_OFF_PROBE_EVERY : PROBE_EVERY;
    }

    /** The number of spins for the next wait. */
    public int spins() {
        int b = budget;
        if (b == 0 && MULTI_CARRIER && MAX > 0 && ++sinceProbe >= probeEvery) {
            sinceProbe = 0;
            return probe;
        }
        return b;
    }

    /** Learns from a wait that spun {@code spins} times: was it met while spinning? */
    public void record(int spins, boolean met) {
        if (spins == 0) {
            return;
        }
        budget = met ? Math.min(MAX, Math.max(budget, Math.min(spins, MAX)) * 2) : budget >> 1;
    }

    private static int carriers() {
        String p = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        try {
            return p == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
