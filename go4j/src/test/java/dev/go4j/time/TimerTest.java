package dev.go4j.time;

import static dev.go4j.TestSupport.BOUND;
import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.TestSupport.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timers, after and afterFunc: ports of the shape of Go's TestAfterStop, TestAfterQueuing, TestReset,
 * TestAfterTimes, TestTimerModifiedEarlier, TestAdjustTimers and TestOverflowSleep (src/time/sleep_test.go),
 * on a {@link ManualClock} so that nothing depends on real durations; plus a few system-clock tests that
 * assert only what happens, never how long it takes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimerTest {
    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration HOUR = Duration.ofHours(1);

    private final ManualClock clock = new ManualClock();

    private Instant at(Duration sinceStart) {
        return Instant.parse("2000-01-01T00:00:00Z").plus(sinceStart);
    }

    /** A timer fires at its deadline, not before; the value is the deadline even when received late. */
    @Test
    void firesAtDeadlineWithTheDueTime() throws Exception {
        RecvChan<Instant> c = Clock.using(clock, () -> Time.after(Duration.ofSeconds(5)));
        clock.advance(Duration.ofMillis(4999));
        assertNull(c.tryRecv(), "fired early");
        clock.advance(Duration.ofSeconds(10)); // received late: still the due time (Go's TestAfterTimes)
        assertEquals(at(Duration.ofSeconds(5)), c.tryRecv());
        assertNull(c.tryRecv(), "a timer fires once");
    }

    /** TestAfterStop: stopped timers and afterFunc timers do not fire; Stop is true once. */
    @Test
    void afterStop() throws Exception {
        Chan<Boolean> c1 = Chan.make(1);
        Timer t0 = Clock.using(clock, () -> Time.newTimer(MS.multipliedBy(50)));
        Timer t1 = Clock.using(clock, () -> Time.afterFunc(MS.multipliedBy(150), () -> c1.send(true)));
        RecvChan<Instant> c2 = Clock.using(clock, () -> Time.after(MS.multipliedBy(200)));
        assertEquals(3, clock.pending());
        assertTrue(t0.stop(), "failed to stop event 0");
        assertTrue(t1.stop(), "failed to stop event 1");
        assertEquals(1, clock.pending(), "stop must take the alarms out of the clock");
        clock.advance(MS.multipliedBy(200));
        assertEquals(at(MS.multipliedBy(200)), c2.tryRecv());
        assertNull(t0.c().tryRecv(), "event 0 was not stopped");
        assertFalse(t1.stop(), "Stop returned true twice");
        assertFalse(t0.stop(), "Stop returned true twice");
        assertSame(Chan.nil(), t1.c(), "an afterFunc timer's channel is nil, as Go's");
    }

    /**
     * TestAfterQueuing: goroutines wait on timers made in a scrambled order; each step of the clock
     * releases exactly the goroutines whose timer is due, with the due time.
     */
    @Test
    void afterQueuing() throws Throwable {
        int[] slots = {5, 3, 6, 6, 6, 1, 1, 2, 7, 9, 4, 8, 0};
        Duration delta = MS.multipliedBy(20);
        Chan<int[]> result = Chan.make(slots.length);
        List<Call<Void>> waiting = new ArrayList<>();
        Clock.using(clock, () -> {
            for (int slot : slots) {
                RecvChan<Instant> c = Time.after(delta.multipliedBy(slot));
                waiting.add(call(() -> {
                    Instant t = c.recv();
                    result.send(new int[] {slot, (int) Duration.between(at(Duration.ZERO), t).toMillis()});
                    return null;
                }));
            }
            return null;
        });
        for (int step = 0; step <= 9; step++) {
            clock.advance(step == 0 ? Duration.ZERO : delta);
            int due = 0;
            for (int s : slots) {
                due += s == step ? 1 : 0;
            }
            for (int i = 0; i < due; i++) {
                int[] r = result.recv();
                assertEquals(step, r[0], "After calls returned out of order");
                assertEquals(step * 20, r[1], "the value is the due time");
            }
            assertEquals(0, result.len(), "a later timer fired early");
        }
        for (Call<Void> w : waiting) {
            w.get();
        }
    }

    /** TestReset: reset of an unfired timer is true and moves the deadline; of a received one false. */
    @Test
    void reset() throws Exception {
        Duration d = Duration.ofMillis(25);
        Timer t0 = Clock.using(clock, () -> Time.newTimer(d.multipliedBy(2)));
        clock.advance(d);
        assertTrue(t0.reset(d.multipliedBy(3)), "resetting unfired timer returned false");
        clock.advance(d.multipliedBy(2));
        assertNull(t0.c().tryRecv(), "timer fired early");
        clock.advance(d.multipliedBy(2));
        assertEquals(at(d.multipliedBy(4)), t0.c().tryRecv(), "reset timer did not fire at its new deadline");
        assertFalse(t0.reset(MS.multipliedBy(50)), "resetting expired timer returned true");
        assertTrue(t0.stop());
    }

    /** Go 1.23: a fired but unread timer is still pending; stop and reset discard its value. */
    @Test
    void firedButUnreadCountsAsPending() throws Exception {
        Timer t = Clock.using(clock, () -> Time.newTimer(MS));
        clock.advance(MS);
        assertTrue(t.stop(), "an unread value means the timer was still pending");
        assertNull(t.c().tryRecv(), "stale value after stop");
        assertFalse(t.stop());

        assertFalse(t.reset(MS.multipliedBy(2)), "a stopped timer is not pending");
        clock.advance(MS.multipliedBy(2));
        assertTrue(t.reset(MS.multipliedBy(5)), "an unread value means the timer was still pending");
        assertNull(t.c().tryRecv(), "stale value after reset");
        clock.advance(MS.multipliedBy(5));
        assertEquals(at(MS.multipliedBy(8)), t.c().tryRecv(), "only the new arming's value");
        assertFalse(t.stop(), "received: no longer pending");
    }

    /** TestTimerModifiedEarlier / TestAdjustTimers: moving a timer around never loses nor doubles its fire. */
    @Test
    void modifiedEarlierFiresOnce() throws Exception {
        for (int i = 0; i < 100; i++) {
            Timer t = Clock.using(clock, () -> Time.newTimer(HOUR));
            for (int j = 0; j < 10; j++) {
                if (!t.stop()) {
                    t.c().recv();
                }
                t.reset(j % 2 == 0 ? Duration.ofSeconds(-5) : Duration.ofMinutes(j));
            }
            t.reset(Duration.ofNanos(-1));
            clock.advance(Duration.ZERO);
            assertEquals(clock.now(), t.c().tryRecv(), "a timer moved earlier was dropped");
            clock.advance(HOUR.multipliedBy(2));
            assertNull(t.c().tryRecv(), "a timer moved earlier fired twice");
            assertEquals(0, clock.pending(), "no alarm left behind");
        }
    }

    /**
     * Stale alarms: on a clock whose alarms cannot be cancelled, every earlier arming's alarm still
     * runs; it must neither fire a timer that was reset to later nor one that was stopped.
     */
    @Test
    void staleAlarmsDoNotFire() throws Exception {
        Clock lazy = new Clock() {
            @Override
            public long nanoTime() {
                return clock.nanoTime();
            }

            @Override
            public Instant now() {
                return clock.now();
            }

            @Override
            public Alarm at(long deadline, Runnable action) {
                clock.at(deadline, action);
                return () -> false;
            }
        };
        Timer t = Clock.using(lazy, () -> Time.newTimer(Duration.ofSeconds(1)));
        assertTrue(t.reset(Duration.ofSeconds(2)));
        clock.advance(Duration.ofSeconds(1));
        assertNull(t.c().tryRecv(), "fired by the alarm of an earlier arming");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(at(Duration.ofSeconds(2)), t.c().tryRecv());
        t.reset(Duration.ofSeconds(1));
        assertTrue(t.stop());
        clock.advance(Duration.ofSeconds(5));
        assertNull(t.c().tryRecv(), "fired after stop");
    }

    /** TestOverflowSleep: a huge duration never fires (no overflow); a hugely negative one fires at once. */
    @Test
    void overflowingDurations() throws Exception {
        RecvChan<Instant> big = Clock.using(clock, () -> Time.after(Duration.ofSeconds(Long.MAX_VALUE)));
        RecvChan<Instant> neg = Clock.using(clock, () -> Time.after(Duration.ofSeconds(Long.MIN_VALUE)));
        RecvChan<Instant> zero = Clock.using(clock, () -> Time.after(Duration.ZERO));
        clock.advance(Duration.ZERO);
        assertEquals(clock.now(), neg.tryRecv());
        assertEquals(clock.now(), zero.tryRecv());
        clock.advance(Duration.ofDays(365 * 200));
        assertNull(big.tryRecv(), "big timeout fired");
    }

    /** An afterFunc timer runs its function in its own goroutine; reset after it ran runs it again. */
    @Test
    void afterFuncRunsInAGoroutine() throws Exception {
        Chan<Thread> ran = Chan.make(2);
        Timer t = Clock.using(clock, () -> Time.afterFunc(MS, () -> ran.send(Thread.currentThread())));
        clock.advance(MS);
        Thread first = ran.recv();
        assertTrue(first.isVirtual() && first.getName().startsWith("goroutine-"), first.getName());
        assertNotEquals(Thread.currentThread(), first, "f must not run on the clock's thread");
        assertFalse(t.stop(), "f already started");
        assertFalse(t.reset(MS), "reset after f started schedules it again and returns false");
        assertTrue(t.reset(MS.multipliedBy(2)), "reset before f started reschedules it");
        clock.advance(MS.multipliedBy(2));
        assertTrue(ran.recv().isVirtual());
    }

    /** Timers are select cases: the earlier of two timers wins. */
    @Test
    void timersAreSelectCases() throws Throwable {
        Timer early = Clock.using(clock, () -> Time.newTimer(Duration.ofSeconds(1)));
        Timer late = Clock.using(clock, () -> Time.newTimer(Duration.ofSeconds(2)));
        Call<String> sel = call(() -> Select.select(
                Select.recv(late.c(), v -> "late"), Select.recv(early.c(), v -> "early " + v)));
        awaitParked(sel.thread());
        clock.advance(Duration.ofSeconds(3));
        assertEquals("early " + at(Duration.ofSeconds(1)), sel.get());
        assertEquals(at(Duration.ofSeconds(2)), late.c().tryRecv(), "the losing case left its value");
    }

    /** System clock: a short timer fires eventually and beats a very long one; durations are not asserted. */
    @Test
    void systemClockTimersFire() throws InterruptedException {
        Instant before = Time.now();
        Timer hour = Time.newTimer(HOUR);
        String r = Select.select(
                Select.recv(hour.c(), v -> "hour"),
                Select.recv(Time.after(MS), v -> v.isBefore(before) ? "value before start" : "ms"),
                Select.timeout(BOUND, () -> "no timer fired"));
        assertEquals("ms", r);
        assertTrue(hour.stop());
        Instant v = Time.newTimer(Duration.ZERO).c().recv();
        assertFalse(v.isBefore(before));
    }

    /** System clock: afterFunc starts its function. */
    @Test
    void systemClockAfterFuncRuns() throws InterruptedException {
        Chan<String> done = Chan.make(1);
        Time.afterFunc(MS, () -> done.send("ran"));
        assertEquals("ran", Select.select(Select.recv(done, v -> v), Select.timeout(BOUND, () -> "not run")));
    }
}
