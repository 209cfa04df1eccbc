package dev.go4j.internal;

import java.util.function.BooleanSupplier;

/**
 * Whether a pending go4j timer could still wake a goroutine, for the deadlock check: Go 1.23 counts a
 * channel timer only while a goroutine is blocked on its channel (runtime/time.go, {@code needsAdd}),
 * and so does go4j. An alarm whose action is an {@link Action} is asked; any other action (an alarm
 * go4j cannot see through) counts. The system clock registers itself when it is first used; before
 * that no alarm can be pending.
 */
public final class Timers {
    private static volatile BooleanSupplier mayWake = () -> false;

    private Timers() {}

    /**
     * An alarm action that can tell whether running it could wake a goroutine parked in go4j: a timer
     * firing into its channel, a context deadline.
     */
    public interface Action extends Runnable {
        /**
         * True if running this action now could wake a goroutine parked in go4j, directly or by
         * starting code that may. Asked only by the deadlock check, on its own thread and without
         * holding a clock's lock, so it may take channel and context locks. When unsure, true: a
         * missed deadlock is acceptable, a false report is not.
         */
        boolean canWake();
    }

    /** Installs the system clock's "could a pending alarm wake a goroutine" test. */
    public static void register(BooleanSupplier anyAlarmMayWake) {
        mayWake = anyAlarmMayWake;
    }

    /** True if some alarm of the system clock is running, or pending and could wake a goroutine. */
    public static boolean mayWake() {
        return mayWake.getAsBoolean();
    }

    /** Whether running {@code action} could wake a goroutine: an {@link Action} answers, any other does. */
    public static boolean canWake(Runnable action) {
        return !(action instanceof Action a) || a.canWake();
    }
}
