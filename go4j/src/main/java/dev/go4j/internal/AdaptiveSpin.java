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
 * and doubles after every spin that was met; at zero it stays off, trying a short probe every
 * {@value #PROBE_EVERY} waits so that a change of load is noticed. With a single carrier no spin can
 * ever be met, and the budget is always zero.
 *
 * <p>The state is a plain field updated without synchronization: a lost update only misjudges one
 * wait, and the channel stays correct whatever the budget.
 */
public final class AdaptiveSpin {
    /** Iterations of {@link Thread#onSpinWait()}: about a microsecond or two on current x86 cores. */
    static final int MAX = Integer.getInteger("go4j.spin", 128);
    private static final int PROBE = 16;
    private static final int PROBE_EVERY = 64;
    private static final boolean MULTI_CARRIER = carriers() > 1;

    /** True when virtual threads run on more than one carrier, so that spinning can ever be met. */
    public static boolean multiCarrier() {
        return MULTI_CARRIER;
    }

    private int budget = MULTI_CARRIER ? MAX : 0;
    private int sinceProbe;

    /** The number of spins for the next wait. */
    public int spins() {
        int b = budget;
        if (b == 0 && MULTI_CARRIER && MAX > 0 && ++sinceProbe >= PROBE_EVERY) {
            sinceProbe = 0;
            return PROBE;
        }
        return b;
    }

    /** Learns from a wait that spun {@code spins} times: was it met while spinning? */
    public void record(int spins, boolean met) {
        if (spins == 0) {
            return;
        }
        budget = met ? Math.min(MAX, Math.max(budget, PROBE) * 2) : budget >> 1;
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
