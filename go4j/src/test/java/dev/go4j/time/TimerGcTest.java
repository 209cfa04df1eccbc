package dev.go4j.time;

import static dev.go4j.TestSupport.awaitCleared;
import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.awaitTrue;
import static dev.go4j.TestSupport.call;
import static dev.go4j.TestSupport.onClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.TestSupport.Call;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Go 1.23's garbage collection of timers (the shape of Go's TestTimerGC): timers, tickers and the
 * channels of after and tick that nobody references are collected although never stopped, and their
 * clock entries go away; a goroutine blocked on such a channel still gets its value; an afterFunc timer
 * is kept until it fires. And the heartbeat pattern: a timer reset over and over leaves no entries.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimerGcTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private final ManualClock clock = new ManualClock();

    @Test
    void unreferencedTimersAndTickersAreCollected() throws Exception {
        WeakReference<Timer> timer = new WeakReference<>(Clock.using(clock, () -> Time.newTimer(HOUR)));
        WeakReference<Ticker> ticker = new WeakReference<>(Clock.using(clock, () -> Time.newTicker(HOUR)));
        WeakReference<RecvChan<Instant>> after = new WeakReference<>(Clock.using(clock, () -> Time.after(HOUR)));
        WeakReference<RecvChan<Instant>> tick = new WeakReference<>(Clock.using(clock, () -> Time.tick(HOUR)));
        WeakReference<RecvChan<Instant>> timerChan = new WeakReference<>(timer.get().c());
        awaitCleared(timer, ticker, after, tick, timerChan);
    }

    /**
     * The clock entries of collected timers are cancelled: the next timer made cleans them up. The
     * timers are held until counted, or a collection while they are made (a loaded heap) cancels some.
     */
    @Test
    void collectedTimersLeaveNoClockEntries() throws Exception {
        List<Object> made = Clock.using(clock, () -> {
            List<Object> timers = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                timers.add(Time.newTimer(HOUR));
                timers.add(Time.newTicker(HOUR));
            }
            return timers;
        });
        assertEquals(2000, clock.pending());
        made.clear();
        Timer kept = Clock.using(clock, () -> Time.newTimer(HOUR));
        awaitTrue("the collected timers' entries are cancelled", () -> {
            System.gc();
            onClock(clock, () -> Time.newTimer(HOUR).stop());
            return clock.pending() == 1;
        });
        clock.advance(HOUR);
        assertTrue(kept.c().tryRecv() != null, "a referenced timer still fires");
    }

    /** Nobody but the blocked goroutine holds the channel: collection must not lose its wake-up. */
    @Test
    void goroutineBlockedOnAfterStillWakes() throws Throwable {
        Call<Instant> c = Clock.using(clock, () -> call(() -> Time.after(HOUR).recv()));
        awaitParked(c.thread());
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        clock.advance(HOUR);
        assertEquals(clock.now(), c.get());
    }

    /** An afterFunc timer is kept until it fires even if nobody references it (as Go's). */
    @Test
    void unreferencedAfterFuncStillRuns() throws Exception {
        Chan<String> ran = Chan.make(1);
        Clock.using(clock, () -> Time.afterFunc(HOUR, () -> ran.send("ran")));
        for (int i = 0; i < 5; i++) {
            System.gc();
        }
        clock.advance(HOUR);
        assertEquals("ran", ran.recv());
    }

    /** The heartbeat pattern: a timer reset constantly holds one clock entry, on either clock. */
    @Test
    void constantResetLeavesNoEntries() throws Exception {
        Timer t = Clock.using(clock, () -> Time.newTimer(HOUR));
        for (int i = 0; i < 100_000; i++) {
            t.reset(HOUR.plusNanos(i));
        }
        assertEquals(1, clock.pending());

        int before = SystemClock.INSTANCE.pending();
        Timer s = Time.newTimer(HOUR);
        for (int i = 0; i < 100_000; i++) {
            s.reset(HOUR);
        }
        assertTrue(SystemClock.INSTANCE.pending() <= before + 1, "resets leaked entries: " + SystemClock.INSTANCE.pending());
        s.stop();
    }
}
