package dev.go4j.context;

import java.util.Objects;

/**
 * A context and its cancel function, as returned by Go's {@code WithCancel}, {@code WithDeadline} and
 * {@code WithTimeout}: {@code ctx, cancel := context.WithCancel(parent)}.
 *
 * <pre>{@code
 * // given: Context parent; void work(Context ctx)
 * try (Cancelable c = Contexts.withCancel(parent)) {   // defer cancel()
 *     work(c.context());
 * }
 * }</pre>
 *
 * <p>Cancelling releases the context's resources (its place in its parent, its timer), so call
 * {@link #cancel()} (or close) as soon as the work is done. Cancelling again does nothing.
 */
public final class Cancelable implements AutoCloseable {
    private final Context context;
    private final Runnable cancel;

    Cancelable(Context context, Runnable cancel) {
        this.context = Objects.requireNonNull(context);
        this.cancel = Objects.requireNonNull(cancel);
    }

    /** The new context. */
    public Context context() {
        return context;
    }

    /**
     * Cancels the context and every context derived from it: when this returns, all of them are done
     * with {@link ContextException#CANCELED}, unless they were already done.
     */
    public void cancel() {
        cancel.run();
    }

    /** Same as {@link #cancel()}, so try-with-resources plays Go's {@code defer cancel()}. */
    @Override
    public void close() {
        cancel.run();
    }
}
