package dev.go4j.internal;

import java.util.concurrent.Callable;

/**
 * What the language level needs of a clock (a select's timeout case): monotonic time and alarms. The
 * time package's clocks plug in here ({@code dev.go4j.time.Clock#using}), so {@code dev.go4j} reads the
 * calling thread's clock without importing the time package.
 *
 * <p>{@link #current()} is the one place the calling thread's source is looked up: a later scoping of
 * time (a test bubble with virtual time) changes it there and nowhere else.
 */
public interface TimeSource {

    /** Monotonic time in nanoseconds, only meaningful as a difference. */
    long nanoTime();

    /**
     * Runs {@code action} once {@link #nanoTime()} has reached {@code deadline}; the action is short and
     * never blocks. A deadline of {@link Nanos#NEVER} is never reached.
     */
    Alarm at(long deadline, Runnable action);

    /** A scheduled action of {@link #at}. */
    @FunctionalInterface
    interface Alarm {
        /** Prevents the action. True if it did; false if it already ran, started, or was cancelled. */
        boolean cancel();
    }

    /**
     * The source installed for the calling thread by the innermost enclosing {@link #using}, inherited by
     * the threads and goroutines started inside it; null when the thread runs on the system's time
     * ({@link System#nanoTime()}, waited for with timed parks).
     */
    static TimeSource current() {
        return CurrentTimeSource.HOLDER.get();
    }

    /**
     * Runs {@code body} with {@code source} (null: the system's time) as {@link #current()} for the
     * calling thread and every thread or goroutine started inside it, and returns its result.
     */
    static <T> T using(TimeSource source, Callable<T> body) throws Exception {
        TimeSource outer = CurrentTimeSource.HOLDER.get();
        CurrentTimeSource.HOLDER.set(source);
        try {
            return body.call();
        } finally {
            CurrentTimeSource.HOLDER.set(outer);
        }
    }
}

