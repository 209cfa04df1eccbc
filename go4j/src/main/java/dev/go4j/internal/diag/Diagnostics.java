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
 * <p>Two hooks, one per setting of lock-order checking, the one switch that changes at run time: the
 * plain one inherits the core's do-nothing lock methods, so a lock pays nothing for lock order while it
 * is off; {@link LockOrder#enable} installs the other.
 *
 * <p>Cost with the defaults (park times recorded, profiles off, no JFR recording): a park costs one plain
 * write ({@code parkedAt}) and one volatile read (is the flight recorder up? no JFR class is loaded
 * before), the wake-up one volatile read (is the block profile on?); under a recording, a check of the
 * JFR event's {@code isEnabled}. {@code -Dgo4j.diagnostics=false} drops the write: goroutine dumps then
 * show no waiting time and do not mark goroutines as blocked.
 */
public class Diagnostics extends Trace {
    private static final Diagnostics PLAIN = new Diagnostics();
    private static final Diagnostics CHECKING_LOCK_ORDER = new CheckingLockOrder();

    Diagnostics() {}

    /** The hook for the present setting of lock-order checking: loaded by name by the core's {@link Trace}. */
    public static Trace hook() {
        return LockOrder.enabled() ? CHECKING_LOCK_ORDER : PLAIN;
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
        LeakWatch.park(w);
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

    /** The hook while lock-order checking is on. */
    private static final class CheckingLockOrder extends Diagnostics {
        @Override
        public Object locking(Object lock) {
            return LockOrder.locking(lock);
        }

        @Override
        public void locked(Object lock, Object site) {
            LockOrder.locked(lock, site == null ? LockOrder.site() : (LockOrder.Site) site);
        }

        @Override
        public void unlocked(Object lock) {
            LockOrder.unlocked(lock);
        }
    }
}
