package dev.go4j.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * The number of go4j timer alarms scheduled and not yet run or cancelled, for the deadlock check: a
 * pending timer may wake a goroutine (a timer channel, a context deadline), so none is reported while
 * one is pending.
 */
public final class Timers {
    private static final LongAdder PENDING = new LongAdder();

    private Timers() {}

    /** An alarm was scheduled. */
    public static void scheduled() {
        PENDING.increment();
    }

    /** An alarm ran or was cancelled. */
    public static void done() {
        PENDING.decrement();
    }

    /** True while some alarm is scheduled. */
    public static boolean pending() {
        return PENDING.sum() > 0;
    }
}
