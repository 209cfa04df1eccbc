package dev.go4j.internal;

/**
 * What a goroutine's parking records for diagnostics: when it parked (for goroutine dumps), the block
 * and mutex profiles ({@link Profiler}) and the JFR events ({@link Jfr}). Everything here runs on the
 * slow path only, when a thread really parks in a {@link Waiter}; the fast paths of every primitive never
 * come here.
 *
 * <p>Cost: with the defaults (diagnostics on, profiles off, no JFR recording) a park costs one plain
 * write ({@code parkedAt}) and one volatile read (is the flight recorder up? see {@link Jfr}: no JFR
 * class is loaded before), the wake-up one volatile read (is the block profile on?); under a recording,
 * a check of the JFR event's {@code isEnabled}. {@code -Dgo4j.diagnostics=false} drops the write; goroutine dumps then
 * show no waiting time and do not mark goroutines as blocked (the goroutine registry stays: it is what
 * {@code numGoroutine}, dumps, {@code Go.main}'s deadlock detection and leak checks count, and it costs
 * nothing on the blocking paths).
 */
public final class Diagnostics {
    /** False with {@code -Dgo4j.diagnostics=false}: parking records nothing unless a profile is on. */
    public static final boolean RECORD = Switches.DIAGNOSTICS;

    private Diagnostics() {}

    /** {@code w}'s thread is about to park for the first time; returns the JFR event begun, or null. */
    static Object parking(Waiter w) {
        if (RECORD || Profiler.BLOCK.on() || Profiler.MUTEX.on()) {
            w.parkedAt = System.nanoTime() | 1; // never 0
        }
        return Jfr.blockedBegin();
    }

    /** {@code w}'s thread parked at least once and its wait is over (decided, interrupted or timed out). */
    static void unparked(Waiter w, Object jfrEvent) {
        if (Profiler.BLOCK.on() && w.parkedAt != 0) {
            Profiler.BLOCK.record(System.nanoTime() - w.parkedAt);
        }
        if (jfrEvent != null) {
            Jfr.blockedEnd(jfrEvent);
        }
    }

    /**
     * The calling thread, unlocking a Mutex or RWMutex, has just woken {@code w}: charges the delay
     * {@code w} suffered since it parked to the caller's stack in the mutex profile (Go's semantics: the
     * unlocker is where contention is fixed).
     */
    public static void lockReleased(Waiter w) {
        if (Profiler.MUTEX.on()) {
            long at = w.parkedAt;
            if (at != 0) {
                Profiler.MUTEX.record(System.nanoTime() - at);
            }
        }
    }
}
