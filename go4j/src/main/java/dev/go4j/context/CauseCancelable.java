package dev.go4j.context;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * A context and its cancel-with-cause function: {@code ctx, cancel := context.WithCancelCause(parent)}.
 *
 * <pre>{@code
 * // given: Context parent
 * CauseCancelable c = Contexts.withCancelCause(parent);
 * c.cancel(new IOException("peer gone"));
 * c.context().err();               // ContextException.CANCELED
 * Contexts.cause(c.context());     // the IOException
 * }</pre>
 */
public final class CauseCancelable implements AutoCloseable {
    private final Context context;
    private final Consumer<Throwable> cancel;

    CauseCancelable(Context context, Consumer<Throwable> cancel) {
        this.context = Objects.requireNonNull(context);
        this.cancel = Objects.requireNonNull(cancel);
    }

    /** The new context. */
    public Context context() {
        return context;
    }

    /**
     * Cancels the context and its descendants, recording {@code cause} (if null,
     * {@link ContextException#CANCELED}) as what {@link Contexts#cause(Context)} reports. Only the first
     * cancellation counts: the first cause wins.
     */
    public void cancel(Throwable cause) {
        cancel.accept(cause);
    }

    /** {@code cancel(null)}: for try-with-resources. */
    @Override
    public void close() {
        cancel.accept(null);
    }
}
