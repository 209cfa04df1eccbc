package dev.go4j.time;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link Clock} that moves only when told to, for tests: {@link #advance} moves time forward and runs,
 * on the calling thread and in deadline order, every alarm that falls due.
 *
 * <p>Thread-safe. Alarms scheduled by an alarm that runs during {@link #advance} run in the same call
 * if they fall due by its end.
 */
public final class ManualClock implements Clock {
    private final ReentrantLock lock = new ReentrantLock();
    private final PriorityQueue<Entry> alarms = new PriorityQueue<>();
    private final Instant epoch;
    private long nanos;
    private long seq;

    /** A clock whose wall time starts at 2000-01-01T00:00:00Z, as Go's synctest. */
    public ManualClock() {
        this(Instant.parse("2000-01-01T00:00:00Z"));
    }

    /** A clock whose wall time starts at {@code start}. */
    public ManualClock(Instant start) {
        this.epoch = start;
    }

    @Override
    public long nanoTime() {
        lock.lock();
        try {
            return nanos;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Instant now() {
        return epoch.plusNanos(nanoTime());
    }

    @Override
    public Alarm at(long deadline, Runnable action) {
        Entry e;
        lock.lock();
        try {
            e = new Entry(deadline, seq++, action);
            alarms.add(e);
        } finally {
            lock.unlock();
        }
        return e;
    }

    /** Moves time forward by {@code d} and runs every alarm due by then, in deadline order. */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration: " + d);
        }
        long end;
        lock.lock();
        try {
            end = nanos + d.toNanos();
        } finally {
            lock.unlock();
        }
        for (;;) {
            Entry due;
            lock.lock();
            try {
                due = alarms.peek();
                if (due == null || due.deadline > end) {
                    nanos = end;
                    return;
                }
                alarms.poll();
                nanos = Math.max(nanos, due.deadline);
                due.started = true;
            } finally {
                lock.unlock();
            }
            due.action.run();
        }
    }

    /** The number of alarms scheduled and not yet run or cancelled. */
    public int pending() {
        lock.lock();
        try {
            return alarms.size();
        } finally {
            lock.unlock();
        }
    }

    private final class Entry implements Alarm, Comparable<Entry> {
        final long deadline;
        final long order;
        final Runnable action;
        boolean started; // guarded by lock

        Entry(long deadline, long order, Runnable action) {
            this.deadline = deadline;
            this.order = order;
            this.action = action;
        }

        @Override
        public boolean cancel() {
            lock.lock();
            try {
                return !started && alarms.remove(this);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public int compareTo(Entry o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(order, o.order);
        }
    }
}
