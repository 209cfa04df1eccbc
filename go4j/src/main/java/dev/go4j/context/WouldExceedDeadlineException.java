package dev.go4j.context;

/**
 * A wait refused at once because it could not end before its context's deadline, such as
 * {@code "rate: Wait(n=3) would exceed context deadline"} from {@link dev.go4j.rate.Limiter#awaitN}.
 * The context is not done (its {@link Context#err()} is still null), so this is neither
 * {@link ContextException#CANCELED} nor {@link ContextException#DEADLINE_EXCEEDED}; it is a
 * {@link ContextException} so that one {@code catch} covers every way a context stops a wait.
 * {@link #isTimeout()} is true.
 */
public final class WouldExceedDeadlineException extends ContextException {
    private static final long serialVersionUID = 1L;

    /** An exception with Go's message for the refused wait, e.g. {@code "rate: Wait(n=3) would exceed context deadline"}. */
    public WouldExceedDeadlineException(String message) {
        super(message);
    }
}
