package dev.go4j.internal;

import java.util.function.BooleanSupplier;

/**
 * Whether a go4j timer alarm is pending, for the deadlock check: a pending timer may wake a goroutine
 * (a timer channel, a context deadline), so no deadlock is reported while one is pending. The system
 * clock registers itself when it is first used; before that no alarm can be pending.
 */
public final class Timers {
    private static volatile BooleanSupplier pending = () -> false;

    private Timers() {}

    /** Installs the system clock's "is an alarm scheduled or running" test. */
    public static void register(BooleanSupplier alarmsPending) {
        pending = alarmsPending;
    }

    /** True while some alarm of the system clock is scheduled or running. */
    public static boolean pending() {
        return pending.getAsBoolean();
    }
}
