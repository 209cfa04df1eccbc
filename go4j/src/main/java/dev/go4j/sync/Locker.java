package dev.go4j.sync;

/**
 * Something that can be locked and unlocked: Go's {@code sync.Locker}. {@link Mutex} is one, an
 * {@link RWMutex} is one for writing, and {@link RWMutex#rLocker()} gives one for reading; {@link Cond}
 * waits over any {@code Locker}.
 *
 * <pre>{@code
 * Locker l = new Mutex();
 * l.lock();
 * try {
 *     // critical section
 * } finally {
 *     l.unlock();
 * }
 * }</pre>
 */
public interface Locker {
    /**
     * Locks, blocking (parking the virtual thread) until the lock is available.
     *
     * @throws InterruptedException if interrupted while blocked; the lock is then not acquired
     */
    void lock() throws InterruptedException;

    /** Unlocks; a misuse (unlocking what is not locked) throws {@link SyncError} where detectable. */
    void unlock();
}
