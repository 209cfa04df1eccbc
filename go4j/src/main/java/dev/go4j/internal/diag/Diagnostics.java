package dev.go4j.internal.diag;

import dev.go4j.internal.Switches;
import dev.go4j.internal.Trace;
import dev.go4j.internal.Waiter;

/**
 * The diagnostics hook: what a park, a wake-up and a lock record, through the core's {@link Trace}. A park
 * records when it began (goroutine dumps), the block and mutex profiles ({@link Profiler}), the JFR event
 * ({@link Jfr}), the leak profile's hold ({@link LeakWatch}); a lock wait is searched for a cycle
 * ({@link LockCycles}); with lock-order checking on, every lock reports to {@link LockOrder}. Everything
 * but the lock methods runs on the slow path only, when a thread really parks.
 *
 * <p>Lock-order checking, the one switch that changes at run time, is an ordinary field of the
 * diagnostics ({@link LockOrder#enabled()}) read only in the lock methods.
 *
 * <p>Cost with the defaults (park times recorded, profiles off, no JFR recording): a park costs one plain
 * write ({@code parkedAt}) and one volatile read (is the flight recorder up? no JFR class is loaded
 * before), the wake-up one volatile read (is the block profile on?); under a recording, a check of the
 * JFR event's {@code isEnabled}. {@code -Dgo4j.diagnostics=false} drops the write: goroutine dumps then
 * show no waiting time and do not mark goroutines as blocked.
 */
public final class Diagnostics extends Trace {
    private static final Diagnostics HOOK = new Diagnostics();

    private Diagnostics() {}

    /** The hook: loaded by name by the core's {@link Trace}. */
    public static Trace hook() {
        return HOOK;
    }

    @Override
    public Object parking(Waiter w) {
        if (Switches.DIAGNOSTICS || Profiler.BLOCK.on() || Profiler.MUTEX.on()) {
            w.parkedAt(System.nanoTime() | 1); // never 0
        }
        return Jfr.blockedBegin();
    }

    @Override
    public void park(Waiter w) {
        if (Switches.COUNT_PARKS) {
            ParkCounts.PARKS.increment();
        }
        Bubble.park(w); // through LeakWatch.park
    }

    @Override
    public void waking(Waiter w) {
        if (Switches.COUNT_PARKS) {
            ParkCounts.WAKES.increment();
        }
    }

    @Override
    public void spun(Waiter w, int spins, boolean met) {
        if (Switches.COUNT_PARKS) {
            (met ? ParkCounts.SPINS_MET : ParkCounts.SPINS_MISSED).increment();
        }
    }

    @Override
    public void lockContended(boolean parks) {
        if (Switches.COUNT_PARKS) {
            (parks ? ParkCounts.LOCKS_PARKED : ParkCounts.LOCKS_SPUN).increment();
        }
    }

    @Override
    public void unparked(Waiter w, Object jfrEvent) {
        if (Profiler.BLOCK.on() && w.parkedAt() != 0) {
            Profiler.BLOCK.record(System.nanoTime() - w.parkedAt());
        }
        if (jfrEvent != null) {
            Jfr.blockedEnd(jfrEvent);
        }
    }

    @Override
    public Object bubble() {
        return Bubble.current();
    }

    @Override
    public void waitingOn(Waiter w, Object owner) {
        if (owner != Bubble.current()) {
            w.waitsOutsideBubble();
        }
    }

    @Override
    public void lockWaiting(Waiter w) {
        LockCycles.waiting(w);
    }

    @Override
    public void lockWaited() {
        LockCycles.done();
    }

    /**
     * Charges the delay {@code w} suffered since it parked to the caller's stack in the mutex profile
     * (Go's semantics: the unlocker is where contention is fixed).
     */
    @Override
    public void lockHandedOff(Waiter w) {
        if (Profiler.MUTEX.on()) {
            long at = w.parkedAt();
            if (at != 0) {
                Profiler.MUTEX.record(System.nanoTime() - at);
            }
        }
    }

    @Override
    public boolean recordsLockHolders() {
        return Switches.LOCK_CYCLES;
    }

    @Override
    public Object locking(Object lock) {
        return LockOrder.enabled() ? LockOrder.locking(lock) : null;
    }

    @Override
    public void locked(Object lock, Object site) {
        LockOrder.locked(lock, (LockOrder.Site) site); // a site only while checking: one switch read per lock
    }

    @Override
    public void tryLocked(Object lock) {
        if (LockOrder.enabled()) {
            LockOrder.locked(lock, LockOrder.site());
        }
    }

    @Override
    public void unlocked(Object lock) {
        if (LockOrder.enabled()) {
            LockOrder.unlocked(lock);
        }
    }
}
