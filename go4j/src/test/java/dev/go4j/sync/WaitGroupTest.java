package dev.go4j.sync;

import static dev.go4j.sync.SyncTesting.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.Chan;
import dev.go4j.Go;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports of Go's sync/waitgroup_test.go: TestWaitGroup (two groups in lock step, reused across rounds),
 * TestWaitGroupMisuse ("negative WaitGroup counter"), TestWaitGroupRace (await sees every done),
 * TestWaitGroupGo (Go 1.25), plus no early wake-up and await on a zero counter.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WaitGroupTest {
    /** Go's TestWaitGroup: n goroutines done wg1 then wait on wg2; the main goroutine releases them. */
    @Test
    void lockStepAndReuse() throws Exception {
        WaitGroup wg1 = new WaitGroup();
        WaitGroup wg2 = new WaitGroup();
        int n = 16;
        for (int round = 0; round < 8; round++) { // the same groups, reused
            wg1.add(n);
            wg2.add(n);
            Chan<Boolean> exited = Chan.make(n);
            for (int i = 0; i < n; i++) {
                Go.go(() -> {
                    wg1.done();
                    wg2.await();
                    exited.send(true);
                });
            }
            wg1.await();
            for (int i = 0; i < n; i++) {
                assertNull(exited.tryRecv(), "a goroutine passed wg2.await early");
                wg2.done();
            }
            for (int i = 0; i < n; i++) {
                exited.recv();
            }
        }
    }

    /** Go's TestWaitGroupMisuse. */
    @Test
    void negativeCounterThrows() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        wg.done();
        SyncError e = assertThrows(SyncError.class, wg::done);
        assertEquals("sync: negative WaitGroup counter", e.getMessage());
        assertThrows(SyncError.class, () -> wg.add(-5));
        assertTrue(SyncState.isIdle(wg), "the failed add changed the counter");
        wg.await();
    }

    /** Go's TestWaitGroupRace: after await, every done's effects are visible. */
    @Test
    void awaitSeesEveryDone() throws Exception {
        for (int i = 0; i < scaled(1_000, 20_000); i++) {
            WaitGroup wg = new WaitGroup();
            AtomicInteger n = new AtomicInteger();
            int[] plain = new int[2];
            wg.add(2);
            Go.go(() -> {
                plain[0] = 1;
                n.incrementAndGet();
                wg.done();
            });
            Go.go(() -> {
                plain[1] = 1;
                n.incrementAndGet();
                wg.done();
            });
            wg.await();
            assertEquals(2, n.get());
            assertEquals(2, plain[0] + plain[1], "a done's writes are not visible after await");
        }
    }

    /** Go 1.25's WaitGroup.Go: counted goroutines; done even if the task throws. */
    @Test
    void goCountsTheGoroutine() throws Exception {
        WaitGroup wg = new WaitGroup();
        AtomicInteger ran = new AtomicInteger();
        Go.setPanicHandler((t, e) -> { });
        try {
            for (int i = 0; i < 10; i++) {
                int k = i;
                wg.go(() -> {
                    ran.incrementAndGet();
                    if (k == 3) {
                        throw new IllegalStateException("boom");
                    }
                });
            }
            wg.await();
        } finally {
            Go.setPanicHandler(null);
        }
        assertEquals(10, ran.get());
        assertTrue(SyncState.isIdle(wg));
    }

    /** Waiters park until the very last done, not before. */
    @Test
    void noEarlyWakeUp() throws Exception {
        WaitGroup wg = new WaitGroup();
        int n = 5;
        wg.add(n);
        Chan<Boolean> woke = Chan.make(3);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread[] waiters = new Thread[3];
            for (int i = 0; i < waiters.length; i++) {
                waiters[i] = g.go(() -> {
                    wg.await();
                    woke.send(true);
                });
            }
            awaitParked(waiters);
            for (int i = 0; i < n - 1; i++) {
                wg.done();
                for (Thread w : waiters) {
                    awaitParked(w);
                }
                assertNull(woke.tryRecv(), "woken with the counter above 0");
            }
            wg.done();
            for (int i = 0; i < waiters.length; i++) {
                woke.recv();
            }
            g.joinAll();
        }
        assertTrue(SyncState.isIdle(wg));
    }

    @Test
    void awaitOnZeroReturnsAtOnce() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        wg.await();
        wg.add(1);
        wg.done();
        wg.await();
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
