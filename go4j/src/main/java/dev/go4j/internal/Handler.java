package dev.go4j.internal;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A replaceable callback with a default: the one contract behind go4j's {@code set...Handler} methods.
 * {@link #set} installs a handler, {@code null} restores the default, and it returns the handler it
 * replaced, {@code null} if that was the default, so a caller can put back what it found.
 *
 * @param <T> the callback's type
 */
public final class Handler<T> {
    private final T byDefault;
    private final AtomicReference<T> current;

    /** A handler slot that starts with, and falls back to, {@code byDefault}. */
    public Handler(T byDefault) {
        this.byDefault = byDefault;
        this.current = new AtomicReference<>(byDefault);
    }

    /** The handler to call now. */
    public T get() {
        return current.get();
    }

    /** Installs {@code h} ({@code null}: the default); returns the previous handler, {@code null} if it was the default. */
    public T set(T h) {
        T old = current.getAndSet(h == null ? byDefault : h);
        return old == byDefault ? null : old;
    }
}
