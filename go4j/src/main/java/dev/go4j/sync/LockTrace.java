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
 * and forgotten before it is released. A mutex's holder is a field of the {@link Mutex} itself
 * ({@link OfMutex}), so the write lands on the cache line the lock's CAS has just taken: a contended lock
 * moves no extra line between cores. Readers ({@link OfReaders}) are kept in slot
 * {@code threadId % slots}: those whose ids share a slot overwrite each other, so with many readers some
 * are not known and cycles through them are not found.
 */
abstract sealed class LockTrace implements Trace.LockTarget {
    /** Whether holders are recorded: fixed at start, so the JIT folds every test of it. */
    private static final boolean RECORDS = Trace.hook().recordsLockHolders();
    private final Object lock;

    private LockTrace(Object lock) {
        this.lock = lock;
    }

    /** The trace of {@code mutex}, naming {@code lock} in reports. */
    static LockTrace of(Mutex mutex, Object lock) {
        return new OfMutex(mutex, lock);
    }

    /** The trace of the readers of {@code lock}, keeping up to {@link Trace#MAX_HOLDERS} of them. */
    static LockTrace ofReaders(Object lock) {
        return new OfReaders(lock);
    }

    /** What a waiter for this lock waits for, for {@link dev.go4j.internal.Sema#ofLock}: null if not recorded. */
    Trace.LockTarget target() {
        return RECORDS ? this : null;
    }

    /** The caller may wait for the lock it is about to take; returns the token for {@link #locked}. */
    Object locking() {
        return Trace.hook().locking(lock);
    }

    /** The caller now holds the lock; {@code token} from {@link #locking} (null: nothing to record). */
    void locked(Object token) {
        if (RECORDS) {
            hold(Thread.currentThread());
        }
        if (token != null) {
            Trace.hook().locked(lock, token);
        }
    }

    /** The caller now holds the lock, taken without waiting (a try-lock). */
    void tryLocked() {
        if (RECORDS) {
            hold(Thread.currentThread());
        }
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
        if (RECORDS) {
            leave(Thread.currentThread());
        }
    }

    /** Forgets every holder: the lock is being released, whoever holds it. */
    void cleared() {
        if (RECORDS) {
            clear();
        }
    }

    @Override
    public Object lock() {
        return lock;
    }

    /** Records {@code t} as a holder. */
    abstract void hold(Thread t);

    /** Forgets {@code t} if it is recorded as a holder. */
    abstract void leave(Thread t);

    /** Forgets every holder. */
    abstract void clear();

    /** The exclusive holder of a {@link Mutex}, in its {@link Mutex#holder} field. */
    private static final class OfMutex extends LockTrace {
        private final Mutex mutex;

        OfMutex(Mutex mutex, Object lock) {
            super(lock);
            this.mutex = mutex;
        }

        @Override
        void hold(Thread t) {
            mutex.holder = t;
        }

        @Override
        void leave(Thread t) {
            if (mutex.holder == t) {
                mutex.holder = null;
            }
        }

        @Override
        void clear() {
            mutex.holder = null;
        }

        @Override
        public Thread holder(int i) {
            return i == 0 ? mutex.holder : null;
        }
    }

    /** The readers of an {@link RWMutex}, in {@link Trace#MAX_HOLDERS} slots by thread id. */
    private static final class OfReaders extends LockTrace {
        private final Thread[] slots = new Thread[Trace.MAX_HOLDERS];

        OfReaders(Object lock) {
            super(lock);
        }

        @Override
        void hold(Thread t) {
            slots[slot(t)] = t;
        }

        @Override
        void leave(Thread t) {
            if (slots[slot(t)] == t) {
                slots[slot(t)] = null;
            }
        }

        @Override
        void clear() {
            Arrays.fill(slots, null);
        }

        @Override
        public Thread holder(int i) {
            return i < slots.length ? slots[i] : null;
        }

        private int slot(Thread t) {
            return (int) t.threadId() & (slots.length - 1);
        }
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
