package dev.go4j.examples.ch5;

import dev.go4j.context.Context;
import dev.go4j.context.ContextException;
import dev.go4j.context.Contexts;
import dev.go4j.examples.Example;
import dev.go4j.examples.GoLog;
import dev.go4j.rate.Limiter;
import dev.go4j.rate.MultiLimiter;
import dev.go4j.rate.RateLimiter;
import dev.go4j.sync.WaitGroup;
import java.io.PrintStream;
import java.time.Duration;

/**
 * C5-11 to C5-14, Rate Limiting: ten ReadFile and ten ResolveAddress calls, from twenty goroutines, on
 * an API connection with no limit (C5-11), one token bucket of 1/s, burst 1 (C5-12), a
 * {@link MultiLimiter} of 2/s and 10/min (C5-13), or tiered limits: API (2/s and 10/min) plus disk
 * (1/s) for ReadFile, API plus network (3/s) for ResolveAddress (C5-14). The book's WaitGroup is the
 * join point, so the program runs in a virtual-time bubble too: a {@code Thread.join} there would not
 * count as durably blocked, and the bubble's clock would never move.
 */
public final class RateLimiting implements Example {
    /** Which of the book's four programs. */
    public enum Variant { NONE, SIMPLE, MULTI, TIERED }

    private final Variant variant;

    /** One of the book's four programs. */
    public RateLimiting(Variant variant) {
        this.variant = variant;
    }

    /** The book's {@code Per(eventCount, duration)}. */
    static double per(int eventCount, Duration duration) {
        return Limiter.every(duration.dividedBy(eventCount));
    }

    /** The book's APIConnection: one limiter per call kind. */
    record ApiConnection(RateLimiter readFile, RateLimiter resolveAddress) {}

    ApiConnection open() {
        return switch (variant) {
            case NONE -> null;
            case SIMPLE -> {
                Limiter limiter = new Limiter(1, 1);
                yield new ApiConnection(limiter, limiter);
            }
            case MULTI -> {
                MultiLimiter limiter = MultiLimiter.of(
                        new Limiter(per(2, Duration.ofSeconds(1)), 1), new Limiter(per(10, Duration.ofMinutes(1)), 10));
                yield new ApiConnection(limiter, limiter);
            }
            case TIERED -> {
                MultiLimiter api = MultiLimiter.of(
                        new Limiter(per(2, Duration.ofSeconds(1)), 1), new Limiter(per(10, Duration.ofMinutes(1)), 10));
                MultiLimiter disk = MultiLimiter.of(new Limiter(1, 1));
                MultiLimiter network = MultiLimiter.of(new Limiter(per(3, Duration.ofSeconds(1)), 3));
                yield new ApiConnection(MultiLimiter.of(api, disk), MultiLimiter.of(api, network));
            }
        };
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        ApiConnection apiConnection = open();
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < 10; i++) {
            wg.go(() -> call(out, "ReadFile", apiConnection == null ? null : apiConnection.readFile()));
        }
        for (int i = 0; i < 10; i++) {
            wg.go(() -> call(out, "ResolveAddress", apiConnection == null ? null : apiConnection.resolveAddress()));
        }
        wg.await();
        GoLog.printf(out, "Done.");
    }

    private static void call(PrintStream out, String name, RateLimiter limiter) throws InterruptedException {
        Context ctx = Contexts.background();
        try {
            if (limiter != null) {
                limiter.await(ctx);
            }
        } catch (ContextException err) { // ctx.err(), or a wait that would pass the deadline
            GoLog.printf(out, "cannot %s: %s", name, err.getMessage());
        }
        GoLog.printf(out, "%s", name);
    }
}
