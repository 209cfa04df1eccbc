package dev.go4j.context;

/**
 * The error of a done {@link Context}: Go's {@code context.Canceled} and
 * {@code context.DeadlineExceeded}. {@link Context#err()} is one of exactly two instances,
 * {@link #CANCELED} and {@link #DEADLINE_EXCEEDED}; compare them with {@code ==}.
 *
 * <p>They are shared, so they carry no stack trace and accept no suppressed exceptions. A cause given
 * to a cancel function is reported by {@link Contexts#cause(Context)}, not here.
 *
 * <p>A wait that gives up at once because it could not end before the context's deadline throws the
 * subclass {@link WouldExceedDeadlineException} (the context itself is not done yet), so one
 * {@code catch (ContextException e)} covers every way a context stops a wait, as Go's single
 * {@code if err != nil} does.
 */
public sealed class ContextException extends Exception permits WouldExceedDeadlineException {
    private static final long serialVersionUID = 1L;

    /** The error of a context cancelled by its cancel function: "context canceled". */
    public static final ContextException CANCELED = new ContextException("context canceled", false);

    /** The error of a context whose deadline passed: "context deadline exceeded". */
    public static final ContextException DEADLINE_EXCEEDED = new ContextException("context deadline exceeded", true);

    private final boolean timeout;

    private ContextException(String message, boolean timeout) {
        super(message, null, false, false);
        this.timeout = timeout;
    }

    /** A timeout error of its own, with a stack trace: the subclass's. */
    ContextException(String message) {
        super(message);
        this.timeout = true;
    }

    /**
     * True for {@link #DEADLINE_EXCEEDED} and {@link WouldExceedDeadlineException}: Go's
     * {@code Timeout()} method of its error.
     */
    public boolean isTimeout() {
        return timeout;
    }
}
