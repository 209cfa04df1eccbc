package dev.go4j.singleflight;

import static dev.go4j.TestSupport.awaitTrue;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.TestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports x/sync singleflight_test.go: TestDo, TestDoErr, TestDoChan, TestDoDupSuppress, TestForget and
 * TestPanicDo (an Error thrown by the function reaches every caller), plus DoChan joining a Do in
 * flight.
 */
@Timeout(60)
class SingleFlightTest {

    @Test
    void doReturnsTheValueUnshared() throws InterruptedException {
        SingleFlight<String, String> g = new SingleFlight<>();
        SingleFlight.Result<String> r = g.doCall("key", () -> "bar");
        assertEquals(new SingleFlight.Result<>("bar", null, false), r);
    }

    @Test
    void doReturnsTheError() throws InterruptedException {
        SingleFlight<String, String> g = new SingleFlight<>();
        Exception some = new Exception("Some error");
        SingleFlight.Result<String> r = g.doCall("key", () -> {
            throw some;
        });
        assertSame(some, r.error());
        assertNull(r.value(), "unexpected non-nil value");
    }

    @Test
    void doChanDeliversTheResult() throws InterruptedException {
        SingleFlight<String, String> g = new SingleFlight<>();
        RecvChan<SingleFlight.Result<String>> ch = g.doChan("key", () -> "bar");
        assertEquals(new SingleFlight.Result<>("bar", null, false), ch.recv());
        assertTrue(ch.isDrained() || ch.len() == 0);
    }

    @Test
    void dupSuppress() throws InterruptedException {
        SingleFlight<String, String> g = new SingleFlight<>();
        Chan<String> c = Chan.make();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        int n = 10;
        Queue<SingleFlight.Result<String>> results = new ConcurrentLinkedQueue<>();
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            callers.add(Go.go(() -> results.add(g.doCall("key", () -> {
                calls.incrementAndGet();
                entered.countDown();
                return c.recv(); // the first caller blocks here while the others pile up
            }))));
        }
        entered.await();
        // Every caller but the runner ends up waiting on the call in flight.
        awaitTrue("all callers joined the call", () -> callers.stream()
                .filter(TestSupport::isWaiting).count() == n);
        c.send("bar");
        for (Thread t : callers) {
            join(t);
        }
        assertEquals(1, calls.get(), "number of calls");
        assertEquals(n, results.size());
        for (SingleFlight.Result<String> r : results) {
            assertEquals(new SingleFlight.Result<>("bar", null, true), r, "every caller sees the shared result");
        }
    }

    @Test
    void forgetRunsTheFunctionAgainWhileTheFirstIsInFlight() throws InterruptedException {
        SingleFlight<String, Integer> g = new SingleFlight<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        Chan<Boolean> firstRelease = Chan.make();
        Chan<SingleFlight.Result<Integer>> firstResult = Chan.make(1);
        Go.go(() -> firstResult.send(g.doCall("key", () -> {
            firstStarted.countDown();
            firstRelease.recv();
            return 1;
        })));
        firstStarted.await();
        g.forget("key"); // from here the key is free again

        Chan<Boolean> secondRelease = Chan.make();
        CountDownLatch secondStarted = new CountDownLatch(1);
        RecvChan<SingleFlight.Result<Integer>> second = g.doChan("key", () -> {
            secondStarted.countDown();
            secondRelease.recv();
            return 2;
        });
        secondStarted.await();
        RecvChan<SingleFlight.Result<Integer>> third = g.doChan("key", () -> 3); // joins the second
        firstRelease.close();
        assertEquals(new SingleFlight.Result<>(1, null, false), firstResult.recv(), "the first call is unaffected");
        secondRelease.close();
        assertEquals(new SingleFlight.Result<>(2, null, true), second.recv());
        assertEquals(new SingleFlight.Result<>(2, null, true), third.recv(), "the third call joined the second");
        assertEquals(new SingleFlight.Result<>(4, null, false), g.doCall("key", () -> 4), "nothing left in flight");
    }

    @Test
    void errorThrownByTheFunctionReachesEveryDoCaller() throws InterruptedException {
        SingleFlight<String, String> g = new SingleFlight<>();
        int n = 5;
        CountDownLatch entered = new CountDownLatch(1);
        Chan<Boolean> release = Chan.make();
        AtomicInteger panicked = new AtomicInteger();
        AssertionError panic = new AssertionError("invalid memory address or nil pointer dereference");
        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            callers.add(Go.go(() -> {
                try {
                    g.doCall("key", () -> {
                        entered.countDown();
                        release.recv();
                        throw panic;
                    });
                } catch (AssertionError e) {
                    if (e == panic) {
                        panicked.incrementAndGet();
                    }
                }
            }));
        }
        entered.await();
        awaitTrue("all callers joined", () -> callers.stream()
                .filter(TestSupport::isWaiting).count() == n);
        release.close();
        for (Thread t : callers) {
            join(t);
        }
        assertEquals(n, panicked.get(), "every Do caller re-panics");
    }

    @Test
    void doChanJoinsADoInFlightAndFailureReachesAll() throws InterruptedException {
        SingleFlight<String, String> g = new SingleFlight<>();
        CountDownLatch entered = new CountDownLatch(1);
        Chan<Boolean> release = Chan.make();
        Exception boom = new Exception("boom");
        Chan<SingleFlight.Result<String>> viaDo = Chan.make(1);
        Go.go(() -> viaDo.send(g.doCall("k", () -> {
            entered.countDown();
            release.recv();
            throw boom;
        })));
        entered.await();
        RecvChan<SingleFlight.Result<String>> viaChan = g.doChan("k", () -> "never runs");
        release.close();
        assertEquals(new SingleFlight.Result<String>(null, boom, true), viaDo.recv());
        assertEquals(new SingleFlight.Result<String>(null, boom, true), viaChan.recv());
        assertFalse(g.doCall("k", () -> "again").shared());
    }
}
