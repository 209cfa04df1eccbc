package dev.go4j.rate;

import static dev.go4j.TestSupport.join;
import static dev.go4j.TestSupport.onClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.TestSupport;
import dev.go4j.context.Cancelable;
import dev.go4j.context.Context;
import dev.go4j.context.ContextException;
import dev.go4j.context.Contexts;
import dev.go4j.context.WouldExceedDeadlineException;
import dev.go4j.synctest.Synctest;
import dev.go4j.time.ManualClock;
import dev.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports the clock-dependent tests of x/time/rate with an injected {@link ManualClock}, or in a
 * virtual-time bubble ({@link Synctest}) where a goroutine waits, so every wait is exact rather than
 * "close enough": TestWaitSimple, TestWaitCancel, TestWaitTimeout, TestWaitInf, TestSimultaneousRequests,
 * TestLongRunningQPS and TestSetAfterZeroLimit; plus interrupted waits, concurrent waits and the book's
 * multi-limiter (waits for all, reports the strictest limit).
 */
@Timeout(60)
class LimiterClockTest {
    static final Duration D = Duration.ofMillis(100);
    private final ManualClock clock = new ManualClock();

    private Limiter lim(double limit, int burst) {
        return onClock(clock, () -> new Limiter(limit, burst));
    }

    /** Runs awaitN in a goroutine; its outcome ("ok" or the exception) arrives in the returned reference. */
    private static Thread awaitIn(RateLimiter l, Context ctx, int n, AtomicReference<Object> outcome) {
        return Go.go(() -> {
            try {
                if (l instanceof Limiter lim) {
                    lim.awaitN(ctx, n);
                } else {
                    l.await(ctx);
                }
                outcome.set("ok");
            } catch (Exception e) {
                outcome.set(e);
            }
        });
    }

    /**
     * Waits for {@code n} tokens in a bubble (made in it, the limiter runs on its clock) and returns
     * how long the wait took: exactly the time to the reservation, as only the limiter's timer can
     * end it.
     */
    private static Duration timeToAwait(RateLimiter l, Context ctx, int n) throws Exception {
        Instant start = Time.now();
        if (l instanceof Limiter lim) {
            lim.awaitN(ctx, n);
        } else {
            l.await(ctx);
        }
        return Time.since(start);
    }

    @Test
    void waitSimple() throws Exception {
        Synctest.test(() -> {
            Limiter l = new Limiter(10, 3);
            Cancelable c = Contexts.withCancel(Contexts.background());
            c.cancel();
            assertSame(ContextException.CANCELED, assertThrows(ContextException.class, () -> l.awaitN(c.context(), 1)),
                    "already-cancelled");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> l.awaitN(Contexts.background(), 4));
            assertEquals("rate: Wait(n=4) exceeds limiter's burst 3", e.getMessage());
            assertEquals(Duration.ZERO, timeToAwait(l, Contexts.background(), 2), "act now");
            assertEquals(D.multipliedBy(2), timeToAwait(l, Contexts.background(), 3), "2 tokens short at 10/s");
            assertEquals(0, TestSupport.bubbleTimersPending(), "the timer is gone");
        });
    }

    @Test
    void waitCancelGivesTheTokensBack() throws Exception {
        Synctest.test(() -> {
            Limiter l = new Limiter(10, 3);
            Cancelable c = Contexts.withCancel(Contexts.background());
            l.awaitN(c.context(), 2); // tokens = 1
            AtomicReference<Object> outcome = new AtomicReference<>();
            awaitIn(l, c.context(), 3, outcome);
            Time.sleep(D); // tokens = -1 at the time of cancel
            c.cancel();
            Synctest.await();
            assertSame(ContextException.CANCELED, outcome.get());
            assertEquals(2.0, l.tokens(), 1e-9, "should get 3 tokens back");
            assertEquals(Duration.ZERO, timeToAwait(l, Contexts.background(), 2), "act now after cancel");
            assertEquals(0, TestSupport.bubbleTimersPending());
        });
    }

    @Test
    void waitTimeoutFailsAtOnce() throws Exception {
        Synctest.test(() -> {
            Limiter l = new Limiter(10, 3);
            Cancelable c = Contexts.withTimeout(Contexts.background(), D);
            l.awaitN(c.context(), 2); // act now
            double before = l.tokens();
            ContextException e = assertThrows(ContextException.class, () -> l.awaitN(c.context(), 3),
                    "one catch (ContextException e) covers the refused wait");
            assertInstanceOf(WouldExceedDeadlineException.class, e);
            assertEquals("rate: Wait(n=3) would exceed context deadline", e.getMessage());
            assertTrue(e.isTimeout());
            assertNull(c.context().err(), "the context itself is not done");
            assertEquals(before, l.tokens(), "a refused wait takes no tokens");
            AtomicReference<Object> outcome = new AtomicReference<>();
            awaitIn(l, c.context(), 2, outcome); // one token short: ready exactly at the deadline, so it waits
            Time.sleep(D);
            Synctest.await(); // the limiter's timer and the deadline fell due at once: either ends the wait
            assertTrue("ok".equals(outcome.get()) || outcome.get() == ContextException.DEADLINE_EXCEEDED,
                    "outcome " + outcome.get());
        });
    }

    @Test
    void waitInf() throws Exception {
        Limiter l = lim(Limiter.INF, 0);
        l.awaitN(Contexts.background(), 3); // exceeds the burst, no error
        assertEquals(0, clock.pending());
    }

    @Test
    void interruptedWaitGivesTheTokensBack() throws Exception {
        Synctest.test(() -> {
            Limiter l = new Limiter(10, 1);
            assertTrue(l.allow());
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread t = awaitIn(l, Contexts.background(), 1, outcome);
            Synctest.await();
            t.interrupt();
            Synctest.await();
            assertInstanceOf(InterruptedException.class, outcome.get());
            assertEquals(0.0, l.tokens(), 1e-9, "the reservation was cancelled");
            assertEquals(0, TestSupport.bubbleTimersPending(), "the timer was stopped");
        });
    }

    @Test
    void simultaneousRequests() throws InterruptedException {
        int limit = 1, burst = 5, numRequests = 15;
        Limiter l = lim(limit, burst); // the manual clock never moves: no refill
        AtomicInteger numOk = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < numRequests; i++) {
            ts.add(Go.go(() -> {
                if (l.allow()) {
                    numOk.incrementAndGet();
                }
            }));
        }
        for (Thread t : ts) {
            join(t);
        }
        assertEquals(burst, numOk.get());
    }

    @Test
    void longRunningQps() {
        int limit = 100, burst = 100;
        Limiter l = lim(limit, burst);
        int numOk = 0;
        Duration total = Duration.ofSeconds(5);
        Duration step = Duration.ofMillis(2); // ~500 requests per second offered
        for (Duration elapsed = Duration.ZERO; elapsed.compareTo(total) < 0; elapsed = elapsed.plus(step)) {
            if (l.allow()) {
                numOk++;
            }
            clock.advance(step);
        }
        double ideal = burst + limit * (total.toNanos() / 1e9);
        assertTrue(numOk <= (int) (ideal + 1), "numOk = " + numOk + ", ideal " + ideal);
        assertTrue(numOk >= (int) (0.999 * ideal), "numOk = " + numOk + ", ideal " + ideal);
    }

    @Test
    void setAfterZeroLimit() throws Exception {
        Synctest.test(() -> {
            Limiter l = new Limiter(0, 1);
            assertTrue(l.allow(), "a zero limit starts full");
            assertFalse(l.allow(), "and never refills");
            l.setLimit(10);
            assertEquals(D, timeToAwait(l, Contexts.background(), 1));
            l.setBurst(4);
            assertEquals(4, l.burst());
        });
    }

    @Test
    void reservationDelayUsesTheClock() {
        Limiter l = lim(10, 1);
        assertEquals(Duration.ZERO, l.reserve().delay());
        Reservation r = l.reserve();
        assertEquals(D, r.delay());
        clock.advance(D.dividedBy(4));
        assertEquals(D.multipliedBy(3).dividedBy(4), r.delay());
        r.cancel();
        assertEquals(0.25, l.tokens(), 1e-9, "cancelled before its time: the token comes back");
    }

    /** The limiter's clock is exposed: its now() is Go's time.Now() for the forms that take a time. */
    @Test
    void timeTakingFormsReadTheLimitersClock() {
        Limiter l = lim(10, 1);
        assertSame(clock, l.clock());
        assertTrue(l.allowN(l.clock().now(), 1));
        assertFalse(l.allow(), "allowN(now) took the token allow() would take");
        assertEquals(0.0, l.tokensAt(clock.now()), 1e-9);
        clock.advance(D);
        assertEquals(l.tokens(), l.tokensAt(clock.now()));
        Reservation r = l.reserveN(clock.now(), 1);
        assertEquals(Duration.ZERO, r.delayFrom(clock.now()));
        Reservation next = l.reserve();
        assertEquals(D, next.delayFrom(clock.now()));
        assertEquals(D.dividedBy(2), next.delayFrom(clock.now().plus(D.dividedBy(2))));
        next.cancelAt(clock.now());
        assertTrue(l.reserveN(clock.now().plus(D), 1).delayFrom(clock.now().plus(D)).isZero(),
                "the cancelled reservation gave its token back");
    }

    @Test
    void multiLimiterWaitsForAllAndReportsTheStrictest() throws Exception {
        Synctest.test(() -> {
            Limiter perSecond = new Limiter(Limiter.every(Duration.ofMillis(500)), 2); // 2 per second
            Limiter perMinute = new Limiter(Limiter.every(Duration.ofSeconds(6)), 10); // 10 per minute
            RateLimiter api = MultiLimiter.of(perSecond, perMinute);
            assertEquals(perMinute.limit(), api.limit(), 1e-12, "the strictest limit");
            List<Duration> waits = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                waits.add(timeToAwait(api, Contexts.background(), 1));
            }
            List<Duration> paced = new ArrayList<>(List.of(Duration.ZERO, Duration.ZERO));
            paced.addAll(Collections.nCopies(8, Duration.ofMillis(500)));
            assertEquals(paced, waits, "2 at once, then paced by the per-second limiter");
            // 4 s have passed: the per-minute bucket has refilled only 2/3 of a token, so the eleventh
            // event waits 2 s for it, although the per-second limiter would allow it after 500 ms.
            assertEquals(2.0 / 3, perMinute.tokens(), 1e-9);
            assertEquals(Duration.ofSeconds(2), timeToAwait(api, Contexts.background(), 1));
            assertThrows(IllegalArgumentException.class, MultiLimiter::of);
        });
    }

    /**
     * Twenty goroutines wait on one limiter of 1/s, burst 1 (the book's C5-12): one goes at once, each
     * of the others exactly a second after the previous, whatever order they come in.
     */
    @Test
    void concurrentWaitsAreServedOnePerInterval() throws Exception {
        Synctest.test(() -> {
            Limiter l = new Limiter(1, 1);
            Chan<Duration> served = Chan.make(20);
            Instant start = Time.now();
            for (int i = 0; i < 20; i++) {
                Go.go(() -> {
                    l.await(Contexts.background());
                    served.send(Time.since(start));
                });
            }
            List<Duration> times = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                times.add(served.recv());
            }
            List<Duration> expected = new ArrayList<>();
            for (int s = 0; s < 20; s++) {
                expected.add(Duration.ofSeconds(s));
            }
            assertEquals(expected, times);
        });
    }

    @Test
    void nothingPendingAfterQuickWaits() throws Exception {
        Limiter l = lim(10, 3);
        Cancelable c = onClock(clock, () -> Contexts.withTimeout(Contexts.background(), D));
        l.awaitN(c.context(), 3);
        c.cancel();
        assertNull(c.context().value("x"));
        assertEquals(0, clock.pending());
    }
}
