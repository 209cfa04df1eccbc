package dev.go4j.time;

import static dev.go4j.TestSupport.BOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tickers: ports of the shape of Go's TestTicker, TestTeardown, TestTick, TestNewTickerLtZeroDuration,
 * TestTickerResetLtZeroDuration and TestTickTimes (src/time/tick_test.go) on a {@link ManualClock}:
 * a tick every period with the due time as value, reset changes the period, stop ends the ticks, a
 * slow receiver misses ticks and gets the oldest unreceived one, non-positive periods throw with Go's
 * messages; and one system-clock run that asserts no duration.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TickerTest {
    private static final Duration P = Duration.ofMillis(20);

    private final ManualClock clock = new ManualClock();

    private Instant at(Duration sinceStart) {
        return Instant.parse("2000-01-01T00:00:00Z").plus(sinceStart);
    }

    /** TestTicker: ticks every period; reset doubles it; stop ends it. */
    @Test
    void ticksEveryPeriodAndResetChangesIt() throws Exception {
        Ticker t = Clock.using(clock, () -> Time.newTicker(P));
        RecvChan<Instant> c = t.c();
        for (int i = 1; i <= 5; i++) {
            clock.advance(P.minusNanos(1));
            assertNull(c.tryRecv(), "tick before its time");
            clock.advance(Duration.ofNanos(1));
            assertEquals(at(P.multipliedBy(i)), c.tryRecv(), "tick " + i);
        }
        t.reset(P.multipliedBy(2)); // at 5P: next ticks at 7P, 9P, ...
        clock.advance(P);
        assertNull(c.tryRecv(), "reset must restart the period from now");
        clock.advance(P);
        assertEquals(at(P.multipliedBy(7)), c.tryRecv());
        clock.advance(P.multipliedBy(2));
        assertEquals(at(P.multipliedBy(9)), c.tryRecv());
        t.stop();
        clock.advance(P.multipliedBy(10));
        assertNull(c.tryRecv(), "Ticker did not shut down");
        assertEquals(0, clock.pending(), "a stopped ticker leaves no alarm");
    }

    /** TestTickTimes: a slow receiver misses ticks and then gets the oldest unreceived tick. */
    @Test
    void slowReceiverDropsTicks() throws Exception {
        Ticker t = Clock.using(clock, () -> Time.newTicker(P));
        clock.advance(P.multipliedBy(5)); // five ticks fall due; only the first is kept
        assertEquals(0, t.c().len());
        assertEquals(at(P), t.c().tryRecv(), "the oldest unreceived tick");
        assertNull(t.c().tryRecv(), "missed ticks must be dropped, not queued");
        clock.advance(P);
        assertEquals(at(P.multipliedBy(6)), t.c().tryRecv(), "ticks continue on the original schedule");
        t.stop();
    }

    /** Stop withdraws an unreceived tick; reset restarts a stopped ticker. */
    @Test
    void stopWithdrawsAndResetRestarts() throws Exception {
        Ticker t = Clock.using(clock, () -> Time.newTicker(P));
        clock.advance(P);
        t.stop();
        assertNull(t.c().tryRecv(), "stale tick after stop");
        t.reset(P.multipliedBy(3));
        clock.advance(P.multipliedBy(3));
        assertEquals(at(P.multipliedBy(4)), t.c().tryRecv(), "reset restarts a stopped ticker");
        clock.advance(P);
        t.reset(P);
        assertNull(t.c().tryRecv(), "stale tick after reset");
        t.stop();
    }

    /** TestNewTickerLtZeroDuration, TestTickerResetLtZeroDuration, TestTick: Go's messages; Tick gives nil. */
    @Test
    void nonPositivePeriods() {
        for (Duration d : new Duration[] {Duration.ZERO, Duration.ofNanos(-1), Duration.ofSeconds(Long.MIN_VALUE)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Time.newTicker(d));
            assertEquals("non-positive interval for NewTicker", e.getMessage());
            assertSame(Chan.nil(), Time.tick(d), "Tick(d <= 0) is the nil channel");
        }
        Ticker t = Time.newTicker(Duration.ofHours(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.reset(Duration.ZERO));
        assertEquals("non-positive interval for Ticker.Reset", e.getMessage());
        t.stop();
    }

    /** Tick's channel is a select case and ticks. */
    @Test
    void tickChannel() throws Exception {
        RecvChan<Instant> c = Clock.using(clock, () -> Time.tick(P));
        clock.advance(P);
        assertEquals("tick " + at(P), Select.select(Select.recv(c, v -> "tick " + v), Select.defaultCase(() -> "none")));
    }

    /** TestTeardown on the system clock: ticks arrive, in increasing order, and none after stop. */
    @Test
    void systemClockTicks() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            Ticker t = Time.newTicker(Duration.ofMillis(1));
            Instant last = Instant.MIN;
            for (int i = 0; i < 5; i++) {
                Instant v = Select.select(Select.recv(t.c(), x -> x), Select.timeout(BOUND, () -> null));
                assertTrue(v != null && v.isAfter(last), "tick " + i + ": " + v + " after " + last);
                last = v;
            }
            t.stop();
            assertNull(t.c().tryRecv(), "tick after stop");
        }
    }
}
