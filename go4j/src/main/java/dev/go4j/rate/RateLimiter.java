package dev.go4j.rate;

import dev.go4j.context.Context;
import dev.go4j.context.ContextException;

/**
 * Something that paces events: "Concurrency in Go" (chapter 5)'s {@code RateLimiter} interface,
 * implemented by {@link Limiter} and {@link MultiLimiter}.
 */
public interface RateLimiter {
    /**
     * Blocks until one event may happen.
     *
     * @throws ContextException {@code ctx.err()} if the context is done first; a
     *     {@link dev.go4j.context.WouldExceedDeadlineException} if the wait would pass the context's
     *     deadline
     * @throws InterruptedException if interrupted while waiting
     */
    void await(Context ctx) throws InterruptedException, ContextException;

    /** The rate, in events per second. */
    double limit();
}
