package dev.go4j.time;

import dev.go4j.internal.TimeSource;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * The source of time and the scheduler of alarms behind the whole time package: every timer, ticker,
 * sleep and deadline of go4j reads time and waits through a {@code Clock}, so a test can replace it.
 *
 * <pre>{@code
 * ManualClock clock = new ManualClock();
 * Clock.using(clock, () -> {           // goroutines started inside inherit the clock
 *     Timer t = Time.newTimer(Duration.ofSeconds(5));
 *     clock.advance(Duration.ofSeconds(5));
 *     return t.c().recv();
 * });
 * }</pre>
 *
 * <p>{@link #system()} is the real clock. {@link #current()} is the clock of the calling thread: the one
 * installed by the innermost enclosing {@link #using} (inherited by threads and goroutines started
 * inside it), else the system clock.
 */
public interface Clock {

    /** Monotonic time in nanoseconds, only meaningful as a difference (as {@link System#nanoTime()}). */
    long nanoTime();

    /** The wall-clock time. */
    Instant now();

    /**
     * Runs {@code action} once {@link #nanoTime()} has reached {@code deadline}. The action runs on a
     * thread of the clock's choosing and must be short and never block; actions due at once run in
     * deadline order. A deadline of {@code Long.MAX_VALUE} is never reached: its action never runs.
     *
     * @return a handle whose {@link Alarm#cancel()} prevents the action if it has not started
     */
    Alarm at(long deadline, Runnable action);

    /** A scheduled action of {@link #at}. */
    interface Alarm {
        /** Prevents the action. True if it did; false if the action already ran, started, or was cancelled. */
        boolean cancel();
    }

    /**
     * The real clock: {@link System#nanoTime()}, {@link Instant#now()}, and one shared daemon timer
     * thread ({@code go4j-timer}) that runs the alarms of the whole process in deadline order.
     */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** The clock of the calling thread: the one installed by an enclosing {@link #using}, else the system clock. */
    static Clock current() {
        return TimeSource.current() instanceof InstalledClock i ? i.clock() : SystemClock.INSTANCE;
    }

    /**
     * Runs {@code body} with {@code clock} as {@link #current()} for the calling thread and every thread
     * or goroutine started inside it, and returns its result.
     */
    static <T> T using(Clock clock, Callable<T> body) throws Exception {
        Objects.requireNonNull(clock, "clock");
        return TimeSource.using(clock == SystemClock.INSTANCE ? null : new InstalledClock(clock), body);
    }
}

