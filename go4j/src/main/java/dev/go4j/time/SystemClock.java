package dev.go4j.time;

import dev.go4j.internal.Timers;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link Clock#system()}: the JDK's clocks, and go4j's own timer thread.
 *
 * <p>One daemon platform thread, {@code go4j-timer}, runs every alarm: it parks until the earliest
 * deadline of an {@link AlarmHeap}, takes the alarms then due (a batch at a time, under the heap's
 * lock) and runs them outside the lock, in deadline order. Alarms must therefore be short: a timer's
 * channel hand-off or a goroutine start, never blocking work. A million pending alarms cost a million
 * small heap entries and no thread.
 */
final class SystemClock implements Clock {
    /*
     * Implementation overview.
     *
     * Waking the timer thread: `wakeAt` (under the heap lock) is the deadline the thread parks until,
     * or Long.MIN_VALUE while it is awake and will look at the heap again before parking. An alarm
     * more than SLACK earlier than wakeAt unparks it, and lowers wakeAt so that a burst of earlier
     * alarms unparks it once. Both sides read and write wakeAt under the lock; an unpark that comes
     * between the unlock and the park leaves a permit, so the park returns at once and no alarm is
     * missed. SLACK is the timer slack of Linux threads (50 us): a timed park overshoots by as much
     * anyway, and without it a stream of timers with spread deadlines (each a little earlier than the
     * earliest so far) would cost one unpark, a system call, per timer.
     *
     * Compared with ScheduledThreadPoolExecutor (a binary heap under a ReentrantLock with a Condition,
     * and one Future per task): a shallower heap, no Future, no Condition signalling on every add
     * that does not change the earliest deadline, and batches of due alarms per lock hold.
     */
    static final SystemClock INSTANCE = new SystemClock();

    /** Due alarms taken per lock hold. */
    private static final int BATCH = 64;
    /** How much earlier than the thread's wake-up time an alarm must be to wake it sooner. */
    private static final long SLACK = 50_000;

    private final AlarmHeap heap = new AlarmHeap();
    private final Thread thread;
    private long wakeAt = Long.MIN_VALUE; // under heap.lock
    /** Alarms taken from the heap and not yet run: set under heap.lock, cleared after they ran. */
    private volatile int running;

    private SystemClock() {
        // Inherits nothing from whichever thread loaded this class (an installed clock, say): the
        // goroutines its alarms start (afterFunc) must not inherit that either.
        thread = Thread.ofPlatform().name("go4j-timer").daemon().inheritInheritableThreadLocals(false)
                .unstarted(this::loop);
        thread.start();
        Timers.register(this::alarmMayWake);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Alarm at(long deadline, Runnable action) {
        AlarmHeap.Entry e;
        boolean wake;
        heap.lock.lock();
        try {
            e = heap.add(deadline, action);
            wake = wakeAt != Long.MIN_VALUE && deadline < wakeAt - SLACK;
            if (wake) {
                wakeAt = deadline;
            }
        } finally {
            heap.lock.unlock();
        }
        if (wake) {
            LockSupport.unpark(thread);
        }
        return e;
    }

    /**
     * The deadlock check's question ({@link Timers#mayWake}): true if an alarm is running (it can no
     * longer be asked) or a pending one could wake a goroutine ({@link Timers#canWake}). The pending
     * alarms are copied under the lock and asked outside it: asking takes channel and context locks,
     * and a context holds its own lock while it cancels its alarm, so asking under this lock could
     * deadlock. A copy is a consistent set: every alarm pending at the instant of the copy.
     */
    private boolean alarmMayWake() {
        AlarmHeap.Entry[] pending;
        heap.lock.lock();
        try {
            if (running > 0) {
                return true;
            }
            pending = heap.entries();
        } finally {
            heap.lock.unlock();
        }
        for (AlarmHeap.Entry e : pending) {
            if (Timers.canWake(e.action)) {
                return true;
            }
        }
        return false;
    }

    /** The number of alarms scheduled and not yet taken to run or cancelled (for tests). */
    int pending() {
        heap.lock.lock();
        try {
            return heap.size();
        } finally {
            heap.lock.unlock();
        }
    }

    private void loop() {
        AlarmHeap.Entry[] due = new AlarmHeap.Entry[BATCH];
        for (;;) {
            long now = System.nanoTime();
            int n;
            long next;
            heap.lock.lock();
            try {
                n = heap.pollDue(now, due);
                if (n > 0) {
                    running = n;
                }
                next = n > 0 ? Long.MIN_VALUE : heap.firstDeadline();
                wakeAt = next;
            } finally {
                heap.lock.unlock();
            }
            if (n > 0) {
                runAll(due, n);
                running = 0;
            } else if (next == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                LockSupport.parkNanos(this, next - now);
            }
        }
    }

    private static void runAll(AlarmHeap.Entry[] due, int n) {
        for (int i = 0; i < n; i++) {
            Runnable action = due[i].action;
            due[i] = null;
            try {
                action.run();
            } catch (Throwable t) {
                // A faulty action must not stop every other timer of the process.
                Thread self = Thread.currentThread();
                self.getUncaughtExceptionHandler().uncaughtException(self, t);
            }
        }
    }
}
