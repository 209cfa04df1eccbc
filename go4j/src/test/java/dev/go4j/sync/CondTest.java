package dev.go4j.sync;

import static dev.go4j.sync.SyncTesting.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.Chan;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports of Go's sync/cond_test.go: TestCondSignal (each signal wakes exactly one waiter, none wakes
 * spuriously), TestCondSignalGenerations (signal wakes in FIFO order), TestCondBroadcast (a broadcast
 * wakes every current waiter exactly once, round after round), TestCondSignalStealing (a later waiter
 * cannot steal a signal meant for an earlier one); plus the misuse rule (await without the lock throws
 * and spends no later signal) and a Cond over an RWMutex's read locker.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CondTest {
    /** Go's TestCondSignal. */
    @Test
    void signalWakesExactlyOne() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        int n = 4;
        Chan<Boolean> running = Chan.make(n);
        Chan<Boolean> awake = Chan.make(n);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread[] waiters = new Thread[n];
            for (int i = 0; i < n; i++) {
                waiters[i] = g.go(() -> {
                    m.lock();
                    running.send(true);
                    c.await();
                    awake.send(true);
                    m.unlock();
                });
            }
            for (int i = 0; i < n; i++) {
                running.recv();
            }
            awaitParked(waiters);
            for (int left = n; left > 0; left--) {
                assertNull(awake.tryRecv(), "a goroutine woke without a signal");
                m.lock();
                c.signal();
                m.unlock();
                awake.recv();
                m.lock(); // the woken goroutine has sent and released m: a second wake-up would show now
                m.unlock();
                assertNull(awake.tryRecv(), "one signal woke two goroutines");
            }
            c.signal(); // nobody waits: does nothing
            g.joinAll();
        }
    }

    /** Go's TestCondSignalGenerations: waiter i is woken before waiter i + 1. */
    @Test
    void signalWakesInFifoOrder() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        int n = 50;
        Chan<Boolean> running = Chan.make(n); // buffered as in Go: a goroutine sends it holding m
        Chan<Integer> awake = Chan.make(n);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < n; i++) {
                int id = i;
                g.go(() -> {
                    m.lock();
                    running.send(true);
                    c.await();
                    awake.send(id);
                    m.unlock();
                });
                if (i > 0) {
                    assertEquals(i - 1, awake.recv(), "woken out of order");
                }
                running.recv();
                m.lock();
                c.signal();
                m.unlock();
            }
            assertEquals(n - 1, awake.recv());
            g.joinAll();
        }
    }

    /** FIFO among several waiters queued at once: signals wake them in the order they began waiting. */
    @Test
    void signalOrderAmongQueuedWaiters() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        int n = 8;
        Chan<Integer> awake = Chan.make(n);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < n; i++) {
                int id = i;
                Thread t = g.go(() -> {
                    m.lock();
                    c.await();
                    awake.send(id);
                    m.unlock();
                });
                awaitParked(t);
            }
            for (int i = 0; i < n; i++) {
                c.signal();
                assertEquals(i, awake.recv());
            }
            g.joinAll();
        }
    }

    /** Go's TestCondBroadcast: every waiter of a round wakes exactly once per broadcast. */
    @Test
    void broadcastWakesEveryWaiterOnce() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        int n = 20;
        int rounds = scaled(20, 200);
        Chan<Integer> running = Chan.make(n);
        Chan<Integer> awake = Chan.make(n);
        boolean[] exit = {false};
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < n; i++) {
                int id = i;
                g.go(() -> {
                    m.lock();
                    while (!exit[0]) {
                        running.send(id);
                        c.await();
                        awake.send(id);
                    }
                    m.unlock();
                });
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < n; i++) {
                    running.recv(); // every goroutine is about to wait (it holds m until await)
                }
                if (r == rounds - 1) {
                    m.lock();
                    exit[0] = true;
                    m.unlock();
                }
                assertNull(awake.tryRecv(), "a goroutine woke without a broadcast");
                m.lock();
                c.broadcast();
                m.unlock();
                boolean[] seen = new boolean[n];
                for (int i = 0; i < n; i++) {
                    int id = awake.recv();
                    assertTrue(!seen[id], "goroutine " + id + " woke twice in one broadcast");
                    seen[id] = true;
                }
            }
            g.joinAll();
        }
    }

    /** Go's TestCondSignalStealing: a signal meant for a waiting goroutine goes to it. */
    @Test
    void signalCannotBeStolenByALaterWaiter() throws Exception {
        for (int iter = 0; iter < scaled(200, 2_000); iter++) {
            Mutex m = new Mutex();
            Cond c = new Cond(m);
            Chan<Boolean> ch = Chan.make();
            boolean[] done = {false};
            try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
                g.go(() -> {
                    m.lock();
                    ch.send(true);
                    c.await();
                    m.unlock();
                    ch.send(true);
                });
                ch.recv();
                m.lock(); // the first goroutine is now inside await
                m.unlock();
                g.go(() -> {
                    m.lock();
                    while (!done[0]) {
                        c.await();
                    }
                    m.unlock();
                });
                c.signal();
                ch.recv(); // hangs (fails at the bound) if the second goroutine stole the signal
                m.lock();
                done[0] = true;
                m.unlock();
                c.broadcast();
                g.joinAll();
            }
        }
    }

    /** Await without the lock throws the lock's misuse error, and takes no part in later signals. */
    @Test
    void awaitWithoutTheLockThrows() throws Exception {
        Mutex m = new Mutex();
        Cond c = new Cond(m);
        SyncError e = assertThrows(SyncError.class, c::await);
        assertEquals("sync: unlock of unlocked mutex", e.getMessage());
        Chan<Boolean> awake = Chan.make(1);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread w = g.go(() -> {
                m.lock();
                c.await();
                awake.send(true);
                m.unlock();
            });
            awaitParked(w);
            c.signal(); // spent on the live waiter, not on the failed await's ticket
            awake.recv();
            g.joinAll();
        }
        RWMutex rw = new RWMutex();
        assertEquals("sync: RUnlock of unlocked RWMutex",
                assertThrows(SyncError.class, new Cond(rw.rLocker())::await).getMessage());
        assertEquals("sync: Unlock of unlocked RWMutex", assertThrows(SyncError.class, new Cond(rw)::await).getMessage());
    }

    /** A Cond over a read locker: readers wait holding read locks, a writer's change wakes them. */
    @Test
    void condOverReadLocker() throws Exception {
        RWMutex rw = new RWMutex();
        Cond c = new Cond(rw.rLocker());
        boolean[] ready = {false};
        int n = 4;
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread[] readers = new Thread[n];
            for (int i = 0; i < n; i++) {
                readers[i] = g.go(() -> {
                    rw.rLock();
                    while (!ready[0]) {
                        c.await();
                    }
                    rw.rUnlock();
                });
            }
            awaitParked(readers);
            rw.lock();
            ready[0] = true;
            rw.unlock();
            c.broadcast();
            g.joinAll();
        }
        assertTrue(rw.tryLock());
    }
}
