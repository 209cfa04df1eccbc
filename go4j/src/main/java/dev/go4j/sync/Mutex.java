package dev.go4j.sync;

import dev.go4j.internal.AdaptiveSpin;
import dev.go4j.internal.Sema;
import dev.go4j.internal.Switches;
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
 * <p>As in Go, a mutex is <em>not reentrant</em> and <em>not owned</em>: one goroutine may lock it and
 * another unlock it. {@link #lock()} parks while the mutex is held and throws
 * {@link InterruptedException} if interrupted meanwhile, holding nothing; if a hand-off raced the
 * interrupt, it keeps the mutex and returns with the interrupt status set.
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
 * <p><b>Diagnostics.</b> Goroutines waiting for each other's locks in a cycle are reported at once
 * ({@link dev.go4j.runtime.Goroutines#setLockCycleHandler}), inconsistent lock orders when checked
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
     * Invariants: in normal mode an unlock that wakes a waiter takes it off the count (and sets WOKEN);
     * in starvation mode the waiter handed the mutex takes itself off. Only the awake goroutine sets
     * STARVING, so the one woken by a normal unlock always finds normal mode.
     *
     * Waiters park in the runtime semaphore (internal Sema): FIFO on their first wait, LIFO after. Before
     * that, Go's bounded spin (Switches.MUTEX_SPIN rounds, only in normal mode, never on one carrier): the
     * holder is running (a virtual thread is not preempted), so the mutex is usually free within the
     * spin, and a park and a wake-up are saved; a holder blocked in its critical section costs the
     * spinner 120 pauses.
     *
     * Interruption (go4j's addition): an interrupted waiter is still registered. It leaves the count
     * (leaveQueue) unless a wake-up counting on it is on its way; it then takes that permit and carries
     * on as a woken waiter with its interrupt status set. Diagnostics: one LockTrace call per exit.
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

    volatile int state; // package-private for the tests' probes (SyncState)
    private final String name;
    final LockTrace trace;
    /** The thread holding the mutex, while diagnostics record holders: written by {@link #trace} (see LockTrace). */
    Thread holder;
    private final Sema sema;

    /** An unlocked mutex. */
    public Mutex() {
        this(null, null);
    }

    /** An unlocked mutex named {@code name} in diagnostics ({@code goroutine 7 holds sync.Mutex "accounts"}). */
    public Mutex(String name) {
        this(Objects.requireNonNull(name, "name"), null);
    }

    /** An unlocked mutex that diagnostics name {@code reportAs} (the RWMutex it serves), or itself if null. */
    Mutex(String name, Object reportAs) {
        this.name = name;
        this.trace = LockTrace.of(this, reportAs == null ? this : reportAs);
        this.sema = Sema.ofLock(trace.target());
    }

    /**
     * Locks the mutex, parking until it is available: Go's {@code Lock}.
     *
     * @throws InterruptedException if interrupted while waiting; the mutex is then not acquired
     */
    @Override
    public void lock() throws InterruptedException {
        Object token = trace.locking();
        if (!STATE.compareAndSet(this, 0, LOCKED)) {
            lockSlow();
        }
        trace.locked(token);
    }

    /** Locks the mutex if it is free and no waiter is being handed it, never blocking: Go's {@code TryLock}. */
    public boolean tryLock() {
        int old = state;
        if ((old & (LOCKED | STARVING)) != 0 || !STATE.compareAndSet(this, old, old | LOCKED)) {
            return false;
        }
        trace.tryLocked();
        return true;
    }

    private void lockSlow() throws InterruptedException {
        long waitStart = 0;
        boolean starving = false;
        boolean awoke = false;
        int iter = 0;
        int old = state;
        for (;;) {
            // Spin only in normal mode: in starvation mode the mutex is handed to the first waiter.
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
            int next = old;
            if ((old & STARVING) == 0) {
                next |= LOCKED; // in starvation mode arrivals never take the mutex: they queue
            }
            if ((old & (LOCKED | STARVING)) != 0) {
                next += WAITER;
            }
            if (starving && (old & LOCKED) != 0) {
                next |= STARVING; // only while locked: an unlock expects waiters in starvation mode
            }
            if (awoke) {
                if ((next & WOKEN) == 0) {
                    throw new SyncError("sync: inconsistent mutex state");
                }
                next &= ~WOKEN; // we are going to sleep or hold the lock: someone else may be woken
            }
            if (!STATE.compareAndSet(this, old, next)) {
                old = state;
                continue;
            }
            if ((old & (LOCKED | STARVING)) == 0) {
                return; // locked it with the CAS
            }
            boolean lifo = waitStart != 0; // waited before: back to the head of the queue
            if (waitStart == 0) {
                waitStart = System.nanoTime(); // a scheduling heuristic, not a time API: no Clock
            }
            park(lifo);
            starving = starving || System.nanoTime() - waitStart > STARVATION_THRESHOLD_NS;
            old = state;
            if ((old & STARVING) != 0) {
                // Handed off to us: the mutex is still unlocked and counts us as a waiter.
                if ((old & (LOCKED | WOKEN)) != 0 || (old >>> WAITER_SHIFT) == 0) {
                    throw new SyncError("sync: inconsistent mutex state");
                }
                int delta = LOCKED - WAITER;
                if (!starving || (old >>> WAITER_SHIFT) == 1) {
                    delta -= STARVING; // leave starvation mode: we did not wait long, or nobody else waits
                }
                STATE.getAndAdd(this, delta);
                return;
            }
            awoke = true;
            iter = 0;
        }
    }

    /** Waits on the semaphore; if interrupted, leaves the count and throws, or takes a wake-up on its way. */
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

    /**
     * Unlocks the mutex: Go's {@code Unlock}. Any goroutine may unlock it, not only the one that locked it.
     *
     * @throws SyncError {@code "sync: unlock of unlocked mutex"} if it is not locked (it stays unlocked)
     */
    @Override
    public void unlock() {
        trace.unlocked();
        release();
    }

    /** {@link #unlock()} without the lock event: for an RWMutex writer turn ended by another goroutine. */
    void release() {
        trace.cleared();
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

    /** {@code sync.Mutex "accounts"} for a named mutex, else {@code sync.Mutex@1b2c3d} (its identity hash). */
    @Override
    public String toString() {
        return LockTrace.nameOf(this, name);
    }
}
