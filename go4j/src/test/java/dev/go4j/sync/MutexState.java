package dev.go4j.sync;

/** The tests' probes of a {@link Mutex}'s state machine (Go's {@code mutexLocked | mutexWoken | ...} word). */
final class MutexState {
    private MutexState() {}

    /** True if unlocked with no waiter registered and no mode bit set: for tests of interruption. */
    static boolean isIdle(Mutex m) {
        return m.state == 0;
    }

    /** True if locked with one waiter registered and nobody woken: an unlock found it relocked and woke no one. */
    static boolean isLockedWithSleepingWaiter(Mutex m) {
        return m.state == (Mutex.LOCKED | Mutex.WAITER);
    }

    /** True in starvation (hand-off) mode: for tests of fairness. */
    static boolean isStarving(Mutex m) {
        return (m.state & Mutex.STARVING) != 0;
    }
}
