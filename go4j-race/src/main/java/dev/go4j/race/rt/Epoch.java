package dev.go4j.race.rt;

/** FastTrack's epoch {@code c@t}, packed in a long: thread id high, clock low; 0 is "no access". */
final class Epoch {
    private Epoch() {}

    static long of(int tid, int clock) {
        return (long) tid << 32 | (clock & 0xffffffffL);
    }

    static int tid(long e) {
        return (int) (e >>> 32);
    }

    static int clock(long e) {
        return (int) e;
    }

    /** True when the access at epoch {@code e} happens before the current point of a thread with clock {@code vc}. */
    static boolean leq(long e, VC vc) {
        return clock(e) <= vc.get(tid(e));
    }
}
