package dev.go4j.sync;

import static dev.go4j.sync.SyncTesting.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.Chan;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports of Go's sync/mutex_test.go: TestMutex (HammerMutex with TryLock), TestMutexMisuse ("unlock of
 * unlocked mutex"), TestMutexFairness (a tight re-locker cannot starve another goroutine: asserts no
 * duration, fails only on a real hang), plus the rules Go states in prose: mutual exclusion (an exact
 * counter), blocking until unlock, not owned (another goroutine may unlock), starvation mode hand-off.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MutexTest {
    /** Go's HammerMutex: goroutines lock, check exclusion, and unlock; TryLock on the way. */
    @Test
    void hammerWithTryLock() throws Exception {
        Mutex m = new Mutex();
        assertTrue(m.tryLock(), "TryLock of a free mutex");
        assertFalse(m.tryLock(), "TryLock of a locked mutex");
        m.unlock();
        int goroutines = 10;
        int iterations = scaled(2_000, 50_000);
        long[] counter = {0};
        AtomicBoolean inside = new AtomicBoolean();
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < goroutines; i++) {
                g.go(() -> {
                    for (int k = 0; k < iterations; k++) {
                        if (k % 3 == 0 && m.tryLock()) {
                            critical(inside, counter);
                            m.unlock();
                        } else {
                            m.lock();
                            critical(inside, counter);
                            m.unlock();
                        }
                    }
                });
            }
            g.joinAll();
        }
        assertTrue(counter[0] > 0);
        assertTrue(SyncState.isIdle(m), "no waiter left registered");
    }

    /** Non-atomic increments: exact only under mutual exclusion. */
    static void critical(AtomicBoolean inside, long[] counter) {
        if (!inside.compareAndSet(false, true)) {
            throw new AssertionError("two goroutines inside the mutex");
        }
        counter[0]++;
        inside.set(false);
    }

    @Test
    void exactCounterUnderContention() throws Exception {
        Mutex m = new Mutex();
        int goroutines = 8;
        int iterations = scaled(5_000, 100_000);
        long[] counter = {0};
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < goroutines; i++) {
                g.go(() -> {
                    for (int k = 0; k < iterations; k++) {
                        m.lock();
                        counter[0]++;
                        m.unlock();
                    }
                });
            }
            g.joinAll();
        }
        assertEquals((long) goroutines * iterations, counter[0]);
    }

    /** Go's TestMutexMisuse: unlocking an unlocked mutex is fatal; here an Error that changes nothing. */
    @Test
    void unlockOfUnlockedMutexThrows() throws InterruptedException {
        Mutex m = new Mutex();
        SyncError e = assertThrows(SyncError.class, m::unlock);
        assertEquals("sync: unlock of unlocked mutex", e.getMessage());
        m.lock();
        m.unlock();
        assertThrows(SyncError.class, m::unlock);
        assertTrue(m.tryLock(), "the failed unlock left the mutex usable");
    }

    @Test
    void lockBlocksUntilUnlockAndIsNotOwned() throws Exception {
        Mutex m = new Mutex();
        m.lock();
        Chan<String> done = Chan.make(1);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread t = g.go(() -> {
                m.lock();
                done.send("locked");
            });
            awaitParked(t);
            assertTrue(done.tryRecv() == null, "lock returned while the mutex was held");
            m.unlock();
            assertEquals("locked", done.recv());
            g.joinAll();
        }
        m.unlock(); // locked by the goroutine, unlocked here: not owned
        assertTrue(SyncState.isIdle(m));
    }

    /**
     * Go's TestMutexFairness: one goroutine re-locks in a tight loop, holding the mutex most of the
     * time; another must still get it a number of times. Without starvation mode the second could wait
     * for seconds at a time; the test fails only if it does not finish within the generous bound.
     */
    @Test
    void tightReLockerCannotStarveAnother() throws Exception {
        Mutex m = new Mutex();
        AtomicBoolean stop = new AtomicBoolean();
        int rounds = scaled(20, 200);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            g.go(() -> {
                while (!stop.get()) {
                    m.lock();
                    busyMicros(100);
                    m.unlock();
                }
            });
            Thread other = g.go(() -> {
                for (int i = 0; i < rounds; i++) {
                    busyMicros(100);
                    m.lock();
                    m.unlock();
                }
            });
            other.join(TestSupport.BOUND);
            assertFalse(other.isAlive(), "the second goroutine was starved");
            stop.set(true);
            g.joinAll();
        }
    }

    /** Works (not sleeps) for about {@code micros}: holds the mutex as Go's test does with Sleep. */
    static void busyMicros(long micros) {
        long end = System.nanoTime() + micros * 1_000;
        while (System.nanoTime() - end < 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * Starvation mode: a waiter that waited over 1 ms and then lost to a barger switches the mutex to
     * hand-off mode; the next unlock hands it the mutex, so a lock right after that unlock comes second.
     * (Time is let pass only to exceed Go's 1 ms threshold, nothing is ordered by it.)
     */
    @Test
    void starvingWaiterIsHandedTheMutex() throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (handOffRound()) {
                return;
            }
        }
        throw new AssertionError("the woken waiter always ran before the barger");
    }

    /**
     * One try; false if the woken waiter ran before the barger (a carrier was free after all). The
     * barger is this platform thread, and while it unlocks and barges every carrier is kept busy, so
     * that the waiter it wakes cannot run until the barger holds the mutex.
     */
    private static boolean handOffRound() throws Exception {
        Mutex m = new Mutex();
        AtomicBoolean waiterGotIt = new AtomicBoolean();
        m.lock();
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread waiter = g.go(() -> {
                m.lock();
                waiterGotIt.set(true);
                m.unlock();
            });
            awaitParked(waiter);
            busyMicros(1_500); // the waiter has now waited over 1 ms
            boolean barged = whileCarriersBusy(g, () -> {
                m.unlock(); // wakes the waiter
                return m.tryLock();
            });
            if (barged && waiterGotIt.get()) {
                m.unlock(); // the waiter had the mutex and was done before the barger came
            }
            if (!barged || waiterGotIt.get()) {
                g.joinAll();
                return false;
            }
            // The woken waiter finds the mutex locked and queues again, starving. Wait until it is
            // queued in the semaphore, not merely until it set the starving bit: a hand-off released
            // before it queues is a free permit that the next lock() takes (as in Go).
            awaitParked(waiter);
            assertTrue(SyncState.isStarving(m), "a waiter that waited over 1 ms did not switch to starvation mode");
            m.unlock(); // hands the mutex to the waiter (not owned: the barger's lock, our unlock)
            m.lock();
            assertTrue(waiterGotIt.get(), "the mutex was not handed to the starving waiter");
            m.unlock();
            g.joinAll();
        }
        assertTrue(SyncState.isIdle(m));
        return true;
    }

    /**
     * Runs {@code body} on this (platform) thread while a goroutine spins on each carrier of the
     * virtual-thread scheduler, so that no goroutine woken meanwhile runs before {@code body} returns.
     */
    private static boolean whileCarriersBusy(TestSupport.Goroutines g, BooleanSupplier body) throws InterruptedException {
        int carriers = dev.go4j.runtime.Goroutines.gomaxprocs();
        CountDownLatch spinning = new CountDownLatch(carriers);
        AtomicBoolean stop = new AtomicBoolean();
        for (int i = 0; i < carriers; i++) {
            g.go(() -> {
                spinning.countDown();
                while (!stop.get()) {
                    Thread.onSpinWait(); // holds the carrier: a virtual thread unmounts only when it blocks
                }
            });
        }
        try {
            assertTrue(spinning.await(TestSupport.BOUND.toNanos(), TimeUnit.NANOSECONDS), "a carrier stayed busy");
            return body.getAsBoolean();
        } finally {
            stop.set(true);
        }
    }
}
