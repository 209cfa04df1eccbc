package dev.go4j.semaphore;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.context.Context;
import dev.go4j.context.ContextException;
import dev.go4j.internal.ShortLock;
import java.util.LinkedHashSet;

/**
 * Go's {@code golang.org/x/sync/semaphore.Weighted}: a semaphore whose acquirers ask for several units
 * at once, served strictly first come, first served.
 *
 * <pre>{@code
 * // given: int maxWorkers; Context ctx; void work()
 * Weighted sem = new Weighted(maxWorkers);
 * sem.acquire(ctx, 1);            // if err := sem.Acquire(ctx, 1); err != nil { ... }
 * Go.go(() -> {
 *     try { work(); } finally { sem.release(1); }
 * });
 * }</pre>
 *
 * <p><b>Fairness.</b> Waiters are served in arrival order and nobody barges: while anyone waits, even a
 * small request that would fit waits behind them, so a large request is not starved by a stream of
 * small ones. A request larger than the size can never succeed; it waits only for its context (so it
 * fails only itself and blocks nobody behind it).
 *
 * <p><b>Blocking.</b> {@link #acquire} blocks until granted, until the context is done (throws
 * {@code ctx.err()}) or until interrupted; in the last two cases nothing is acquired, no waiter stays
 * queued, and units granted in the meantime are handed on to the next waiters.
 *
 * <p><b>Memory consistency:</b> actions before a {@link #release} happen-before the acquisitions that
 * the released units allow.
 *
 * <p>Implementation overview (as Go's semaphore.go): one short lock guards the count and a FIFO of
 * waiters; each waiter parks on its own channel, which the releaser closes after moving the units to
 * the waiter. A waiter that gives up re-checks under the lock whether it was granted after all and, if
 * so, releases; if it was the head of the queue it wakes whoever can now go.
 */
public final class Weighted {
    /** A queued acquirer: Go's {@code waiter}. Identity equality, so the queue can remove it in O(1). */
    private static final class Request {
        final long n;
        final Chan<Void> ready = Chan.make(); // closed when granted

        Request(long n) {
            this.n = n;
        }
    }

    private final long size;
    private final ShortLock lock = new ShortLock();
    private long cur; // guarded by lock: units held
    private final LinkedHashSet<Request> waiters = new LinkedHashSet<>(); // guarded by lock, in arrival order

    /** A semaphore of {@code n} units: Go's {@code NewWeighted(n)}. */
    public Weighted(long n) {
        this.size = n;
    }

    /**
     * Acquires {@code n} units, blocking until they are available: Go's {@code Acquire}. Fails at once,
     * acquiring nothing, if {@code ctx} is already done, even if the units are free.
     *
     * @throws ContextException {@code ctx.err()} if the context is done before the units are granted
     * @throws InterruptedException if interrupted while waiting; nothing was acquired
     */
    public void acquire(Context ctx, long n) throws InterruptedException, ContextException {
        RecvChan<Void> done = ctx.done();
        lock.lock();
        if (done.isDrained()) {
            lock.unlock(); // done before we could acquire: fail even if the units are free
            throw ctx.err();
        }
        if (size - cur >= n && waiters.isEmpty()) {
            cur += n;
            lock.unlock();
            return;
        }
        if (n > size) {
            lock.unlock(); // can never succeed: do not make others wait behind it
            done.recv();
            throw ctx.err();
        }
        Request w = new Request(n);
        waiters.add(w);
        lock.unlock();
        await(ctx, done, w);
    }

    private void await(Context ctx, RecvChan<Void> done, Request w) throws InterruptedException, ContextException {
        boolean granted;
        try {
            granted = Select.select(Select.recv(done, v -> false), Select.recv(w.ready, v -> true));
        } catch (InterruptedException e) {
            abandon(w);
            throw e;
        }
        if (!granted) {
            abandon(w);
            throw ctx.err();
        }
        if (done.isDrained()) {
            release(w.n); // granted, but the context is done too: prefer failing
            throw ctx.err();
        }
    }

    /** Withdraws a waiter that gives up, giving back units granted to it in the meantime. */
    private void abandon(Request w) {
        lock.lock();
        try {
            if (w.ready.isDrained()) {
                cur -= w.n; // granted after all: put the units back
                notifyWaiters();
            } else {
                boolean front = waiters.getFirst() == w;
                waiters.remove(w);
                if (front && size > cur) {
                    notifyWaiters(); // the head left: the next ones may fit now
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Acquires {@code n} units if they are free and nobody waits, without blocking: Go's
     * {@code TryAcquire}.
     *
     * @return whether the units were acquired
     */
    public boolean tryAcquire(long n) {
        lock.lock();
        try {
            boolean ok = size - cur >= n && waiters.isEmpty();
            if (ok) {
                cur += n;
            }
            return ok;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Releases {@code n} units and grants waiters that now fit, in order: Go's {@code Release}.
     *
     * @throws IllegalStateException "semaphore: released more than held" (nothing is released)
     */
    public void release(long n) {
        lock.lock();
        try {
            if (cur - n < 0) {
                throw new IllegalStateException("semaphore: released more than held");
            }
            cur -= n;
            notifyWaiters();
        } finally {
            lock.unlock();
        }
    }

    /** Grants waiters from the head while they fit; stops at the first that does not (no barging). */
    private void notifyWaiters() {
        while (!waiters.isEmpty()) {
            Request next = waiters.getFirst();
            if (size - cur < next.n) {
                return; // leave the rest blocked so that a large request is not starved
            }
            cur += next.n;
            waiters.removeFirst();
            next.ready.close();
        }
    }
}
