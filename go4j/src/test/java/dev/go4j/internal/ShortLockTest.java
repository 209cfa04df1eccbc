package dev.go4j.internal;

import static dev.go4j.TestSupport.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lock of every channel, as a channel uses it: subclassed so that the state it guards lives in the
 * lock's own object (as a channel's Core does), taken with {@code lock()}, released by the plain write
 * {@code held = 0} and then {@code wakeAcquirer()}. Mutual exclusion over the subclass's plain fields,
 * a contended acquirer that parks in the AQS queue and is woken by the release, and a release whose
 * write alone frees the lock for an acquirer that is not queued.
 */
@Timeout(60)
class ShortLockTest {
    /** A lock with the state it guards in its own object: plain fields, written only under the lock. */
    static final class Counter extends ShortLock {
        long count;
        boolean inside;
    }

    /** Takes {@code c}'s lock and releases it as the channels do: the plain write, then the wake-up. */
    private static void increment(Counter c) {
        c.lock();
        try {
            assertFalse(c.inside, "two holders at once");
            c.inside = true;
            c.count++;
            c.inside = false;
        } finally {
            c.held = 0;
            c.wakeAcquirer();
        }
    }

    @Test
    void guardsTheSubclassesFields() throws InterruptedException {
        Counter c = new Counter();
        int goroutines = 8;
        int each = TestSupport.scaled(20_000, 200_000);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < goroutines; i++) {
                g.go(() -> {
                    for (int k = 0; k < each; k++) {
                        increment(c);
                    }
                });
            }
            g.joinAll();
        }
        assertEquals((long) goroutines * each, c.count, "no increment lost, none doubled");
        assertEquals(0, c.held, "free once every holder released it");
    }

    @Test
    void aContendedAcquirerParksOnTheLockAndTheReleaseWakesIt() throws InterruptedException {
        Counter c = new Counter();
        c.lock();
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread t = g.go(() -> increment(c));
            awaitTrue("the acquirer parked in the lock's queue",
                    () -> LockSupport.getBlocker(t) == c && c.hasQueuedThreads());
            assertSame(c, LockSupport.getBlocker(t), "parked on the lock object itself");
            assertEquals(0, c.count, "the acquirer did not get in while the lock was held");
            c.held = 0;
            c.wakeAcquirer();
            g.joinAll();
        }
        assertEquals(1, c.count);
        assertFalse(c.hasQueuedThreads(), "the woken acquirer left the queue");
    }

    @Test
    void thePlainWriteAloneFreesTheLock() {
        Counter c = new Counter();
        c.lock();
        assertEquals(1, c.held);
        c.held = 0; // what a finally writes first; with no acquirer queued, nothing is left to wake
        assertFalse(c.hasQueuedThreads());
        c.lock(); // would park forever if the write had not freed it
        assertEquals(1, c.held);
        c.unlock();
        assertEquals(0, c.held);
        assertTrue(!c.hasQueuedThreads());
    }
}
