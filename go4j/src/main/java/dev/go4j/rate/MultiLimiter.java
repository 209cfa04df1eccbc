package dev.go4j.rate;

import dev.go4j.context.Context;
import dev.go4j.context.ContextException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Several rate limits at once, as in "Concurrency in Go" (chapter 5): an event waits for every limiter
 * (for example one per second and one per minute), and the limit reported is the strictest.
 *
 * <pre>{@code
 * // given: Context ctx
 * RateLimiter api = MultiLimiter.of(
 *     new Limiter(Limiter.every(Duration.ofMillis(500)), 2),   // 2 per second
 *     new Limiter(Limiter.every(Duration.ofSeconds(6)), 10));  // 10 per minute
 * api.await(ctx);
 * }</pre>
 *
 * <p>The limiters are kept sorted by limit, strictest first, and waited for in that order.
 */
public final class MultiLimiter implements RateLimiter {
    private final List<RateLimiter> limiters;

    private MultiLimiter(List<RateLimiter> sorted) {
        this.limiters = sorted;
    }

    /**
     * A limiter made of {@code limiters}.
     *
     * @throws IllegalArgumentException if there are none
     */
    public static MultiLimiter of(RateLimiter... limiters) {
        if (limiters.length == 0) {
            throw new IllegalArgumentException("no limiters");
        }
        RateLimiter[] sorted = limiters.clone();
        Arrays.sort(sorted, Comparator.comparingDouble(RateLimiter::limit));
        return new MultiLimiter(List.of(sorted));
    }

    /** Waits for each limiter in turn, strictest first; stops at the first failure. */
    @Override
    public void await(Context ctx) throws InterruptedException, ContextException {
        for (RateLimiter l : limiters) {
            l.await(ctx);
        }
    }

    /** The strictest (smallest) limit of the parts. */
    @Override
    public double limit() {
        return limiters.get(0).limit();
    }
}
