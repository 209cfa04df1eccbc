package dev.go4j.sync;

import static dev.go4j.sync.SyncTesting.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.Chan;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports of Go's sync/rwmutex_test.go: TestParallelReaders (readers hold the lock together),
 * TestRWMutex (HammerRWMutex: an activity counter proves writers exclude everyone), TestRLocker, the
 * misuse tests ("RUnlock of unlocked RWMutex", "Unlock of unlocked RWMutex"), TryLock/TryRLock, and
 * writer preference (once a writer waits, new readers wait behind it).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RWMutexTest {
    /** Go's TestParallelReaders: all readers are inside at once (none can leave before all entered). */
    @Test
    void parallelReaders() throws Exception {
        RWMutex rw = new RWMutex();
        int readers = 8;
        Chan<Boolean> entered = Chan.make();
        Chan<Boolean> leave = Chan.make();
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < readers; i++) {
                g.go(() -> {
                    rw.rLock();
                    entered.send(true);
                    leave.recv();
                    rw.rUnlock();
                });
            }
            for (int i = 0; i < readers; i++) {
                entered.recv();
            }
            leave.close();
            g.joinAll();
        }
        assertTrue(rw.tryLock());
    }

    /** Go's HammerRWMutex: writers add 10000 to an activity count, readers 1; each checks it is alone. */
    @Test
    void hammer() throws Exception {
        RWMutex rw = new RWMutex();
        AtomicInteger activity = new AtomicInteger();
        int iterations = scaled(2_000, 50_000);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < 2; i++) {
                g.go(() -> {
                    for (int k = 0; k < iterations; k++) {
                        rw.lock();
                        int n = activity.addAndGet(10_000);
                        if (n != 10_000) {
                            throw new AssertionError("writer not alone: " + n);
                        }
                        activity.addAndGet(-10_000);
                        rw.unlock();
                    }
                });
            }
            for (int i = 0; i < 6; i++) {
                g.go(() -> {
                    for (int k = 0; k < iterations; k++) {
                        boolean tried = (k & 3) == 0;
                        if (tried ? !rw.tryRLock() : false) {
                            continue;
                        }
                        if (!tried) {
                            rw.rLock();
                        }
                        int n = activity.incrementAndGet();
                        if (n >= 10_000) {
                            throw new AssertionError("reader with a writer: " + n);
                        }
                        activity.decrementAndGet();
                        rw.rUnlock();
                    }
                });
            }
            g.joinAll();
        }
        assertTrue(rw.tryLock());
    }

    /** Go's TestRLocker: rLocker() locks for reading; readers share it, a writer waits for them. */
    @Test
    void rLockerLocksForReading() throws Exception {
        RWMutex rw = new RWMutex();
        Locker rl = rw.rLocker();
        assertSame(rl, rw.rLocker());
        rl.lock();
        rl.lock(); // two read locks at once
        assertFalse(rw.tryLock(), "a writer got in with readers");
        Chan<String> done = Chan.make(1);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread writer = g.go(() -> {
                rw.lock();
                done.send("writer");
                rw.unlock();
            });
            awaitParked(writer);
            rl.unlock();
            assertNull(done.tryRecv(), "the writer got in with a reader inside");
            rl.unlock();
            assertEquals("writer", done.recv());
            g.joinAll();
        }
        assertThrows(SyncError.class, rl::unlock);
    }

    @Test
    void misuseThrowsGoMessages() throws InterruptedException {
        RWMutex rw = new RWMutex();
        assertEquals("sync: RUnlock of unlocked RWMutex", assertThrows(SyncError.class, rw::rUnlock).getMessage());
        assertEquals("sync: Unlock of unlocked RWMutex", assertThrows(SyncError.class, rw::unlock).getMessage());
        rw.lock();
        assertEquals("sync: RUnlock of unlocked RWMutex", assertThrows(SyncError.class, rw::rUnlock).getMessage());
        rw.unlock();
        rw.rLock();
        assertEquals("sync: Unlock of unlocked RWMutex", assertThrows(SyncError.class, rw::unlock).getMessage());
        rw.rUnlock();
        assertTrue(rw.tryLock(), "misuse changed the state");
        rw.unlock();
    }

    @Test
    void tryLockAndTryRLock() throws InterruptedException {
        RWMutex rw = new RWMutex();
        assertTrue(rw.tryRLock());
        assertTrue(rw.tryRLock());
        assertFalse(rw.tryLock());
        rw.rUnlock();
        rw.rUnlock();
        assertTrue(rw.tryLock());
        assertFalse(rw.tryRLock());
        assertFalse(rw.tryLock());
        rw.unlock();
    }

    /** Once a writer waits, a new reader waits too, and the writer goes first. */
    @Test
    void writerPreference() throws Exception {
        RWMutex rw = new RWMutex();
        rw.rLock();
        Chan<String> order = Chan.make(2);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread writer = g.go(() -> {
                rw.lock();
                order.send("writer");
                rw.unlock();
            });
            awaitParked(writer);
            assertFalse(rw.tryRLock(), "a new reader got in past a waiting writer");
            Thread reader = g.go(() -> {
                rw.rLock();
                order.send("reader");
                rw.rUnlock();
            });
            awaitParked(reader);
            rw.rUnlock();
            assertEquals("writer", order.recv());
            assertEquals("reader", order.recv());
            g.joinAll();
        }
    }
}
