package dev.go4j.sync;

/**
 * The tests' probes of the state words of the sync types, read from their package-private fields so
 * that no probe ships in production code: {@link Mutex}'s (Go's {@code mutexLocked | mutexWoken | ...})
 * and {@link WaitGroup}'s (counter and waiters).
 */
final class SyncState {
    private SyncState() {}

    /** True if unlocked with no waiter registered and no mode bit set: for tests of interruption. */
    static boolean isIdle(Mutex m) {
        return m.state == 0;
    }

    /** True if the counter is 0 and no waiter is registered: for tests of interruption and misuse. */
    static boolean isIdle(WaitGroup wg) {
        return wg.state == 0;
    }

    /** True in starvation (hand-off) mode: for tests of fairness. */
    static boolean isStarving(Mutex m) {
        return (m.state & Mutex.STARVING) != 0;
    }
}
