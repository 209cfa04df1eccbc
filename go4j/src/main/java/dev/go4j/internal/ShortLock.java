package dev.go4j.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 *
 * <p>Where the lock is hot and shared between cores, subclass it to put the state it guards in the same
 * object as its word, as Go keeps a channel's lock inside its {@code hchan}: an uncontended critical
 * section then writes one object (the CAS that takes {@link #held}, the guarded fields, the write that
 * clears {@code held}) and reads only the AQS {@code head} of that same object on release. The AQS queue
 * of contended acquirers is written only under contention. A subclass adds fields, never behaviour:
 * every user takes and releases the lock through the methods here.
 */
public class ShortLock extends AbstractQueuedSynchronizer {
    private static final long serialVersionUID = 1L;
    private static final int SPINS = Switches.LOCK_SPINS;
    private static final VarHandle HELD;

    static {
        try {
            HELD = MethodHandles.lookup().findVarHandle(ShortLock.class, "held", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * 1 while held. The lock's own word rather than the AQS state, so that a holder can free the lock
     * with a plain volatile write and no call: any call can throw {@link StackOverflowError}, and an
     * unlock that fails leaves the lock held forever. So channels release it in a {@code finally} by
     * writing 0 here, then call {@link #wakeAcquirer()} (see the rule in Chan's implementation
     * overview). The AQS only queues and wakes contended acquirers.
     */
    public volatile int held;

    /** Acquires the lock, parking while another thread holds it. Not interruptible. */
    public final void lock() {
        // Fast path: one CAS when free, the common case for an uncontended channel.
        if (!HELD.compareAndSet(this, 0, 1)) {
            contended();
        }
    }

    /** Bounded spin for a holder that is running, then park in the AQS queue. */
    private void contended() {
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
            if (held == 0 && HELD.compareAndSet(this, 0, 1)) {
                Trace.hook().lockContended(false);
                return;
            }
        }
        Trace.hook().lockContended(true);
        acquire(1);
    }

    /** Releases the lock; the caller must hold it. */
    public final void unlock() {
        held = 0;
        wakeAcquirer();
    }

    /**
     * Wakes a queued acquirer, if any: the second half of a release whose first half, {@code held = 0},
     * the holder wrote itself. Only this wake-up can be lost to an error thrown here.
     */
    public final void wakeAcquirer() {
        release(1);
    }

    @Override
    protected final boolean tryAcquire(int ignored) {
        return HELD.compareAndSet(this, 0, 1);
    }

    @Override
    protected final boolean tryRelease(int ignored) {
        return true; // the holder already wrote held = 0
    }
}
