package dev.go4j.sync;

/**
 * A fatal misuse of a {@code dev.go4j.sync} type, with Go's message: unlocking an unlocked
 * {@link Mutex} ({@code "sync: unlock of unlocked mutex"}), an unlocked {@link RWMutex}
 * ({@code "sync: Unlock of unlocked RWMutex"}, {@code "sync: RUnlock of unlocked RWMutex"}), a negative
 * {@link WaitGroup} counter ({@code "sync: negative WaitGroup counter"}) and the like.
 *
 * <p>Go ends the process on these ({@code fatal} or an unrecoverable {@code panic}); go4j throws this
 * {@link Error}, which ordinary {@code catch (Exception e)} blocks do not swallow. The object the misuse
 * was detected on is left as it was before the faulty call wherever go4j can tell the misuse before
 * changing it.
 */
public final class SyncError extends Error {
    private static final long serialVersionUID = 1L;

    /** A misuse described by Go's {@code message}. */
    public SyncError(String message) {
        super(message);
    }
}
