package dev.go4j.runtime;

import static dev.go4j.TestSupport.awaitTrue;
import static dev.go4j.TestSupport.parkedInGo4j;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.TestSupport;
import dev.go4j.sync.Locker;
import dev.go4j.sync.WaitGroup;
import java.util.Arrays;

/** Helpers of the lock-diagnostics tests: goroutines that take two locks, and a "waits for a lock" probe. */
final class LockTesting {
    private LockTesting() {}

    /** False when run with {@code -Dgo4j.lockCycles=false}: the cycle tests are then skipped. */
    static final boolean CYCLES_DETECTED = !"false".equals(System.getProperty("go4j.lockCycles"));

    /**
     * Starts a goroutine that locks {@code first}, arrives at {@code allHoldOne} and waits for everybody
     * to hold their first lock, then locks {@code second}; it unlocks what it holds before it ends. With
     * the locks in a ring, this is the book's chapter 1 deadlock without its sleep. Its result is
     * {@code "both"}, or {@code "interrupted"} if interrupted while waiting for {@code second}.
     */
    static TestSupport.Call<String> lockInOrder(TestSupport.Goroutines g, Locker first, Locker second,
            WaitGroup allHoldOne) {
        return g.call(() -> {
            first.lock();
            try {
                allHoldOne.done();
                allHoldOne.await();
                second.lock();
                second.unlock();
                return "both";
            } catch (InterruptedException e) {
                return "interrupted";
            } finally {
                first.unlock();
            }
        });
    }

    /** Waits, without sleeping, until {@code t} is parked inside a go4j {@code lock} or {@code rLock} call. */
    static void awaitLockWait(Thread t) {
        awaitTrue(t.getName() + " waits for a lock", () -> {
            if (t.getState() == Thread.State.TERMINATED) {
                fail(t.getName() + " ended instead of waiting for a lock");
            }
            return Arrays.stream(t.getStackTrace()).anyMatch(LockTesting::isLockCall) && parkedInGo4j(t);
        });
    }

    private static boolean isLockCall(StackTraceElement f) {
        return f.getClassName().startsWith("dev.go4j.sync.")
                && (f.getMethodName().equals("lock") || f.getMethodName().equals("rLock"));
    }
}
