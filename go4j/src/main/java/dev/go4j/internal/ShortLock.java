package dev.go4j.internal;

import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * A non-reentrant lock for critical sections that never block: Go's runtime {@code mutex}, the lock
 * inside every channel.
 *
 * <p>The holder never parks while holding it, so the lock is free again within a few hundred
 * instructions unless the holder's carrier thread is descheduled by the OS. A contended acquirer
 * therefore spins a bounded number of times ({@code go4j.lockspins}, default 64 {@code onSpinWait}s,
 * well under a microsecond: the holder is running, so the spin is not waiting for a thread that needs
 * this carrier), then queues and parks in {@link AbstractQueuedSynchronizer}: it never pins a carrier
 * and never spins without bound.
 */
public final class ShortLock extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;
    private static final int SPINS = Switches.LOCK_SPINS;

    /** Acquires the lock, parking while another thread holds it. Not interruptible. */
    public void lock() {
        // Fast path: one CAS when free, the common case for an uncontended channel.
        if (!compareAndSetState(0, 1)) {
            contended();
        }
    }

    /** Bounded spin for a holder that is running, then park in the AQS queue. */
    private void contended() {
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (getState() == 0 && compareAndSetState(0, 1)) {
                return;
            }
        }
        acquire(1);
    }

    /** Releases the lock; the caller must hold it. */
    public void unlock() {
        release(1);
    }

    @Override
    protected boolean tryAcquire(int ignored) {
        return compareAndSetState(0, 1);
    }

    @Override
    protected boolean tryRelease(int ignored) {
        setState(0);
        return true;
    }
}
