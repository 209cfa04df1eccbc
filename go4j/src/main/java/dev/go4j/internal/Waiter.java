package dev.go4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread waiting in one queue: Go's {@code sudog}.
 *
 * <p>A blocking operation (a channel send or receive, or a whole {@code select}) is decided exactly once.
 * A plain operation has one waiter, its own <em>leader</em>. A select queues one waiter per case, all
 * sharing the first one as leader. The leader's {@code state} is the single point of decision:
 *
 * <pre>
 *   null  --claim(w)-->  w           a matching party (or close) fired case w
 *   null  --cancel()-->  CANCELLED   the waiting thread gave up (interrupt or timeout), or an alarm
 *                                    ended its wait, or a timer withdrew its thread-less sender
 * </pre>
 *
 * <p>Invariants:
 * <ul>
 *   <li>A party that matches a waiter first writes {@link #item} and {@link #success}, then claims the
 *       leader with one CAS. The CAS publishes those writes: the woken thread reads {@code state}, then
 *       {@code item}, and sees them (this is the happens-before edge of a channel hand-off).</li>
 *   <li>Whoever loses the CAS leaves the waiter alone: a waker skips it, a cancelling thread knows the
 *       operation completed and reports it as completed (nothing is lost or delivered twice).</li>
 *   <li>{@link #prev}, {@link #next} and {@link #queue} are guarded by the lock of the queue that holds
 *       the waiter; {@code queue == null} means not linked.</li>
 * </ul>
 *
 * <p>Kinds (as the AQS has its exclusive, shared and condition nodes), each made by its factory, differ
 * in what {@link #item} holds:
 * <pre>
 *   receiver()            a channel receive, or a bare wait (a sleep, an empty select): the value
 *                         received, written by the sender that claims it
 *   sender(v)             a channel send: v; once a receiver claimed it, the value that receiver got
 *   selectCase(i)         the first case of a select, and its leader; then
 *   selectCase(leader, i) each further case: as a sender or a receiver, by the case
 *   threadless(v)         a timer's fire time v, offered by no thread
 *   lockWaiter(target)    a semaphore acquire: the lock it waits for, for the lock-cycle detector
 *   ticket(t)             a wait on a notify list: its ticket t
 * </pre>
 * One final class with an {@code Object} item, not a subclass per kind: the channel paths call
 * {@link #tryClaim}, {@link #wake} and {@link #await} on every operation, and one class keeps those
 * calls monomorphic and the item read cast-free (a channel's values are erased to {@code Object} in any
 * case); only the notify list's ticket is unboxed, off the channel paths.
 */
public final class Waiter {
    private static final Object CANCELLED = new Object();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The waiter whose state decides the whole operation; {@code this} for a plain operation. */
    public final Waiter leader;
    /** The thread to wake: the leader's thread. */
    public final Thread thread;
    /** The select case this waiter stands for (0 for a plain operation). */
    public final int index;
    /** The value offered by a sender, or delivered to a receiver before the claim. */
    public Object item;
    /** True when fired by a matching party; false when fired by close. */
    public boolean success;

    Waiter prev;
    Waiter next;
    WaitQueue queue;

    private volatile Object state;
    /**
     * True when the leader's thread waits on something a synctest bubble does not own (a channel made
     * outside it), so that its park is not durable. Written by its thread before parking.
     */
    private boolean outsideBubble;
    /**
     * When the leader's thread first parked (System.nanoTime), 0 before, or when not recorded (the
     * diagnostics hook decides): for goroutine dumps and profiles. A plain field: written once by its
     * thread before parking, read racily by dumps and unlockers.
     */
    private long parkedAt;

    /** A leader of the current thread, for case {@code index} (0 for a plain operation). */
    private Waiter(int index, Object item) {
        this.leader = this;
        this.thread = Thread.currentThread();
        this.index = index;
        this.item = item;
    }

    private Waiter(Waiter leader, int index) {
        this.leader = leader;
        this.thread = leader.thread;
        this.index = index;
    }

    private Waiter(Object item) {
        this.leader = this;
        this.thread = null;
        this.index = 0;
        this.item = item;
    }

    /** A plain receive, or a bare wait for a decision (a sleep, an empty select), by the current thread. */
    public static Waiter receiver() {
        return new Waiter(0, null);
    }

    /** A plain send of {@code value} by the current thread. */
    public static Waiter sender(Object value) {
        return new Waiter(0, value);
    }

    /** The first case, {@code index}, of a select by the current thread: the leader of its cases. */
    public static Waiter selectCase(int index) {
        return new Waiter(index, null);
    }

    /** A further case, {@code index}, of the select led by {@code leader}. */
    public static Waiter selectCase(Waiter leader, int index) {
        return new Waiter(leader, index);
    }

    /** A semaphore acquire by the current thread, waiting for {@code target} (a lock's, or {@code null}). */
    public static Waiter lockWaiter(Object target) {
        return new Waiter(0, target);
    }

    /** A wait of the current thread for ticket {@code t} of a notify list. */
    public static Waiter ticket(long t) {
        return new Waiter(0, t);
    }

    /** The ticket of a {@link #ticket(long)} waiter. */
    public long ticket() {
        return (Long) item;
    }

    /**
     * A sender with no thread behind it, offering {@code item}: a timer's fire time left in its channel
     * (Go 1.23's synchronous timer channel). A receiver claims it as any sender; {@link #wake()} is then
     * a no-op. Its owner withdraws it with {@link #cancel()}.
     */
    public static Waiter threadless(Object item) {
        return new Waiter(item);
    }

    /** Decides the operation in favour of this waiter. False when it was already decided or cancelled. */
    public boolean tryClaim() {
        return leader.state == null && STATE.compareAndSet(leader, null, this);
    }

    /**
     * Decides the operation as cancelled, as if its deadline had passed, and wakes its thread (whose
     * {@link #await} then returns {@code null}): how a clock other than the system clock ends a timed
     * wait, and how a timer withdraws its {@linkplain #threadless thread-less} sender. False when the
     * operation was already decided (a party claimed it first).
     */
    public boolean cancel() {
        if (leader.state == null && STATE.compareAndSet(leader, null, CANCELLED)) {
            wake();
            return true;
        }
        return false;
    }

    /** Wakes the waiting thread after a successful {@link #tryClaim()}. */
    public void wake() {
        Trace.hook().waking(this);
        LockSupport.unpark(thread);
    }

    /**
     * Spins up to {@code spins} times, without parking, for the operation to be decided. Call on the
     * leader, from its thread, after the waiter is queued and the lock released.
     *
     * @return true if it was decided while spinning (then {@link #await} returns at once)
     */
    public boolean spin(int spins) {
        for (int i = 0; i < spins && state == null; i++) {
            Thread.onSpinWait();
        }
        boolean met = state != null;
        Trace.hook().spun(this, spins, met);
        return met;
    }

    /**
     * Parks the leader's thread until the operation is decided. Call on the leader, from its thread.
     *
     * @param deadline {@link System#nanoTime()} deadline, or {@code Long.MAX_VALUE} for none
     * @return the waiter that was claimed, or {@code null} if the deadline passed first or {@link #cancel()}
     *     was called (the operation is then cancelled: no party can claim it any more)
     * @throws InterruptedException if interrupted before any waiter was claimed; the operation is then
     *     cancelled. If a claim won the race against the interrupt, the claim is returned and the thread's
     *     interrupt status is left set, so the completed operation is not lost.
     */
    public Waiter await(long deadline) throws InterruptedException {
        Trace trace = Trace.hook();
        boolean parked = false;
        Object token = null;
        try {
            for (;;) {
                Object s = state;
                if (s != null) {
                    return claimed(s);
                }
                if (Thread.interrupted()) {
                    if (STATE.compareAndSet(this, null, CANCELLED)) {
                        throw new InterruptedException();
                    }
                    Thread.currentThread().interrupt();
                    return claimed(state);
                }
                if (!parked) {
                    parked = true;
                    token = trace.parking(this);
                }
                if (deadline == Long.MAX_VALUE) {
                    trace.park(this);
                } else {
                    long remaining = deadline - System.nanoTime();
                    if (remaining <= 0) {
                        if (STATE.compareAndSet(this, null, CANCELLED)) {
                            return null;
                        }
                        return claimed(state);
                    }
                    LockSupport.parkNanos(this, remaining);
                }
            }
        } finally {
            if (parked) {
                trace.unparked(this, token);
            }
        }
    }

    /** True once the operation is decided (claimed or cancelled): its thread is about to run, not blocked. */
    public boolean isDecided() {
        return leader.state != null;
    }

    /** When the leader's thread first parked in {@link #await} ({@link System#nanoTime()}), or 0 if it has not. */
    public long parkedAt() {
        return leader.parkedAt;
    }

    /** Records when the leader's thread, the caller, first parked ({@link System#nanoTime()}, never 0). */
    public void parkedAt(long at) {
        parkedAt = at;
    }

    /** Marks the operation as waiting, in part, on something outside the caller's synctest bubble. */
    public void waitsOutsideBubble() {
        leader.outsideBubble = true;
    }

    /** True if the operation waits, in part, on something outside the caller's synctest bubble. */
    public boolean isOutsideBubble() {
        return leader.outsideBubble;
    }

    /** The claimed waiter, or {@code null} if the operation was cancelled by {@link #cancel()}. */
    private static Waiter claimed(Object s) {
        return s == CANCELLED ? null : (Waiter) s;
    }
}
