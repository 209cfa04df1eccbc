package dev.go4j.sync;

import static dev.go4j.sync.SyncTesting.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.Chan;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * go4j's interruption rule for the sync types (Go has no interruption): an interrupted lock, rLock,
 * await or Cond.await throws {@link InterruptedException} and leaves nothing behind (nothing acquired,
 * no waiter registered or queued, no signal spent), and a hand-off racing the interrupt is never lost:
 * stress tests race interrupts against unlocks and check that every goroutine finishes and that a
 * counter guarded by the lock is exact.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SyncInterruptTest {
    /** Runs {@code blocking} in a goroutine, waits until it parks, interrupts it: it must throw. */
    private static void assertInterruptedOutOf(TestSupport.Goroutines g, Blocking blocking) throws Exception {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread t = g.go(() -> {
            try {
                blocking.run();
                outcome.complete("returned");
            } catch (InterruptedException e) {
                outcome.complete(Thread.currentThread().isInterrupted() ? "status still set" : e);
            }
        });
        awaitParked(t);
        t.interrupt();
        assertInstanceOf(InterruptedException.class, outcome.get(30, TimeUnit.SECONDS));
        t.join();
    }

    @FunctionalInterface
    interface Blocking {
        void run() throws InterruptedException;
    }

    @Test
    void interruptedLockLeavesNoWaiter() throws Exception {
        Mutex m = new Mutex();
        m.lock();
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            assertInterruptedOutOf(g, m::lock);
            m.unlock();
            assertTrue(SyncState.isIdle(m), "the interrupted waiter is still registered");
            assertTrue(m.tryLock());
            m.unlock();
        }
    }

    @Test
    void interruptedRLockAndLockLeaveNothing() throws Exception {
        RWMutex rw = new RWMutex();
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            rw.lock();
            assertInterruptedOutOf(g, rw::rLock);   // parked for the writer
            assertInterruptedOutOf(g, rw::lock);    // parked for the inner mutex
            rw.unlock();
            assertTrue(rw.tryLock(), "a reader or writer is still counted");
            rw.unlock();

            rw.rLock();
            assertInterruptedOutOf(g, rw::lock);    // parked for the reader to leave
            assertFalse(rw.tryLock(), "the reader is still in");
            rw.rUnlock();                           // completes the abandoned writer turn
            assertTrue(rw.tryRLock(), "readers are admitted again");
            rw.rUnlock();
            assertTrue(rw.tryLock(), "nothing is left locked");
            rw.unlock();
        }
    }

    @Test
    void interruptedWaitGroupAwaitLeavesNoWaiter() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            assertInterruptedOutOf(g, wg::await);
            wg.done();
            assertTrue(SyncState.isIdle(wg), "the interrupted waiter is still counted");
            wg.await();
        }
    }

    /** Cond.await re-acquires the lock before throwing, and a later signal goes to a live waiter. */
    @Test
    void interruptedCondAwaitRelocksAndSpendsNoSignal() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        Chan<String> events = Chan.make(4);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread first = g.go(() -> {
                m.lock();
                try {
                    c.await();
                    events.send("first woke");
                } catch (InterruptedException e) {
                    events.send(m.tryLock() ? "first not relocked" : "first interrupted, relocked");
                }
                m.unlock();
            });
            awaitParked(first);
            Thread second = g.go(() -> {
                m.lock();
                c.await();
                events.send("second woke");
                m.unlock();
            });
            awaitParked(second);
            first.interrupt();
            assertEquals("first interrupted, relocked", events.recv());
            c.signal();
            assertEquals("second woke", events.recv());
            g.joinAll();
        }
        assertTrue(SyncState.isIdle(m));
    }

    /**
     * Interrupts race unlock hand-offs: goroutines lock a mutex (retrying when interrupted) and
     * increment a plain counter, while an interrupter hits them at random. Every goroutine finishes,
     * the counter is exact, and the mutex ends idle: no hand-off was lost, no waiter left behind.
     */
    @Test
    void mutexStressInterruptsAgainstHandOffs() throws Exception {
        Mutex m = new Mutex();
        int goroutines = 6;
        int iterations = scaled(3_000, 50_000);
        long[] counter = {0};
        AtomicLong interrupted = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < goroutines; i++) {
                workers.add(g.go(() -> {
                    for (int k = 0; k < iterations; ) {
                        try {
                            m.lock();
                        } catch (InterruptedException e) {
                            interrupted.incrementAndGet();
                            continue;
                        }
                        Thread.interrupted(); // a lock kept in a race with the interrupt
                        counter[0]++;
                        if ((k & 7) == 0) {
                            MutexTest.busyMicros(1_200); // long holds push waiters into starvation mode
                        }
                        m.unlock();
                        k++;
                    }
                }));
            }
            interruptUntilDone(workers);
            g.joinAll();
        }
        assertEquals((long) goroutines * iterations, counter[0]);
        assertTrue(SyncState.isIdle(m), "a waiter is still registered");
        assertTrue(interrupted.get() > 0, "no interrupt hit a waiter: the test proved nothing");
    }

    /** The same race for RWMutex: writers and readers retry when interrupted; exclusion holds. */
    @Test
    void rwMutexStressInterrupts() throws Exception {
        RWMutex rw = new RWMutex();
        int iterations = scaled(2_000, 30_000);
        long[] counter = {0};
        AtomicLong readersIn = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < 3; i++) {
                workers.add(g.go(() -> {
                    for (int k = 0; k < iterations; ) {
                        try {
                            rw.lock();
                        } catch (InterruptedException e) {
                            continue;
                        }
                        Thread.interrupted();
                        assertEquals(0, readersIn.get(), "a reader inside with the writer");
                        counter[0]++;
                        rw.unlock();
                        k++;
                    }
                }));
                workers.add(g.go(() -> {
                    for (int k = 0; k < iterations; ) {
                        try {
                            rw.rLock();
                        } catch (InterruptedException e) {
                            continue;
                        }
                        Thread.interrupted();
                        readersIn.incrementAndGet();
                        Thread.onSpinWait();
                        readersIn.decrementAndGet();
                        rw.rUnlock();
                        k++;
                    }
                }));
            }
            interruptUntilDone(workers);
            g.joinAll();
        }
        assertEquals(3L * iterations, counter[0]);
        assertTrue(rw.tryLock(), "something is left locked");
        rw.unlock();
    }

    /** Interrupts random workers until all end, or the bound passes (then the join reports the hang). */
    private static void interruptUntilDone(List<Thread> workers) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long deadline = System.nanoTime() + TestSupport.BOUND.toNanos();
        while (workers.stream().anyMatch(Thread::isAlive) && System.nanoTime() - deadline < 0) {
            workers.get(r.nextInt(workers.size())).interrupt();
            Thread.yield();
        }
    }

    @Test
    void interruptedLockWithFlagSetThrowsAtOnceWhenHeld() throws Exception {
        Mutex m = new Mutex();
        m.lock();
        Thread.currentThread().interrupt();
        try {
            m.lock();
            throw new AssertionError("locked a held mutex");
        } catch (InterruptedException expected) {
            assertFalse(Thread.currentThread().isInterrupted());
        }
        m.unlock();
        assertTrue(SyncState.isIdle(m));
    }
}
