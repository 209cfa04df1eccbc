package dev.go4j.rate;

import static dev.go4j.TestSupport.onClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ports the table tests of x/time/rate rate_test.go, on explicit times (the forms that take an
 * {@link Instant}, as Go's take a {@code time.Time}), so the clock never matters; the limiters are made
 * on a {@link ManualClock} that starts at {@code T0} only so that reservation times read as offsets: TestLimit, TestEvery, TestLimiterBurst1/3, TestLimiterJumpBackwards,
 * TestLimiter_noTruncationErrors, TestSimpleReserve, TestMix, the TestCancel* family,
 * TestReserveJumpBack(Cancel), TestReserveSetLimit/SetBurst/SetLimitCancel, TestReserveMax,
 * TestZeroLimit and TestTinyLimit, plus tokens().
 */
class LimiterTableTest {
    static final long D = Duration.ofMillis(100).toNanos();
    static final Instant T0 = Instant.parse("2009-11-10T23:00:00Z");
    static final Instant T1 = t(1), T2 = t(2), T3 = t(3), T4 = t(4), T5 = t(5), T9 = t(9);

    static Instant t(int k) {
        return T0.plusNanos(k * D);
    }

    record Allow(Instant t, int n, boolean ok) {}

    static void run(Limiter lim, Allow... allows) {
        for (int i = 0; i < allows.length; i++) {
            Allow a = allows[i];
            assertEquals(a.ok(), lim.allowN(a.t(), a.n()), "step " + i + ": allowN(t" + dSince(a.t()) + ", " + a.n() + ")");
        }
    }

    /** Multiples of D since T0, rounded to the nearest, as Go's dSince. */
    static long dSince(Instant t) {
        return dSince(Duration.between(T0, t).toNanos());
    }

    /** The same for a time on the limiter's scale, where T0 is 0. */
    static long dSince(long nanos) {
        return Math.floorDiv(nanos + D / 2, D);
    }

    record Request(Instant t, int n, Instant act, boolean ok) {}

    static Reservation reserve(Limiter lim, Request req) {
        return reserveMax(lim, req, Limiter.INF_NANOS);
    }

    static Reservation reserveMax(Limiter lim, Request req, long max) {
        Reservation r = lim.reserveN(lim.nanosOf(req.t()), req.n(), max);
        assertEquals(req.ok(), r.ok(), "reserveN(t" + dSince(req.t()) + ", " + req.n() + ").ok");
        if (r.ok()) {
            assertEquals(dSince(req.act()), dSince(r.timeToAct), "reserveN(t" + dSince(req.t()) + ", " + req.n()
                    + ") acts at t" + dSince(r.timeToAct));
        }
        return r;
    }

    static Limiter lim(double limit, int burst) {
        return onClock(new ManualClock(T0), () -> new Limiter(limit, burst));
    }

    @Test
    void limitAndEvery() {
        assertNotEquals(Limiter.INF, 10.0);
        record Case(Duration interval, double lim) {}
        List<Case> cases = List.of(new Case(Duration.ZERO, Limiter.INF), new Case(Duration.ofNanos(-1), Limiter.INF),
                new Case(Duration.ofNanos(1), 1e9), new Case(Duration.ofNanos(1000), 1e6),
                new Case(Duration.ofMillis(1), 1e3), new Case(Duration.ofMillis(10), 100),
                new Case(Duration.ofMillis(100), 10), new Case(Duration.ofSeconds(1), 1),
                new Case(Duration.ofSeconds(2), 0.5), new Case(Duration.ofMillis(2500), 0.4),
                new Case(Duration.ofSeconds(4), 0.25), new Case(Duration.ofSeconds(10), 0.1),
                new Case(Duration.ofNanos(Long.MAX_VALUE), 1e9 / (double) Long.MAX_VALUE));
        for (Case c : cases) {
            double got = Limiter.every(c.interval());
            assertTrue(Math.abs(got / c.lim()) - 1.0 < 1e-9, "every(" + c.interval() + ") = " + got + " want " + c.lim());
        }
    }

    @Test
    void burst1() {
        run(lim(10, 1), new Allow(T0, 1, true), new Allow(T0, 1, false), new Allow(T0, 1, false),
                new Allow(T1, 1, true), new Allow(T1, 1, false), new Allow(T1, 1, false),
                new Allow(T2, 2, false), // burst size is 1, so n=2 always fails
                new Allow(T2, 1, true), new Allow(T2, 1, false));
    }

    @Test
    void burst3() {
        run(lim(10, 3), new Allow(T0, 2, true), new Allow(T0, 2, false), new Allow(T0, 1, true),
                new Allow(T0, 1, false), new Allow(T1, 4, false), new Allow(T2, 1, true), new Allow(T3, 1, true),
                new Allow(T4, 1, true), new Allow(T4, 1, true), new Allow(T4, 1, false), new Allow(T4, 1, false),
                new Allow(T9, 3, true), new Allow(T9, 0, true));
    }

    @Test
    void jumpBackwards() {
        run(lim(10, 3), new Allow(T1, 1, true), // start at t1
                new Allow(T0, 1, true), // jump back to t0, two tokens remain
                new Allow(T0, 1, true), new Allow(T0, 1, false), new Allow(T0, 1, false),
                new Allow(T1, 1, true), // got a token
                new Allow(T1, 1, false), new Allow(T1, 1, false),
                new Allow(T2, 1, true), // got another token
                new Allow(T2, 1, false), new Allow(T2, 1, false));
    }

    @Test
    void noTruncationErrors() {
        Limiter l = lim(0.7692307692307693, 1);
        assertTrue(l.allowN(T0, 1));
        // 1.3 s is exactly one token at this rate: the split conversion of seconds does not lose it.
        assertTrue(l.allowN(T0.plusNanos(1_300_000_000L), 1));
    }

    @Test
    void zeroAndTinyLimits() {
        Limiter zero = lim(0, 1);
        assertTrue(zero.allowN(T0, 1), "Limit(0, 1) want true when first used");
        assertFalse(zero.allowN(T0, 1), "Limit(0, 1) want false when already used");
        assertFalse(zero.allowN(T9, 1), "a zero limit never refills");
        assertFalse(zero.reserveN(zero.nanosOf(T9), 1, D).ok(), "a zero limit cannot be waited for within a bound");
        zero.setLimitAt(T9, 10); // TestSetAfterZeroLimit: a limit set later refills from then on
        assertEquals(zero.nanosOf(T9.plusNanos(D)), reserve(zero, new Request(T9, 1, T9.plusNanos(D), true)).timeToAct);

        Limiter tiny = lim(1e-10, 1);
        assertTrue(tiny.allowN(T0, 1), "the bucket starts with one token");
        assertFalse(tiny.allowN(T9, 1), "no refill yet at a tiny limit");
    }

    @Test
    void simpleReserve() {
        Limiter l = lim(10, 2);
        reserve(l, new Request(T0, 2, T0, true));
        reserve(l, new Request(T0, 2, T2, true));
        reserve(l, new Request(T3, 2, T4, true));
    }

    @Test
    void mix() {
        Limiter l = lim(10, 2);
        reserve(l, new Request(T0, 3, T1, false)); // n > burst
        reserve(l, new Request(T0, 2, T0, true));
        run(l, new Allow(T1, 2, false)); // not enough tokens
        reserve(l, new Request(T1, 2, T2, true));
        run(l, new Allow(T1, 1, false)); // negative tokens
        run(l, new Allow(T3, 1, true));
    }

    @Test
    void cancelInvalid() {
        Limiter l = lim(10, 2);
        reserve(l, new Request(T0, 2, T0, true));
        Reservation r = reserve(l, new Request(T0, 3, T3, false));
        r.cancelAt(T0); // no effect
        reserve(l, new Request(T0, 2, T2, true)); // did not get extra tokens
    }

    @Test
    void cancelLast() {
        Limiter l = lim(10, 2);
        reserve(l, new Request(T0, 2, T0, true));
        Reservation r = reserve(l, new Request(T0, 2, T2, true));
        r.cancelAt(T1); // got 2 tokens back
        reserve(l, new Request(T1, 2, T2, true));
    }

    @Test
    void cancelTooLate() {
        Limiter l = lim(10, 2);
        reserve(l, new Request(T0, 2, T0, true));
        Reservation r = reserve(l, new Request(T0, 2, T2, true));
        r.cancelAt(T3); // too late: no effect
        reserve(l, new Request(T3, 2, T4, true));
    }

    @Test
    void cancel0Tokens() {
        Limiter l = lim(10, 2);
        reserve(l, new Request(T0, 2, T0, true));
        Reservation r = reserve(l, new Request(T0, 1, T1, true));
        reserve(l, new Request(T0, 1, T2, true));
        r.cancelAt(T0); // got 0 tokens back
        reserve(l, new Request(T0, 1, T3, true));
    }

    @Test
    void cancel1Token() {
        Limiter l = lim(10, 2);
        reserve(l, new Request(T0, 2, T0, true));
        Reservation r = reserve(l, new Request(T0, 2, T2, true));
        reserve(l, new Request(T0, 1, T3, true));
        r.cancelAt(T2); // got 1 token back
        reserve(l, new Request(T2, 2, T4, true));
    }

    @Test
    void cancelMulti() {
        Limiter l = lim(10, 4);
        reserve(l, new Request(T0, 4, T0, true));
        Reservation rA = reserve(l, new Request(T0, 3, T3, true));
        reserve(l, new Request(T0, 1, T4, true));
        Reservation rC = reserve(l, new Request(T0, 1, T5, true));
        rC.cancelAt(T1); // get 1 token back
        rA.cancelAt(T1); // get 2 tokens back, as if C was never reserved
        reserve(l, new Request(T1, 3, T5, true));
    }

    @Test
    void reserveJumpBack() {
        Limiter l = lim(10, 2);
        reserve(l, new Request(T1, 2, T1, true)); // start at t1
        reserve(l, new Request(T0, 1, T1, true)); // violates Limit, Burst
        reserve(l, new Request(T2, 2, T3, true));
    }

    @Test
    void reserveJumpBackCancel() {
        Limiter l = lim(10, 2);
        reserve(l, new Request(T1, 2, T1, true)); // start at t1
        Reservation r = reserve(l, new Request(T1, 2, T3, true));
        reserve(l, new Request(T1, 1, T4, true));
        r.cancelAt(T0); // cancel at t0, get 1 token back
        reserve(l, new Request(T1, 2, T4, true)); // violates Limit, Burst
    }

    @Test
    void reserveSetLimit() {
        Limiter l = lim(5, 2);
        reserve(l, new Request(T0, 2, T0, true));
        reserve(l, new Request(T0, 2, T4, true));
        l.setLimitAt(T2, 10);
        reserve(l, new Request(T2, 1, T4, true)); // violates Limit and Burst
    }

    @Test
    void reserveSetBurst() {
        Limiter l = lim(5, 2);
        reserve(l, new Request(T0, 2, T0, true));
        reserve(l, new Request(T0, 2, T4, true));
        l.setBurstAt(T3, 4);
        reserve(l, new Request(T0, 4, T9, true)); // violates Limit and Burst
    }

    @Test
    void reserveSetLimitCancel() {
        Limiter l = lim(5, 2);
        reserve(l, new Request(T0, 2, T0, true));
        Reservation r = reserve(l, new Request(T0, 2, T4, true));
        l.setLimitAt(T2, 10);
        r.cancelAt(T2); // 2 tokens back
        reserve(l, new Request(T2, 2, T3, true));
    }

    @Test
    void reserveMax() {
        Limiter l = lim(10, 2);
        reserveMax(l, new Request(T0, 2, T0, true), D);
        reserveMax(l, new Request(T0, 1, T1, true), D); // reserve for close future
        reserveMax(l, new Request(T0, 1, T2, false), D); // time to act too far in the future
    }

    @Test
    void notOkReservation() {
        Reservation r = lim(10, 1).reserveN(T0, 2);
        assertFalse(r.ok());
        assertEquals(Limiter.INF_DURATION, r.delayFrom(T0));
        Reservation ok = lim(10, 1).reserveN(T0, 1);
        assertEquals(Duration.ZERO, ok.delayFrom(T1), "a time to act in the past is a zero delay");
    }

    @Test
    void tokensAt() {
        Limiter l = lim(10, 3);
        assertEquals(3.0, l.tokensAt(T0));
        l.reserveN(T0, 3);
        l.reserveN(T0, 2);
        assertEquals(-2.0, l.tokensAt(T0), 1e-9);
        assertEquals(0.0, l.tokensAt(T2), 1e-9);
        assertEquals(3.0, l.tokensAt(T9));
        assertEquals(10.0, l.limit());
        assertEquals(3, l.burst());
    }

    @Test
    void infiniteLimitAllowsEverything() {
        Limiter l = lim(Limiter.INF, 0);
        List<Boolean> got = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            got.add(l.allowN(T0, 1000));
        }
        assertEquals(List.of(true, true, true, true, true), got);
        Reservation r = l.reserveN(T0, 7);
        r.cancelAt(T0);
        assertEquals(Duration.ZERO, r.delayFrom(T0));
    }
}
