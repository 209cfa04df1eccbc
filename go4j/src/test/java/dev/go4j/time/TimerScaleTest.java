package dev.go4j.time;

import static dev.go4j.TestSupport.BOUND;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timers scale: a million pending timers cost no threads, and timers fire in deadline order, at the
 * scale of a million on a {@link ManualClock} (Go's TestAfterQueuing, grown) and of many thousands
 * on the system clock's own timer thread.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TimerScaleTest {

    /** A million pending timers on the system clock: no thread per timer; each stops as pending. */
    @Test
    void millionPendingTimersNeedNoThreads() {
        int n = 1_000_000;
        int threadsBefore = Thread.getAllStackTraces().size();
        int entriesBefore = SystemClock.INSTANCE.pending();
        Timer[] timers = new Timer[n];
        for (int i = 0; i < n; i++) {
            timers[i] = Time.newTimer(Duration.ofHours(1).plusNanos(i));
        }
        int threads = Thread.getAllStackTraces().size();
        assertTrue(threads - threadsBefore < 10, "threads grew from " + threadsBefore + " to " + threads);
        assertTrue(SystemClock.INSTANCE.pending() >= entriesBefore + n, "every timer is one clock entry");
        for (Timer t : timers) {
            if (!t.stop()) {
                fail("a pending timer did not stop as pending");
            }
        }
        assertTrue(SystemClock.INSTANCE.pending() <= entriesBefore, "stopped timers left entries");
    }

    /**
     * Timers with random deadlines (250,000 in CI, a million in the long profile; many sharing one) fire step by step: after each step exactly the
     * timers due by then have fired, each with its due time as value.
     */
    @Test
    void manyTimersFireInDeadlineOrder() throws Exception {
        int n = scaled(250_000, 1_000_000); // at most 2^20: the index is packed in 20 bits
        int steps = 1000;
        ManualClock clock = new ManualClock();
        SplittableRandom rnd = new SplittableRandom(42);
        int[] due = new int[n];
        Timer[] timers = new Timer[n];
        Clock.using(clock, () -> {
            for (int i = 0; i < n; i++) {
                due[i] = 1 + rnd.nextInt(steps);
                timers[i] = Time.newTimer(Duration.ofMillis(due[i]));
            }
            return null;
        });
        long[] order = new long[n]; // due << 20 | index: sorted by due time, then index
        for (int i = 0; i < n; i++) {
            order[i] = (long) due[i] << 20 | i;
        }
        Arrays.sort(order);
        Instant start = Instant.parse("2000-01-01T00:00:00Z");
        int next = 0;
        for (int step = 1; step <= steps; step++) {
            clock.advance(Duration.ofMillis(1));
            Instant expected = start.plusMillis(step);
            for (; next < n && order[next] >> 20 == step; next++) {
                Instant v = timers[(int) (order[next] & 0xFFFFF)].c().tryRecv();
                if (!expected.equals(v)) {
                    fail("timer due at " + step + " ms gave " + v + " at step " + step);
                }
            }
            if (next < n) {
                assertNull(timers[(int) (order[next] & 0xFFFFF)].c().tryRecv(), "a timer due later fired at step " + step);
            }
        }
        assertEquals(n, next);
        assertEquals(0, clock.pending());
    }

    /**
     * The system clock's timer thread runs alarms in deadline order: alarms are added in scrambled
     * order, all due after a base instant that is far enough ahead that none is due while they are
     * being added (the attempt is repeated with a later base if adding took longer than that).
     */
    @Test
    void systemClockRunsAlarmsInDeadlineOrder() throws InterruptedException {
        int n = scaled(100_000, 1_000_000);
        Clock clock = Clock.system();
        for (long lead = 200_000_000L; ; lead *= 4) {
            if (lead > BOUND.toNanos()) {
                fail("could not add " + n + " alarms within " + BOUND);
            }
            long[] ran = new long[n];
            int[] count = {0};
            CountDownLatch done = new CountDownLatch(1);
            long base = clock.nanoTime() + lead;
            SplittableRandom rnd = new SplittableRandom(7);
            for (int i = 0; i < n; i++) {
                long deadline = base + rnd.nextInt(10_000_000);
                clock.at(deadline, () -> {
                    ran[count[0]++] = deadline; // one timer thread: no race
                    if (count[0] == n) {
                        done.countDown();
                    }
                });
            }
            boolean inTime = clock.nanoTime() < base;
            assertTrue(done.await(BOUND.toMillis() + lead / 1_000_000, TimeUnit.MILLISECONDS), "alarms did not all run");
            if (!inTime) {
                continue; // some were due before all were added: order is not defined then
            }
            for (int i = 1; i < n; i++) {
                if (ran[i] < ran[i - 1]) {
                    fail("alarm " + i + " ran out of deadline order");
                }
            }
            return;
        }
    }
}
