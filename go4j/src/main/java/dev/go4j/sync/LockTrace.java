package dev.go4j.sync;

import dev.go4j.internal.Trace;
import java.util.Arrays;

/**
 * What a go4j lock tells diagnostics, one call per exit of {@link Mutex} and {@link RWMutex} (as Go's
 * race hooks): the lock events of the core's {@link Trace} hook (lock order, profiles) and, while the hook
 * records lock holders, the threads holding the lock, which the lock-cycle detector reads as the
 * {@link Trace.LockTarget} its waiters announce.
 *
 * <p>Holders are plain writes, racy, for diagnostics only: a holder is written after the lock is taken
 * and forgotten before it is released. A thread is kept in slot {@code threadId % slots}: one slot for an
 * exclusive lock; for readers, those whose ids share a slot overwrite each other, so with many readers
 * some are not known and cycles through them are not found.
 */
final class LockTrace implements Trace.LockTarget {
    private final Object lock;
    /** The holders by slot, a power of two in length; null while the hook does not record holders. */
    private final Thread[] holders;

    /** The trace of {@code lock} (the lock named in reports), keeping {@code slots} holders. */
    LockTrace(Object lock, int slots) {
        this.lock = lock;
        this.holders = Trace.hook().recordsLockHolders() ? new Thread[slots] : null;
    }

    /** What a waiter for this lock waits for, for {@link dev.go4j.internal.Sema#ofLock}: null if not recorded. */
    Trace.LockTarget target() {
        return holders != null ? this : null;
    }

    /** The caller may wait for the lock it is about to take; returns the token for {@link #locked}. */
    Object locking() {
        return Trace.hook().locking(lock);
    }

    /** The caller now holds the lock; {@code token} from {@link #locking} (null: nothing to record). */
    void locked(Object token) {
        held();
        if (token != null) {
            Trace.hook().locked(lock, token);
        }
    }

    /** The caller now holds the lock, taken without waiting (a try-lock). */
    void tryLocked() {
        held();
        Trace.hook().tryLocked(lock);
    }

    /**
     * The caller releases the lock (taken by it or, Go's locks not being owned, by another); its holder
     * is forgotten by {@link #cleared}, when the lock's state is released.
     */
    void unlocked() {
        Trace.hook().unlocked(lock);
    }

    /**
     * The caller gives up its hold before the lock's state is released (a reader's share; a writer
     * interrupted while its turn waits for readers): {@link #unlocked}, and forgets the caller as a holder.
     */
    void left() {
        unlocked();
        if (holders != null) {
            Thread t = Thread.currentThread();
            if (holders[slot(t)] == t) {
                holders[slot(t)] = null;
            }
        }
    }

    /** Forgets every holder: the lock is being released, whoever holds it. */
    void cleared() {
        if (holders != null) {
            Arrays.fill(holders, null);
        }
    }

    private void held() {
        if (holders != null) {
            Thread t = Thread.currentThread();
            holders[slot(t)] = t;
        }
    }

    @Override
    public Object lock() {
        return lock;
    }

    @Override
    public Thread holder(int i) {
        return holders != null && i < holders.length ? holders[i] : null;
    }

    private int slot(Thread t) {
        return (int) t.threadId() & (holders.length - 1);
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
}
