package dev.go4j.sync;

import dev.go4j.internal.Sema;
import dev.go4j.internal.Trace;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Objects;

/**
 * A reader/writer mutual exclusion lock: Go's {@code sync.RWMutex}. Any number of readers or one writer
 * hold it at a time. The zero state is unlocked.
 *
 * <pre>{@code
 * // given: void read(); void write()
 * RWMutex rw = new RWMutex();
 * rw.rLock();                // many readers at once
 * try { read(); } finally { rw.rUnlock(); }
 * rw.lock();                 // one writer, no readers
 * try { write(); } finally { rw.unlock(); }
 * }</pre>
 *
 * <p><b>Writer preference</b>, as in Go: once a writer waits in {@link #lock()}, new readers wait until
 * it has had its turn, so a stream of readers cannot starve a writer (and a goroutine must not take a
 * read lock it already holds again: with a writer waiting in between, that deadlocks, as in Go).
 * Not reentrant, not owned: as for {@link Mutex}. Misuse throws {@link SyncError} with Go's messages:
 * {@code "sync: RUnlock of unlocked RWMutex"}, {@code "sync: Unlock of unlocked RWMutex"}.
 *
 * <p><b>Blocking.</b> {@link #lock()} and {@link #rLock()} park and throw {@link InterruptedException}
 * if interrupted while waiting, leaving nothing acquired; if the lock was granted in a race with the
 * interrupt they return normally with the interrupt status set. A writer interrupted while waiting for
 * the readers that were already in leaves as if it had got the lock and released it at once: the last
 * of those readers completes that release, so readers that arrived meanwhile still wait for the earlier
 * readers to leave (which they would have done anyway) and nothing is left locked.
 *
 * <p><b>Memory consistency</b> (Go's memory model): the n-th {@code unlock} happens-before the
 * (n+1)-th {@code lock} returns, and before any {@code rLock} that returns after it; an {@code rUnlock}
 * happens-before the {@code lock} that the reader was holding back.
 *
 * <p><b>Diagnostics.</b> For go4j's deadlock detectors (see {@link Mutex}) the writer is recorded as
 * holder, and readers in a few slots (a plain write each on {@code rLock} and {@code rUnlock}): a reader
 * shares its slot with readers whose thread ids are equal modulo the slot count, so with many readers
 * some are not known, and cycles through them are not found. A read lock released by another goroutine
 * than the one that took it stays in its slot until the next writer gets in.
 */
public final class RWMutex implements Locker {
    /*
     * Implementation overview (Go's sync/rwmutex.go).
     *
     * w serializes writers. readers = epoch << 32 + count, one 64-bit word read and updated
     * atomically: count is Go's readerCount (readers in or waiting, minus MAX_READERS while a writer is
     * pending or in), epoch counts completed writer turns (go4j's addition, see below). readerWait is the
     * number of readers the pending writer still waits for; the last of them releases writerSem.
     * A writer turn: lock w; count -= MAX_READERS (new readers now see count < 0 and park on readerSem);
     * wait for the r readers already in; ... ; unlock: count += MAX_READERS and epoch++ in one add, then
     * release readerSem once per parked reader.
     *
     * Interruption. A parked reader leaves by taking itself off count, but only while the epoch it saw
     * is unchanged (the writer it waits for has not unlocked: its unlock has not counted it); otherwise
     * the unlock counted it and released a permit for it, which it takes: it then holds a read lock.
     * A writer interrupted while waiting for w holds nothing (Mutex). A writer interrupted while waiting
     * for readers marks readerWait ABANDONED; the reader that drains readerWait to ABANDONED then runs
     * the writer's unlock in its place. If readerWait already reached 0, the writer's permit is on its
     * way: the writer takes it and keeps the lock.
     *
     * Diagnostics: the writer is w's holder (waits on w, and on readerSem during its epoch, are waits
     * for it); readerSlots[i] is the last reader with threadId % SLOTS == i, cleared by its own rUnlock
     * and all cleared when a writer gets in (no reader holds the lock then). A writer waiting on
     * writerSem waits for them.
     */
    private static final int MAX_READERS = 1 << 30;
    private static final int ABANDONED = 1 << 30;
    private static final long EPOCH = 1L << 32;
    private static final VarHandle READERS;
    private static final VarHandle READER_WAIT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            READERS = l.findVarHandle(RWMutex.class, "readers", long.class);
            READER_WAIT = l.findVarHandle(RWMutex.class, "readerWait", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int SLOTS = Trace.MAX_HOLDERS; // a power of two
    private final String name;
    private final Mutex w = new Mutex(null, this);
    private final Sema writerSem = Sema.ofLock(Trace.hook().recordsLockHolders() ? new ReadersWait() : null);
    private final Sema readerSem = Sema.ofLock(null);
    private final Thread[] readerSlots = Trace.hook().recordsLockHolders() ? new Thread[SLOTS] : null;
    private volatile long readers;
    private volatile int readerWait;
    private final Locker rLocker = new ReadLocker();

    /** An unlocked RWMutex. */
    public RWMutex() {
        this.name = null;
    }

    /**
     * An unlocked RWMutex named {@code name} in diagnostics: {@link #toString()}, lock-cycle and
     * lock-order reports ({@code goroutine 7 holds sync.RWMutex "index" ...}).
     */
    public RWMutex(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** {@code sync.RWMutex "index"} for a named RWMutex, else {@code sync.RWMutex@1b2c3d} (its identity hash). */
    @Override
    public String toString() {
        return Mutex.nameOf(this, name);
    }

    private static int count(long readers) {
        return (int) readers;
    }

    private static long epoch(long readers) {
        return (readers - count(readers)) >> 32;
    }

    /**
     * Locks for reading: Go's {@code RLock}. Parks while a writer holds the lock or waits for it.
     *
     * @throws InterruptedException if interrupted while waiting; no read lock is then held
     */
    public void rLock() throws InterruptedException {
        Trace trace = Trace.hook();
        Object site = trace.locking(this);
        long v = (long) READERS.getAndAdd(this, 1L) + 1;
        if (count(v) < 0) {
            awaitWriter(epoch(v), trace);
        }
        readLocked(trace, site);
    }

    /** Tells diagnostics that the caller now holds a read lock ({@code site}: see {@link Trace#locked}). */
    private void readLocked(Trace trace, Object site) {
        if (trace.recordsLockHolders()) {
            Thread t = Thread.currentThread();
            readerSlots[(int) t.threadId() & (SLOTS - 1)] = t;
        }
        trace.locked(this, site);
    }

    /** Parks a reader until the writer turn of {@code epoch} ends. */
    private void awaitWriter(long epoch, Trace trace) throws InterruptedException {
        try {
            readerSem.acquire(false, trace.recordsLockHolders() ? new WriterWait(epoch) : null);
        } catch (InterruptedException e) {
            for (long v = readers; epoch(v) == epoch; v = readers) {
                if (READERS.compareAndSet(this, v, v - 1)) {
                    throw e; // that writer has not unlocked yet: it will not count us
                }
            }
            readerSem.acquireUninterruptibly(); // its unlock counted us: our permit is on its way
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Locks for reading if no writer holds or waits for the lock: Go's {@code TryRLock}. Never blocks.
     *
     * @return true if a read lock is now held by this call
     */
    public boolean tryRLock() {
        for (;;) {
            long v = readers;
            if (count(v) < 0) {
                return false;
            }
            if (READERS.compareAndSet(this, v, v + 1)) {
                readLocked(Trace.hook(), null);
                return true;
            }
        }
    }

    /**
     * Undoes one {@link #rLock}: Go's {@code RUnlock}.
     *
     * @throws SyncError {@code "sync: RUnlock of unlocked RWMutex"} if no read lock is held
     */
    public void rUnlock() {
        Trace trace = Trace.hook();
        trace.unlocked(this);
        if (trace.recordsLockHolders()) {
            Thread t = Thread.currentThread();
            int i = (int) t.threadId() & (SLOTS - 1);
            if (readerSlots[i] == t) {
                readerSlots[i] = null;
            }
        }
        for (;;) {
            long v = readers;
            int c = count(v);
            if (c == 0 || c == -MAX_READERS) {
                throw new SyncError("sync: RUnlock of unlocked RWMutex");
            }
            if (READERS.compareAndSet(this, v, v - 1)) {
                if (c - 1 < 0) {
                    readerLeftWriterWaiting();
                }
                return;
            }
        }
    }

    /** A reader a pending writer waits for left: the last one lets the writer in (Go's rUnlockSlow). */
    private void readerLeftWriterWaiting() {
        int left = (int) READER_WAIT.getAndAdd(this, -1) - 1;
        if (left == 0) {
            writerSem.release(false);
        } else if (left == ABANDONED) {
            readerWait = 0;
            release(); // the writer gave up: complete its turn in its place
        }
    }

    /**
     * Locks for writing: Go's {@code Lock}. Parks while readers or another writer hold the lock.
     *
     * @throws InterruptedException if interrupted while waiting; the lock is then not held by this caller
     */
    @Override
    public void lock() throws InterruptedException {
        w.lock();
        int r = count((long) READERS.getAndAdd(this, (long) -MAX_READERS));
        if (r != 0 && (int) READER_WAIT.getAndAdd(this, r) + r != 0) {
            awaitReaders();
        }
        if (Trace.hook().recordsLockHolders()) {
            Arrays.fill(readerSlots, null); // the readers recorded have all left
        }
    }

    /** Parks the writer until the readers that were in have left. */
    private void awaitReaders() throws InterruptedException {
        try {
            writerSem.acquire(false);
        } catch (InterruptedException e) {
            for (int rw = readerWait; rw != 0; rw = readerWait) {
                if (READER_WAIT.compareAndSet(this, rw, rw | ABANDONED)) {
                    w.abandon();
                    throw e;
                }
            }
            writerSem.acquireUninterruptibly(); // the last reader left: its release is ours
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Locks for writing if the lock is completely free: Go's {@code TryLock}. Never blocks.
     *
     * @return true if the write lock is now held by this call
     */
    public boolean tryLock() {
        if (!w.tryLock()) {
            return false;
        }
        for (;;) {
            long v = readers;
            if (count(v) != 0) {
                w.unlock();
                return false;
            }
            if (READERS.compareAndSet(this, v, v - MAX_READERS)) {
                if (Trace.hook().recordsLockHolders()) {
                    Arrays.fill(readerSlots, null); // no reader holds the lock now
                }
                return true;
            }
        }
    }

    /**
     * Unlocks for writing: Go's {@code Unlock}. Parked readers proceed, then other writers.
     *
     * @throws SyncError {@code "sync: Unlock of unlocked RWMutex"} if not locked for writing
     */
    @Override
    public void unlock() {
        for (;;) {
            long v = readers;
            if (count(v) >= 0) {
                throw new SyncError("sync: Unlock of unlocked RWMutex");
            }
            if (READERS.compareAndSet(this, v, v + MAX_READERS + EPOCH)) {
                Trace.hook().unlocked(this);
                wakeReadersAndUnlock(count(v) + MAX_READERS);
                return;
            }
        }
    }

    /** Ends a writer turn whose holder gave up (see the overview). */
    private void release() {
        long v = (long) READERS.getAndAdd(this, MAX_READERS + EPOCH) + MAX_READERS + EPOCH;
        wakeReadersAndUnlock(count(v));
    }

    private void wakeReadersAndUnlock(int parkedReaders) {
        for (int i = 0; i < parkedReaders; i++) {
            readerSem.release(false);
        }
        w.release();
    }

    /**
     * A {@link Locker} whose {@code lock} and {@code unlock} are this mutex's {@link #rLock} and
     * {@link #rUnlock}: Go's {@code RLocker}, for a {@link Cond} of readers.
     */
    public Locker rLocker() {
        return rLocker;
    }

    /**
     * A reader parked until the writer turn of {@code epoch} ends waits for that writer, and only until
     * its unlock (which counted the reader and sent its wake-up) ends the epoch: a writer that locks
     * right after is not one it waits for.
     */
    private final class WriterWait implements Trace.LockTarget {
        private final long epoch;

        WriterWait(long epoch) {
            this.epoch = epoch;
        }

        @Override
        public Object lock() {
            return RWMutex.this;
        }

        @Override
        public Thread holder(int i) {
            long v = readers;
            return i == 0 && count(v) < 0 && epoch(v) == epoch ? w.holder() : null;
        }
    }

    /** A writer parked until the readers already in leave waits for the readers recorded. */
    private final class ReadersWait implements Trace.LockTarget {
        @Override
        public Object lock() {
            return RWMutex.this;
        }

        @Override
        public Thread holder(int i) {
            return readerSlots[i];
        }
    }

    private final class ReadLocker implements Locker {
        @Override
        public void lock() throws InterruptedException {
            rLock();
        }

        @Override
        public void unlock() {
            rUnlock();
        }
    }
}
