package dev.go4j.context;

/**
 * The error of a done {@link Context}: Go's {@code context.Canceled} and
 * {@code context.DeadlineExceeded}. There are exactly two instances; compare them with {@code ==}.
 *
 * <p>They are shared, so they carry no stack trace and accept no suppressed exceptions. A cause given
 * to a cancel function is reported by {@link Contexts#cause(Context)}, not here.
 */
public final class ContextException extends Exception {
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

    /** True for {@link #DEADLINE_EXCEEDED}: Go's {@code Timeout()} method of its error. */
    public boolean isTimeout() {
        return timeout;
    }
}
