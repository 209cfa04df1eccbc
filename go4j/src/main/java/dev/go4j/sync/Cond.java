package dev.go4j.sync;

import dev.go4j.internal.Sema;
import java.util.Objects;

/**
 * A condition variable: a rendezvous point for goroutines waiting for, or announcing, an event: Go's
 * {@code sync.Cond}. Each {@code Cond} has a {@link Locker} {@link #locker() L}, held while changing the
 * condition and while calling {@link #await()}.
 *
 * <pre>{@code
 * // given: boolean condition; void use(boolean condition)
 * Mutex mu = new Mutex();
 * Cond ready = new Cond(mu);                  // sync.NewCond(&mu)
 * // waiter
 * mu.lock();
 * try {
 *     while (!condition) {
 *         ready.await();                      // c.Wait()
 *     }
 *     use(condition);
 * } finally {
 *     mu.unlock();
 * }
 * // announcer
 * mu.lock();
 * try { condition = true; ready.broadcast(); } finally { mu.unlock(); }
 * }</pre>
 *
 * <p>Go → go4j: {@code NewCond(l)} → {@code new Cond(l)}, {@code Wait} → {@link #await()}
 * ({@code wait} is taken by {@link Object#wait()}), {@code Signal} → {@link #signal()},
 * {@code Broadcast} → {@link #broadcast()}.
 *
 * <p><b>Guarantees</b> (Go's {@code notifyList}): {@code await} returns only after a {@code signal} or
 * {@code broadcast} that came after it started waiting, never spuriously; {@code signal} wakes the
 * waiter that has waited longest; {@code broadcast} wakes every goroutine waiting at that moment, each
 * once. A signal or broadcast with nobody waiting does nothing. They need not hold L (Go allows it).
 *
 * <p><b>Misuse.</b> {@code await} without holding L throws whatever L's {@code unlock} throws for an
 * unlocked lock, and takes no part in later signals: for go4j's {@link Mutex} and {@link RWMutex}
 * ({@code "sync: unlock of unlocked mutex"}, {@code "sync: Unlock of unlocked RWMutex"}) and a
 * {@link RWMutex#rLocker()} ({@code "sync: RUnlock of unlocked RWMutex"}). Since Go's locks are not owned,
 * L held by <em>another</em> goroutine cannot be told from L held by the caller.
 *
 * <p><b>Memory consistency.</b> A {@code signal} or {@code broadcast} happens-before the return of the
 * {@code await} it wakes (which also re-acquires L).
 */
public final class Cond {
    private final Locker l;
    private final Sema.NotifyList notify = new Sema.NotifyList();

    /** A condition variable over {@code l}: Go's {@code sync.NewCond}. */
    public Cond(Locker l) {
        this.l = Objects.requireNonNull(l, "l");
    }

    /** The lock of this condition: Go's {@code c.L}. */
    public Locker locker() {
        return l;
    }

    /**
     * Atomically unlocks L and suspends the goroutine until woken by {@link #signal} or
     * {@link #broadcast}; re-locks L before returning: Go's {@code Wait}. Call with L held, in a loop
     * that re-checks the condition.
     *
     * @throws InterruptedException if interrupted before being woken; L is re-acquired before the
     *     throw (as {@link java.util.concurrent.locks.Condition#await()} does) and no signal is spent on
     *     this waiter. If a signal raced the interrupt, this returns normally with the interrupt status
     *     set.
     */
    public void await() throws InterruptedException {
        long t = notify.add();
        try {
            l.unlock();
        } catch (Throwable e) {
            notify.abandon(t);
            throw e;
        }
        try {
            notify.await(t);
        } catch (InterruptedException e) {
            relockUninterruptibly();
            Thread.interrupted(); // reported by the throw, as blocking methods do
            throw e;
        }
        relockUninterruptibly();
    }

    /** Re-locks L even if interrupted meanwhile, then restores the interrupt status. */
    private void relockUninterruptibly() {
        boolean interrupted = false;
        for (;;) {
            try {
                l.lock();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wakes the goroutine that has waited longest, if any: Go's {@code Signal}. */
    public void signal() {
        notify.notifyOne();
    }

    /** Wakes every goroutine waiting now: Go's {@code Broadcast}. */
    public void broadcast() {
        notify.notifyEvery();
    }
}
