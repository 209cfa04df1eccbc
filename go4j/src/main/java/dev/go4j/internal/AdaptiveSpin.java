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
 * <p>On a rendezvous (unbuffered) channel the probe is long (1,024 spins by default, about 25 µs at
 * 25 ns per {@code onSpinWait}) because of how a pair of parties falls out of spinning. Once both park
 * on every hand-off, the party that wakes its partner has the partner queued on its own carrier (the
 * JDK's scheduler pushes an unparked virtual thread onto the waker's queue), so the partner can only
 * meet a spin if the other carrier, now idle, wakes up and steals it: that takes tens of microseconds.
 * A shorter probe does not cover it (on two cores, 512 spins do not), and the pair stays at a park and
 * a wake-up per value (about 1 µs, against 150 ns while both spin). Tried once every 512 waits, a probe
 * that is not met costs at most about 50 ns per wait. A buffered channel keeps the short probe
 * ({@value #PROBE} spins): its parties wait only when the buffer is full or empty, values move in
 * batches meanwhile, and a long probe costs throughput there (it holds a carrier while other goroutines
 * are ready to run).
 *
 * <p>The state is one {@code int} per channel (the budget in the high half, the waits since the last
 * probe in the low half), kept in a plain field of the channel and updated without synchronization: a
 * lost update only misjudges one wait, and the channel stays correct whatever the budget. A field, not
 * an object, so that a channel carries no extra object for it.
 */
public final class AdaptiveSpin {
    /** Iterations of {@link Thread#onSpinWait()} while spinning pays: about 3 µs at 25 ns each. */
    static final int MAX = Math.min(0x7FFF, Switches.SPIN); // the budget's half of the state
    /** Spins of the probe tried every {@value #PROBE_EVERY} waits while the budget is zero, on a buffered channel. */
    private static final int PROBE = 16;
    private static final int PROBE_EVERY = 64;
    /** The same on a rendezvous channel: long enough for an idle carrier to wake and steal the partner. */
    private static final int HAND_OFF_PROBE = Switches.SPIN_PROBE;
    private static final int HAND_OFF_PROBE_EVERY = Math.min(0xFFFF, Switches.SPIN_PROBE_EVERY);
    private static final boolean MULTI_CARRIER = carriers() > 1;
    private static final boolean PROBING = MULTI_CARRIER && MAX > 0;

    private AdaptiveSpin() {}

    /** True when virtual threads run on more than one carrier, so that spinning can ever be met. */
    public static boolean multiCarrier() {
        return MULTI_CARRIER;
    }

    /** The state of a new channel. */
    public static int initial() {
        return MULTI_CARRIER ? MAX << 16 : 0;
    }

    /**
     * The number of spins for the next wait on a channel in state {@code s}; {@code handOff} for a
     * rendezvous (unbuffered) channel.
     */
    public static int spins(int s, boolean handOff) {
        int budget = s >>> 16;
        if (budget == 0 && PROBING && (s & 0xFFFF) + 1 >= (handOff ? HAND_OFF_PROBE_EVERY : PROBE_EVERY)) {
            return handOff ? HAND_OFF_PROBE : PROBE;
        }
        return budget;
    }

    /**
     * The state after a wait that spun {@code spins} times (as {@link #spins} said): the budget doubles
     * if the wait was {@code met} while spinning and halves if not; at zero, the waits are counted
     * toward the next probe.
     */
    public static int after(int s, int spins, boolean met) {
        int budget = s >>> 16;
        int sinceProbe = s & 0xFFFF;
        if (budget == 0 && PROBING) {
            sinceProbe = spins > 0 ? 0 : sinceProbe + 1;
        }
        if (spins > 0) {
            budget = met ? Math.min(MAX, Math.max(budget, Math.min(spins, MAX)) * 2) : budget >> 1;
        }
        return budget << 16 | sinceProbe;
    }

    /** The virtual-thread scheduler's parallelism: {@code jdk.virtualThreadScheduler.parallelism}, else the processors. */
    public static int carriers() {
        String p = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        try {
            return p == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }
}
