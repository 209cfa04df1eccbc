package dev.go4j.sync;

import dev.go4j.internal.Sema;
import dev.go4j.internal.Trace;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
 * interrupt they return with the interrupt status set. A writer interrupted while waiting for the
 * readers already in leaves as if it had locked and unlocked at once (the last of them completes that).
 *
 * <p><b>Memory consistency</b> (Go's memory model): the n-th {@code unlock} happens-before the
 * (n+1)-th {@code lock} returns, and before any {@code rLock} that returns after it; an {@code rUnlock}
 * happens-before the {@code lock} that the reader was holding back.
 *
 * <p><b>Diagnostics</b> as for {@link Mutex}; readers are recorded in a few slots, so with many readers
 * some are not known and lock cycles through them are not found.
 */
public final class RWMutex implements Locker {
    /*
     * Implementation overview (Go's sync/rwmutex.go).
     *
     * w serializes writers. readers = epoch << 32 + count in one atomic word: count is Go's readerCount
     * (readers in or waiting, minus MAX_READERS while a writer is pending or in), epoch counts completed
     * writer turns (go4j's addition, for interruption). readerWait is Go's: the readers the pending
     * writer still waits for; the last of them releases writerSem. A writer's unlock adds MAX_READERS
     * and one epoch at once, then releases readerSem once per parked reader.
     *
     * Interruption. A parked reader leaves by taking itself off count while the epoch it saw is
     * unchanged (its writer's unlock has not counted it); otherwise it takes the permit on its way. A
     * writer interrupted while waiting for readers marks readerWait ABANDONED, and the reader that
     * drains it to ABANDONED runs the writer's unlock in its place; if it already reached 0, the writer
     * takes its permit and keeps the lock.
     *
     * Diagnostics, one LockTrace call per exit: the writer is w's holder (waits on w, and on readerSem
     * during its epoch, wait for it); readers are readerTrace's, forgotten when a writer gets in.
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

    private final String name;
    private final Mutex w = new Mutex(null, this);
    private final LockTrace readerTrace = LockTrace.ofReaders(this);
    private final Sema writerSem = Sema.ofLock(readerTrace.target());
    private final Sema readerSem = Sema.ofLock(null);
    private volatile long readers;
    private volatile int readerWait;
    private final Locker rLocker = new ReadLocker();

    /** An unlocked RWMutex. */
    public RWMutex() {
        this.name = null;
    }

    /** An unlocked RWMutex named {@code name} in diagnostics ({@code sync.RWMutex "index"}). */
    public RWMutex(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** {@code sync.RWMutex "index"} for a named RWMutex, else {@code sync.RWMutex@1b2c3d} (its identity hash). */
    @Override
    public String toString() {
        return LockTrace.nameOf(this, name);
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
        Object token = readerTrace.locking();
        long v = (long) READERS.getAndAdd(this, 1L) + 1;
        if (count(v) < 0) {
            awaitWriter(epoch(v));
        }
        readerTrace.locked(token);
    }

    /** Parks a reader until the writer turn of {@code epoch} ends. */
    private void awaitWriter(long epoch) throws InterruptedException {
        try {
            readerSem.acquire(false, readerTrace.target() != null ? new WriterWait(epoch) : null);
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

    /** Locks for reading if no writer holds or waits for the lock, never blocking: Go's {@code TryRLock}. */
    public boolean tryRLock() {
        for (;;) {
            long v = readers;
            if (count(v) < 0) {
                return false;
            }
            if (READERS.compareAndSet(this, v, v + 1)) {
                readerTrace.tryLocked();
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
        readerTrace.left();
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
        readerTrace.cleared(); // the readers recorded have all left
    }

    /** Parks the writer until the readers that were in have left. */
    private void awaitReaders() throws InterruptedException {
        try {
            writerSem.acquire(false);
        } catch (InterruptedException e) {
            for (int rw = readerWait; rw != 0; rw = readerWait) {
                if (READER_WAIT.compareAndSet(this, rw, rw | ABANDONED)) {
                    w.trace.left(); // the turn stays w's until a reader ends it (release), held by no one
                    throw e;
                }
            }
            writerSem.acquireUninterruptibly(); // the last reader left: its release is ours
            Thread.currentThread().interrupt();
        }
    }

    /** Locks for writing if the lock is completely free, never blocking: Go's {@code TryLock}. */
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
                readerTrace.cleared(); // no reader holds the lock now
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
                w.trace.unlocked();
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

    /** A reader parked for the writer turn of {@code epoch} waits for that writer only, until its unlock. */
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
            return count(v) < 0 && epoch(v) == epoch ? w.trace.holder(i) : null;
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
