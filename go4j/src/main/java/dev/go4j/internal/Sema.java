package dev.go4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A counting semaphore with FIFO or LIFO waiters and optional hand-off: Go's runtime semaphore
 * ({@code runtime/sema.go}: {@code semacquire1} / {@code semrelease1}), the one parking mechanism under
 * every type of {@code dev.go4j.sync}. {@link NotifyList} is the ticket list of the same file, under
 * {@code sync.Cond}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code count} is the number of permits; it never goes negative. A permit is taken only by a
 *       CAS from a positive count ({@link #tryAcquire}), or handed to a waiter by {@link #release}.</li>
 *   <li>{@code nwait} counts the threads between announcing themselves under the lock and leaving the
 *       queue; {@link #release} reads it without the lock to skip the lock when nobody waits. An
 *       acquirer increments {@code nwait} and then reads {@code count}, a releaser increments
 *       {@code count} and then reads {@code nwait}: one of the two sees the other, so no wake-up is
 *       lost.</li>
 *   <li>A queued {@link Waiter} is decided by one CAS (see {@link Waiter}): a releaser's claim, or the
 *       waiter's own cancel on interrupt. A claimed waiter whose {@link Waiter#success} is true was
 *       handed a permit; otherwise it was only woken and competes for the count again, as in Go.</li>
 * </ul>
 *
 * <p>Interruption: {@link #acquire} either returns holding one permit (the interrupt status is then
 * left set if an interrupt raced the wake-up) or throws holding none and no longer queued. A woken
 * waiter that finds the count taken by a barger owes nobody anything and may throw: the barger has the
 * permit.
 */
public final class Sema {
    private static final VarHandle COUNT;
    private static final VarHandle NWAIT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            COUNT = l.findVarHandle(Sema.class, "count", int.class);
            NWAIT = l.findVarHandle(Sema.class, "nwait", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ShortLock lock = new ShortLock();
    private final WaitQueue waiters = new WaitQueue();
    private final boolean ofLock;
    private volatile int count;
    private volatile int nwait;
    /** What a waiter here waits for, for the lock-cycle detector; null for a semaphore that is not a lock's. */
    private final Trace.LockTarget target;
    /** The synctest bubble it was made in, or null: a wait from another is not durable. */
    private final Object bubble;

    /** A semaphore holding {@code permits} permits. */
    public Sema(int permits) {
        this(permits, false, null);
    }

    /**
     * The semaphore of a Mutex or RWMutex, holding no permit: its wake-ups are reported to the
     * {@link Trace} hook (Go's {@code semaMutexProfile} charges them to the releaser), and a thread about
     * to park here first announces what it waits for ({@code target}, or nothing if null).
     */
    public static Sema ofLock(Trace.LockTarget target) {
        return new Sema(0, true, target);
    }

    private Sema(int permits, boolean ofLock, Trace.LockTarget target) {
        this.bubble = Trace.hook().bubble();
        this.count = permits;
        this.ofLock = ofLock;
        this.target = target;
    }

    /** Takes a permit if one is free (Go's {@code cansemacquire}). */
    public boolean tryAcquire() {
        for (;;) {
            int c = count;
            if (c == 0) {
                return false;
            }
            if (COUNT.compareAndSet(this, c, c - 1)) {
                return true;
            }
        }
    }

    /**
     * Takes a permit, parking until one is released (Go's {@code semacquire1}).
     *
     * @param lifo queue at the head instead of the tail: for a waiter that has already waited (Go's
     *     {@code sync.Mutex} re-queues a woken waiter that lost to a barger at the head)
     * @throws InterruptedException if interrupted before a permit was taken; nothing is then held
     *     or queued
     */
    public void acquire(boolean lifo) throws InterruptedException {
        acquire(lifo, target);
    }

    /**
     * {@link #acquire(boolean)} for a waiter that waits for {@code waitsFor} rather than the semaphore's
     * own target (an RWMutex reader waits for one writer turn): null if the semaphore has no target.
     */
    public void acquire(boolean lifo, Trace.LockTarget waitsFor) throws InterruptedException {
        if (tryAcquire()) {
            return;
        }
        for (;;) {
            Waiter w = enqueue(lifo, waitsFor);
            if (w == null) {
                return;
            }
            Trace.hook().waitingOn(w, bubble);
            if (waitsFor != null) {
                Trace.hook().lockWaiting(w);
            }
            try {
                w.await(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                dequeueCancelled(w);
                throw e;
            } finally {
                if (waitsFor != null) {
                    Trace.hook().lockWaited();
                }
            }
            if (w.success || tryAcquire()) {
                return;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /**
     * Takes a permit that is known to be on its way (a releaser has committed to release it), ignoring
     * interrupts; the interrupt status is restored before returning.
     */
    public void acquireUninterruptibly() {
        boolean interrupted = false;
        for (;;) {
            try {
                acquire(false);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Announces a waiter and queues it; {@code null} if a permit was taken meanwhile. */
    private Waiter enqueue(boolean lifo, Trace.LockTarget waitsFor) {
        lock.lock();
        try {
            NWAIT.getAndAdd(this, 1);
            if (tryAcquire()) {
                NWAIT.getAndAdd(this, -1);
                return null;
            }
            Waiter w = Waiter.lockWaiter(waitsFor);
            if (lifo) {
                waiters.addFirst(w);
            } else {
                waiters.add(w);
            }
            return w;
        } finally {
            lock.unlock();
        }
    }

    /** Takes a waiter whose cancel won out of the queue (a releaser may have dropped it already). */
    private void dequeueCancelled(Waiter w) {
        lock.lock();
        try {
            waiters.remove(w);
            NWAIT.getAndAdd(this, -1);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Adds a permit and wakes the first queued waiter, if any (Go's {@code semrelease1}).
     *
     * @param handoff give the permit directly to the woken waiter, so that no barger can take it
     *     (Go's starving {@code sync.Mutex})
     */
    public void release(boolean handoff) {
        COUNT.getAndAdd(this, 1);
        if (nwait == 0) {
            return;
        }
        Waiter w;
        lock.lock();
        try {
            if (nwait == 0) {
                return;
            }
            boolean handed = handoff && tryAcquire();
            w = waiters.claimFirst(WaitQueue.KEEP, handed);
            if (w != null) {
                NWAIT.getAndAdd(this, -1);
            } else if (handed) {
                COUNT.getAndAdd(this, 1); // every queued waiter was cancelled: the permit stays free
            }
        } finally {
            lock.unlock();
        }
        if (w != null) {
            w.wake();
            if (ofLock) {
                Trace.hook().lockHandedOff(w);
            }
        }
    }

    /**
     * Go's runtime {@code notifyList}: the waiters of a {@code sync.Cond}, woken in ticket order.
     *
     * <p>A waiter takes a ticket ({@link #add}) while it still holds the condition's lock, then releases
     * the lock and waits for that ticket ({@link #await}). {@code wait} is the next ticket to hand out,
     * {@code notify} the next ticket to wake; tickets below {@code notify} have been woken. Because a
     * waiter may be slow to queue after taking its ticket, the queue is not in ticket order and a
     * signal looks its ticket up; a ticket not queued yet is woken by moving {@code notify} past it (its
     * waiter then returns at once). A waiter that gives up (interrupt) before its ticket is woken leaves
     * its ticket in {@code abandoned}, and a signal skips it: no signal is spent on nobody.
     */
    public static final class NotifyList {
        private static final VarHandle WAIT;

        static {
            try {
                WAIT = MethodHandles.lookup().findVarHandle(NotifyList.class, "wait", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final ShortLock lock = new ShortLock();
        private final WaitQueue waiters = new WaitQueue();
        /** The synctest bubble it was made in, or null: a wait from another is not durable. */
        private final Object bubble = Trace.hook().bubble();
        private final Set<Long> abandoned = new HashSet<>();
        private volatile long wait;
        private volatile long notify; // written under lock; read without it by the notifiers' fast path

        /** Takes the next ticket (Go's {@code notifyListAdd}); call while holding the condition's lock. */
        public long add() {
            return (long) WAIT.getAndAdd(this, 1L);
        }

        /**
         * Waits until ticket {@code t} is woken (Go's {@code notifyListWait}).
         *
         * @throws InterruptedException if interrupted before the ticket was woken; the ticket is then
         *     abandoned (no signal will be spent on it). If a signal raced the interrupt, this returns
         *     normally with the interrupt status set.
         */
        public void await(long t) throws InterruptedException {
            Waiter w;
            lock.lock();
            try {
                if (t < notify) {
                    return;
                }
                w = Waiter.ticket(t);
                waiters.add(w);
            } finally {
                lock.unlock();
            }
            Trace.hook().waitingOn(w, bubble);
            try {
                w.await(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                abandon(w);
                throw e;
            }
        }

        /** Gives up ticket {@code t} without waiting for it (its waiter failed before {@link #await}). */
        public void abandon(long t) {
            lock.lock();
            try {
                if (t >= notify) {
                    abandonLocked(t);
                }
            } finally {
                lock.unlock();
            }
        }

        private void abandon(Waiter w) {
            lock.lock();
            try {
                if (w.queue == waiters) { // a signal that met it would have unlinked it
                    waiters.remove(w);
                    abandonLocked(w.ticket());
                }
            } finally {
                lock.unlock();
            }
        }

        private void abandonLocked(long t) {
            abandoned.add(t);
            long w = wait;
            if (abandoned.size() == w - notify) { // every outstanding ticket gave up: forget them
                notify = w;
                abandoned.clear();
            }
        }

        /** Wakes the waiter of the oldest ticket not yet woken, if any (Go's {@code notifyListNotifyOne}). */
        public void notifyOne() {
            if (wait == notify) {
                return;
            }
            Waiter claimed = null;
            lock.lock();
            try {
                while (claimed == null && notify != wait) {
                    long t = notify++;
                    if (!abandoned.isEmpty() && abandoned.remove(t)) {
                        continue;
                    }
                    Waiter w = waiters.find(x -> x.ticket() == t);
                    if (w == null) {
                        break; // its waiter has not queued yet and will see the ticket woken
                    }
                    waiters.remove(w);
                    if (w.tryClaim()) {
                        claimed = w;
                    }
                    // else it was interrupted and is about to leave: its ticket is spent, try the next
                }
            } finally {
                lock.unlock();
            }
            if (claimed != null) {
                claimed.wake();
            }
        }

        /** Wakes every waiter of a ticket taken so far (Go's {@code notifyListNotifyAll}). */
        public void notifyEvery() {
            if (wait == notify) {
                return;
            }
            List<Waiter> woken = new ArrayList<>();
            lock.lock();
            try {
                notify = wait;
                abandoned.clear();
                for (Waiter w; (w = waiters.claimFirst(WaitQueue.KEEP, true)) != null; ) {
                    woken.add(w);
                }
            } finally {
                lock.unlock();
            }
            woken.forEach(Waiter::wake);
        }
    }
}
