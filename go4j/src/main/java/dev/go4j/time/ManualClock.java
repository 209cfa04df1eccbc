package dev.go4j.time;

import dev.go4j.internal.Nanos;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link Clock} that moves only when told to, for tests: {@link #advance} moves time forward and runs,
 * on the calling thread and in deadline order, every alarm that falls due.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * Timer t = Clock.using(clock, () -> Time.newTimer(Duration.ofMinutes(1)));
 * clock.advance(Duration.ofSeconds(59));   // t.c() not ready
 * clock.advance(Duration.ofSeconds(1));    // t.c() ready: the value is clock.now()
 * }</pre>
 *
 * <p>Thread-safe. Alarms scheduled by an alarm that runs during {@link #advance} run in the same call
 * if they fall due by its end. An alarm scheduled for a deadline that has already passed (a zero
 * timer) runs at the next {@code advance}, even {@code advance(Duration.ZERO)}; never inside
 * {@link #at}, whose caller may hold locks the action needs. While an alarm runs, {@link #nanoTime()}
 * reads its deadline.
 *
 * <p>Memory consistency: actions in a thread before {@link #at} happen-before the alarm's action runs.
 */
public final class ManualClock implements Clock {
    private final AlarmHeap heap = new AlarmHeap();
    private final Instant epoch;
    private volatile long nanos; // written under heap.lock

    /** A clock whose wall time starts at 2000-01-01T00:00:00Z, as Go's synctest. */
    public ManualClock() {
        this(Instant.parse("2000-01-01T00:00:00Z"));
    }

    /** A clock whose wall time starts at {@code start}. */
    public ManualClock(Instant start) {
        this.epoch = start;
    }

    /** Nanoseconds advanced since this clock was made (0 at first). */
    @Override
    public long nanoTime() {
        return nanos;
    }

    /** The start instant plus {@link #nanoTime()}. */
    @Override
    public Instant now() {
        return epoch.plusNanos(nanos);
    }

    @Override
    public Alarm at(long deadline, Runnable action) {
        heap.lock.lock();
        try {
            return heap.add(deadline, action);
        } finally {
            heap.lock.unlock();
        }
    }

    /**
     * Moves time forward by {@code d} and runs every alarm due by then, in deadline order, on the
     * calling thread. An exception thrown by an alarm propagates; the alarms after it stay pending.
     * Time saturates about 292 years after the start, 1 ns short of the deadline that never comes (that
     * of a timer of a longer duration).
     *
     * @throws IllegalArgumentException if {@code d} is negative
     */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + d);
        }
        long end = Math.min(Nanos.add(nanos, Nanos.of(d)), Nanos.NEVER - 1); // time saturates short of never
        AlarmHeap.Entry[] next = new AlarmHeap.Entry[1];
        for (;;) {
            heap.lock.lock();
            try {
                if (heap.pollDue(end, next) == 0) {
                    nanos = Math.max(nanos, end);
                    return;
                }
                nanos = Math.max(nanos, next[0].deadline);
            } finally {
                heap.lock.unlock();
            }
            next[0].action.run();
        }
    }

    /**
     * Moves time forward to the earliest pending alarm, if any, and runs every alarm then due, as
     * {@link #advance} does: how a synctest bubble skips the time in which nothing happens.
     *
     * @return false, time unchanged, if no alarm is pending (an alarm that never comes does not count)
     */
    public boolean advanceToNext() {
        long first;
        heap.lock.lock();
        try {
            first = heap.firstDeadline();
        } finally {
            heap.lock.unlock();
        }
        if (first == Nanos.NEVER) {
            return false;
        }
        advance(Duration.ofNanos(Math.max(0, first - nanos)));
        return true;
    }

    /** The number of alarms scheduled and not yet run or cancelled. */
    public int pending() {
        heap.lock.lock();
        try {
            return heap.size();
        } finally {
            heap.lock.unlock();
        }
    }
}
