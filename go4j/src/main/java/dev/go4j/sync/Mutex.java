package dev.go4j.sync;

import dev.go4j.internal.AdaptiveSpin;
import dev.go4j.internal.Sema;
import dev.go4j.internal.Switches;
import dev.go4j.internal.Trace;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * A mutual exclusion lock: Go's {@code sync.Mutex}. The zero state is unlocked.
 *
 * <pre>{@code
 * // given: int counter
 * Mutex mu = new Mutex();
 * mu.lock();                 // mu.Lock()
 * try {
 *     counter++;
 * } finally {
 *     mu.unlock();           // defer mu.Unlock()
 * }
 * }</pre>
 *
 * <p>As in Go, a mutex is <em>not reentrant</em> (locking it twice from one goroutine deadlocks) and
 * <em>not owned</em>: one goroutine may lock it and another unlock it. Unlocking an unlocked mutex
 * throws {@link SyncError} {@code "sync: unlock of unlocked mutex"} and leaves the mutex unlocked.
 *
 * <p><b>Blocking.</b> {@link #lock()} parks the virtual thread while the mutex is held, and throws
 * {@link InterruptedException} if interrupted meanwhile: then this caller holds nothing and is no longer
 * queued. If a hand-off of the mutex raced the interrupt, {@code lock} keeps the mutex and returns
 * normally with the interrupt status set, so a handed-off mutex is never lost.
 *
 * <p><b>Fairness</b> (Go's two modes). In normal mode waiters queue FIFO, but a woken waiter competes
 * with goroutines arriving just now, which usually win (they are running): good throughput. A waiter
 * that fails to get the mutex for more than 1 ms switches it to starvation mode, where an unlock hands
 * the mutex straight to the first waiter and arrivals queue at the tail. The mutex returns to normal
 * mode when a handed-off waiter is the last one or waited less than 1 ms. So a goroutine re-locking in a
 * tight loop cannot starve another.
 *
 * <p><b>Memory consistency.</b> The n-th {@code unlock} happens-before the (n+1)-th {@code lock}
 * returns, as in Go's memory model; a successful {@link #tryLock()} counts as a {@code lock}.
 *
 * <p><b>Diagnostics.</b> For go4j's deadlock detectors the mutex records its <em>holder</em>, the thread
 * that last locked it (a plain write; cleared by {@code unlock}); goroutines waiting for each other's
 * locks in a cycle are reported at once (see {@link dev.go4j.runtime.Goroutines#setLockCycleHandler}),
 * and with lock-order checking on, inconsistent lock orders are reported even without a deadlock
 * ({@link dev.go4j.runtime.Goroutines#checkLockOrder}).
 */
public final class Mutex implements Locker {
    /*
     * Implementation overview (Go's sync/mutex.go).
     *
     * state = waiters << WAITER_SHIFT | STARVING | WOKEN | LOCKED
     *   LOCKED    the mutex is held.
     *   WOKEN     a goroutine is awake and contending (woken from the semaphore, or spinning), so an
     *             unlock need not wake another.
     *   STARVING  hand-off mode: unlock gives the mutex to the first waiter; arrivals never take it.
     *   waiters   goroutines registered to wait and not yet taken off the count by an unlock.
     * Invariants: in normal mode an unlock that wakes a waiter takes it off the count itself (and sets
     * WOKEN); in starvation mode the waiter handed the mutex takes itself off. So the registered
     * goroutines are always the waiter count plus the normal-mode wake-ups on their way. While a
     * normal-mode wake-up is on its way (WOKEN set by an unlock) nobody can set STARVING, since only the
     * awake goroutine can: the one woken by a normal unlock always finds normal mode.
     *
     * Waiters park in the runtime semaphore port (internal Sema): FIFO on their first wait, LIFO after
     * (a woken waiter that lost to a barger goes back to the head). Spinning: at most Go's tiny bounded
     * spin (rounds of 30 pauses, only while the holder runs and with more than one carrier; off unless
     * go4j.mutexspin is set): a virtual thread that spins holds its carrier, which on few cores may be
     * the one the holder needs.
     *
     * Interruption (go4j's addition): a waiter whose semaphore wait was cancelled took no permit but is
     * still registered. It leaves by taking itself off the waiter count (leaveQueue), unless a wake-up
     * counting on it is already on its way (the count is 0, or the mutex is unlocked in starvation mode
     * and it is the last waiter): it then takes that permit and carries on as a woken waiter with its
     * interrupt status set, so it either gets the mutex (and keeps it) or registers again and leaves
     * on the next round, having passed WOKEN on. Nothing is lost and no waiter is left registered.
     *
     * Diagnostics (go4j's addition), one hook call per exit, as Go's race hooks: holder is written (plain)
     * after the mutex is taken and cleared before it is released, while the hook records lock holders;
     * the semaphore's target tells the lock-cycle detector that its waiters wait for holder. reportAs is
     * the lock named in reports and in lock-order checking: this, or the RWMutex whose writers this mutex
     * serializes. The hook is a constant to the JIT (see Trace): what it does not record costs nothing.
     */
    static final int LOCKED = 1;
    static final int WOKEN = 2;
    static final int STARVING = 4;
    static final int WAITER_SHIFT = 3;
    static final int WAITER = 1 << WAITER_SHIFT;
    private static final long STARVATION_THRESHOLD_NS = 1_000_000;
    /** Rounds of Go's bounded spin ({@link Switches#MUTEX_SPIN}); none on a single carrier, where no spin is met. */
    private static final int SPIN_ROUNDS = AdaptiveSpin.multiCarrier() ? Switches.MUTEX_SPIN : 0;
    private static final int SPIN_PAUSES = 30;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Mutex.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Package-private for the tests' probes of the state machine (SyncState). */
    volatile int state;
    private final Object reportAs;
    private final String name;
    private final Sema sema;
    /** The thread that last locked the mutex, null once unlocked: for diagnostics only (see the overview). */
    private Thread holder;

    /** An unlocked mutex. */
    public Mutex() {
        this(null, null);
    }

    /**
     * An unlocked mutex named {@code name} in diagnostics: {@link #toString()}, lock-cycle and lock-order
     * reports ({@code goroutine 7 holds sync.Mutex "accounts" ...}).
     */
    public Mutex(String name) {
        this(Objects.requireNonNull(name, "name"), null);
    }

    /** An unlocked mutex that diagnostics name {@code reportAs} (the RWMutex it serves), or itself if null. */
    Mutex(String name, Object reportAs) {
        this.name = name;
        this.reportAs = reportAs == null ? this : reportAs;
        this.sema = Sema.ofLock(Trace.hook().recordsLockHolders() ? new Waits() : null);
    }

    /**
     * Locks the mutex, parking until it is available: Go's {@code Lock}.
     *
     * @throws InterruptedException if interrupted while waiting; the mutex is then not acquired by
     *     this caller
     */
    @Override
    public void lock() throws InterruptedException {
        Trace trace = Trace.hook();
        Object site = trace.locking(reportAs);
        if (!STATE.compareAndSet(this, 0, LOCKED)) {
            lockSlow();
        }
        locked(trace, site);
    }

    /** Tells diagnostics that the caller now holds the mutex ({@code site}: see {@link Trace#locked}). */
    private void locked(Trace trace, Object site) {
        if (trace.recordsLockHolders()) {
            holder = Thread.currentThread();
        }
        trace.locked(reportAs, site);
    }

    /**
     * Locks the mutex if it is free and no waiter is being handed it: Go's {@code TryLock}. Never blocks.
     *
     * @return true if the mutex is now locked by this call
     */
    public boolean tryLock() {
        int old = state;
        if ((old & (LOCKED | STARVING)) != 0 || !STATE.compareAndSet(this, old, old | LOCKED)) {
            return false;
        }
        locked(Trace.hook(), null);
        return true;
    }

    /**
     * Unlocks the mutex: Go's {@code Unlock}. Any goroutine may unlock it, not only the one that locked it.
     *
     * @throws SyncError {@code "sync: unlock of unlocked mutex"} if it is not locked (it stays unlocked)
     */
    @Override
    public void unlock() {
        Trace.hook().unlocked(reportAs);
        release();
    }

    /** The thread that last locked this mutex, if it is still locked (racy: for diagnostics). */
    Thread holder() {
        Thread h = holder;
        return (state & LOCKED) != 0 ? h : null;
    }

    /** Forgets the caller as holder without unlocking: an RWMutex writer gave up its turn to a reader. */
    void abandon() {
        holder = null;
        Trace.hook().unlocked(reportAs);
    }

    /** {@link #unlock()} without lock-order bookkeeping: for an RWMutex turn ended by another goroutine. */
    void release() {
        if (Trace.hook().recordsLockHolders()) {
            holder = null;
        }
        if (STATE.compareAndSet(this, LOCKED, 0)) {
            return;
        }
        int old;
        do {
            old = state;
            if ((old & LOCKED) == 0) {
                throw new SyncError("sync: unlock of unlocked mutex");
            }
        } while (!STATE.compareAndSet(this, old, old - LOCKED));
        unlockSlow(old - LOCKED);
    }

    /** {@code sync.Mutex "accounts"} for a named mutex, else {@code sync.Mutex@1b2c3d} (its identity hash). */
    @Override
    public String toString() {
        return nameOf(this, name);
    }

    /**
     * How reports and {@code toString} name a go4j lock: {@code sync.Mutex "accounts"} for a lock made
     * with a name, else {@code sync.Mutex@1b2c3d} (its identity hash, as {@link Object#toString()}, so it
     * matches what a debugger or heap dump shows).
     */
    static String nameOf(Object lock, String name) {
        String kind = "sync." + lock.getClass().getSimpleName();
        return name != null ? kind + " \"" + name + '"' : kind + '@' + Integer.toHexString(System.identityHashCode(lock));
    }

    /** What a waiter on this mutex waits for: its holder. */
    private final class Waits implements Trace.LockTarget {
        @Override
        public Object lock() {
            return reportAs;
        }

        @Override
        public Thread holder(int i) {
            return i == 0 ? Mutex.this.holder() : null;
        }
    }

    private void unlockSlow(int now) {
        if ((now & STARVING) != 0) {
            sema.release(true); // hand-off: the first waiter gets the mutex and yields nothing to bargers
            return;
        }
        for (int old = now; ; old = state) {
            // Nobody to wake, or someone already got the lock, is awake, or is being handed it.
            if ((old >>> WAITER_SHIFT) == 0 || (old & (LOCKED | WOKEN | STARVING)) != 0) {
                return;
            }
            if (STATE.compareAndSet(this, old, (old - WAITER) | WOKEN)) {
                sema.release(false);
                return;
            }
        }
    }

    private void lockSlow() throws InterruptedException {
        long waitStart = 0;
        boolean starving = false;
        boolean awoke = false;
        int iter = 0;
        int old = state;
        for (;;) {
            if ((old & (LOCKED | STARVING)) == LOCKED && iter < SPIN_ROUNDS) {
                // Tell unlock not to wake others while we are about to take it ourselves.
                if (!awoke && (old & WOKEN) == 0 && (old >>> WAITER_SHIFT) != 0
                        && STATE.compareAndSet(this, old, old | WOKEN)) {
                    awoke = true;
                }
                for (int i = 0; i < SPIN_PAUSES; i++) {
                    Thread.onSpinWait();
                }
                iter++;
                old = state;
                continue;
            }
            int next = desired(old, starving, awoke);
            if (!STATE.compareAndSet(this, old, next)) {
                old = state;
                continue;
            }
            if ((old & (LOCKED | STARVING)) == 0) {
                return; // locked it with the CAS
            }
            boolean lifo = waitStart != 0;
            if (waitStart == 0) {
                waitStart = System.nanoTime(); // a scheduling heuristic, not a time API: no Clock
            }
            park(lifo);
            starving = starving || System.nanoTime() - waitStart > STARVATION_THRESHOLD_NS;
            old = state;
            if ((old & STARVING) != 0) {
                takeHandOff(old, starving);
                return;
            }
            awoke = true;
            iter = 0;
        }
    }

    /** The state one CAS of {@link #lockSlow} tries to install over {@code old}. */
    private static int desired(int old, boolean starving, boolean awoke) {
        int next = old;
        if ((old & STARVING) == 0) {
            next |= LOCKED; // in starvation mode arrivals never take the mutex
        }
        if ((old & (LOCKED | STARVING)) != 0) {
            next += WAITER;
        }
        if (starving && (old & LOCKED) != 0) {
            next |= STARVING;
        }
        if (awoke) {
            if ((next & WOKEN) == 0) {
                throw new SyncError("sync: inconsistent mutex state");
            }
            next &= ~WOKEN; // we are going to sleep or hold the lock: someone else may be woken
        }
        return next;
    }

    /** In starvation mode the mutex was handed to us, still unlocked and counting us as a waiter. */
    private void takeHandOff(int old, boolean starving) {
        if ((old & (LOCKED | WOKEN)) != 0 || (old >>> WAITER_SHIFT) == 0) {
            throw new SyncError("sync: inconsistent mutex state");
        }
        int delta = LOCKED - WAITER;
        if (!starving || (old >>> WAITER_SHIFT) == 1) {
            delta -= STARVING; // leave starvation mode: we did not wait long, or nobody else waits
        }
        STATE.getAndAdd(this, delta);
    }

    /**
     * Waits on the semaphore. If interrupted, leaves the waiter count and throws; or, when a wake-up
     * counting on this waiter is already on its way, takes it and returns as woken with the interrupt
     * status set (see the overview).
     */
    private void park(boolean lifo) throws InterruptedException {
        try {
            sema.acquire(lifo);
        } catch (InterruptedException e) {
            if (leaveQueue()) {
                throw e;
            }
            sema.acquireUninterruptibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Takes a registered waiter that holds no permit off the count; false if a permit is owed to it. */
    private boolean leaveQueue() {
        for (;;) {
            int old = state;
            int waiters = old >>> WAITER_SHIFT;
            if (waiters == 0) {
                return false; // an unlock took us off the count: its wake-up is on its way
            }
            if ((old & (LOCKED | STARVING)) == STARVING && waiters == 1) {
                return false; // unlocked in starvation mode: the hand-off on its way can only be ours
            }
            int next = old - WAITER;
            if ((next & STARVING) != 0 && (next >>> WAITER_SHIFT) == 0) {
                next &= ~STARVING; // the last waiter left (the mutex is held): back to normal mode
            }
            if (STATE.compareAndSet(this, old, next)) {
                return true;
            }
        }
    }
}
