package dev.go4j.time;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The clock seam: sleep and select timeouts honour the current clock (a goroutine sleeping or
 * selecting on a {@link ManualClock} wakes when that clock is advanced, not in real time); clocks are
 * inherited by goroutines; Since/Until/Now read the current clock; the alarm heap behaves as a
 * sorted model under random adds, cancels and polls (cancel true iff it prevented the action); sleep
 * ports the shape of Go's TestSleep and TestSleepZeroDeadlock.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClockTest {
    private static final Duration HOUR = Duration.ofHours(1);

    private final ManualClock clock = new ManualClock();

    /** A sleep on a manual clock ends when the clock reaches its deadline, not before. */
    @Test
    void sleepHonoursTheCurrentClock() throws Throwable {
        Call<Instant> sleeper = Clock.using(clock, () -> call(() -> {
            Time.sleep(HOUR);
            return Time.now();
        }));
        awaitParked(sleeper.thread());
        clock.advance(HOUR.minusNanos(1));
        assertTrue(sleeper.thread().isAlive(), "woke before its clock's deadline");
        assertEquals(1, clock.pending());
        clock.advance(Duration.ofNanos(1));
        assertEquals(clock.now(), sleeper.get());
    }

    /**
     * A manual clock advanced beyond what a long of nanoseconds holds saturates, as Go's time
     * arithmetic does, instead of throwing or wrapping; it stops short of the "never" deadline, so a
     * timer of a huge duration still never fires.
     */
    @Test
    void manualClockSaturates() throws Exception {
        RecvChan<Instant> never = Clock.using(clock, () -> Time.after(Duration.ofSeconds(Long.MAX_VALUE)));
        RecvChan<Instant> in200Years = Clock.using(clock, () -> Time.after(Duration.ofDays(365L * 200)));
        clock.advance(Duration.ofDays(365L * 300));
        assertNotNull(in200Years.tryRecv(), "the 200-year timer fired");
        clock.advance(Duration.ofDays(365L * 200));
        clock.advance(Duration.ofSeconds(Long.MAX_VALUE));
        assertTrue(clock.nanoTime() > 0, "time wrapped around: " + clock.nanoTime());
        assertNull(never.tryRecv(), "a timer that never fires fired");
    }

    /** An interrupted sleep throws and cancels its alarm; a non-positive one returns at once. */
    @Test
    void sleepInterruptAndZero() throws Throwable {
        Call<Object> sleeper = Clock.using(clock, () -> call(() -> {
            try {
                Time.sleep(HOUR);
                return "returned";
            } catch (InterruptedException e) {
                return e;
            }
        }));
        awaitParked(sleeper.thread());
        sleeper.thread().interrupt();
        assertInstanceOf(InterruptedException.class, sleeper.get());
        assertEquals(0, clock.pending(), "an interrupted sleep leaves no alarm");
        Clock.using(clock, () -> {
            Time.sleep(Duration.ZERO);
            Time.sleep(Duration.ofSeconds(Long.MIN_VALUE));
            return null;
        });
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Time.sleep(Duration.ZERO));
    }

    /** TestSleep / TestSleepZeroDeadlock on the system clock: sleeps return; durations not asserted. */
    @Test
    void systemClockSleeps() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Time.sleep(Duration.ZERO);
        }
        Instant before = Time.now();
        Time.sleep(Duration.ofMillis(1));
        assertFalse(Time.since(before).isNegative());
        assertFalse(Time.until(before).isPositive());
    }

    /** A select timeout on a manual clock fires when the clock passes it; a ready case cancels its alarm. */
    @Test
    void selectTimeoutHonoursTheCurrentClock() throws Throwable {
        Chan<Integer> never = Chan.make();
        Call<String> sel = Clock.using(clock, () -> call(() ->
                Select.select(Select.recv(never, v -> "never"), Select.timeout(HOUR, () -> "timeout"))));
        awaitParked(sel.thread());
        clock.advance(HOUR.minusNanos(1));
        assertTrue(sel.thread().isAlive(), "timed out before its clock's deadline");
        clock.advance(Duration.ofNanos(1));
        assertEquals("timeout", sel.get());

        Chan<Integer> c = Chan.make();
        Call<String> won = Clock.using(clock, () -> call(() ->
                Select.select(Select.recv(c, v -> "got " + v), Select.timeout(HOUR, () -> "timeout"))));
        awaitParked(won.thread());
        c.send(1);
        assertEquals("got 1", won.get());
        assertEquals(0, clock.pending(), "the timeout's alarm must be cancelled when a case wins");

        Call<String> alone = Clock.using(clock, () -> call(() -> Select.select(Select.timeout(HOUR, () -> "timeout"))));
        awaitParked(alone.thread());
        clock.advance(HOUR);
        assertEquals("timeout", alone.get());
    }

    /** The current clock is per thread, inherited by goroutines, and restored after using. */
    @Test
    void currentClockIsInherited() throws Throwable {
        assertSame(Clock.system(), Clock.current());
        Call<Clock> child = Clock.using(clock, () -> call(Clock::current));
        assertSame(clock, child.get());
        assertSame(Clock.system(), Clock.current());
        assertEquals(clock.now(), Clock.using(clock, Time::now));
        clock.advance(HOUR);
        assertEquals(HOUR, Clock.using(clock, () -> Time.since(Instant.parse("2000-01-01T00:00:00Z"))));
    }

    /** The alarm heap against a sorted model: random adds, cancels and advances. */
    @Test
    void alarmHeapMatchesSortedModel() {
        SplittableRandom rnd = new SplittableRandom(1);
        ManualClock c = new ManualClock();
        TreeMap<Long, Clock.Alarm> model = new TreeMap<>(); // key: deadline * 2^20 + sequence
        List<Long> ran = new ArrayList<>();
        long seq = 0;
        for (int round = 0; round < 20_000; round++) {
            int op = rnd.nextInt(10);
            if (op < 6) {
                long deadline = c.nanoTime() + rnd.nextInt(1000);
                long key = (deadline << 20) + seq++;
                model.put(key, c.at(deadline, () -> ran.add(key)));
            } else if (op < 9 && !model.isEmpty()) {
                Long key = model.keySet().stream().skip(rnd.nextInt(model.size())).findFirst().orElseThrow();
                assertTrue(model.remove(key).cancel(), "cancel of a pending alarm");
            } else {
                long until = c.nanoTime() + rnd.nextInt(300);
                List<Long> expected = new ArrayList<>();
                while (!model.isEmpty() && model.firstKey() >> 20 <= until) {
                    expected.add(model.pollFirstEntry().getKey());
                }
                ran.clear();
                c.advance(Duration.ofNanos(until - c.nanoTime()));
                assertEquals(expected, ran, "alarms run, in deadline then insertion order");
            }
            assertEquals(model.size(), c.pending());
        }
    }
}
