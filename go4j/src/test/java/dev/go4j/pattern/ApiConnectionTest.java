package dev.go4j.pattern;

import static dev.go4j.pattern.PatternTesting.awaitQuiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Go;
import dev.go4j.context.Context;
import dev.go4j.context.ContextException;
import dev.go4j.context.Contexts;
import dev.go4j.rate.Limiter;
import dev.go4j.rate.MultiLimiter;
import dev.go4j.rate.RateLimiter;
import dev.go4j.time.Clock;
import dev.go4j.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The book's rate-limited {@code APIConnection} (chapter 5, "Rate Limiting", C5-13 and C5-14) on
 * {@link Limiter} and {@link MultiLimiter}: an API limit of 2 per second (burst 1) and 10 per minute
 * (burst 10), plus a disk limit (1 per second) for {@code readFile} and a network limit (3 per second,
 * burst 3) for {@code resolveAddress}. Twenty requests at once, on a {@link ManualClock} stepped half a
 * second at a time (every due time of these limits falls on such a step): the counts never exceed
 * what the token buckets allow, and the twentieth request completes at exactly 60 s, as the book's run
 * shows ({@code 10 + 10 × 6 s}).
 */
@Timeout(60)
@ExtendWith(PatternTesting.NoGoroutineLeft.class)
class ApiConnectionTest {

    /** The book's APIConnection, with its {@code Open()} as the constructor. */
    static final class ApiConnection {
        private final RateLimiter apiLimit = MultiLimiter.of(
                new Limiter(per(2, Duration.ofSeconds(1)), 1),
                new Limiter(per(10, Duration.ofMinutes(1)), 10));
        private final RateLimiter diskLimit = MultiLimiter.of(new Limiter(1, 1));
        private final RateLimiter networkLimit = MultiLimiter.of(new Limiter(per(3, Duration.ofSeconds(1)), 3));

        /** The book's {@code Per(eventCount, duration)}: {@code rate.Every(duration / eventCount)}. */
        private static double per(int eventCount, Duration duration) {
            return Limiter.every(duration.dividedBy(eventCount));
        }

        void readFile(Context ctx) throws InterruptedException, ContextException {
            MultiLimiter.of(apiLimit, diskLimit).await(ctx);
            // Pretend we do work here
        }

        void resolveAddress(Context ctx) throws InterruptedException, ContextException {
            MultiLimiter.of(apiLimit, networkLimit).await(ctx);
            // Pretend we do work here
        }
    }

    @Test
    void c5_14_tieredLimitsPaceTwentyRequestsOverOneMinute() throws Exception {
        ManualClock clock = new ManualClock();
        AtomicInteger completed = new AtomicInteger();
        Clock.using(clock, () -> {
            ApiConnection conn = new ApiConnection();
            Context ctx = Contexts.background();
            for (int i = 0; i < 10; i++) {
                Go.go(() -> {
                    conn.readFile(ctx);
                    completed.incrementAndGet();
                });
                Go.go(() -> {
                    conn.resolveAddress(ctx);
                    completed.incrementAndGet();
                });
            }
            Duration step = Duration.ofMillis(500);
            for (Duration t = Duration.ZERO; ; t = t.plus(step)) {
                awaitQuiet();
                int n = completed.get();
                double seconds = t.toMillis() / 1000.0;
                assertTrue(n <= 10 + Math.floor(seconds / 6), n + " done at " + t + ": over 10 per minute");
                assertTrue(n <= 1 + Math.floor(seconds * 2), n + " done at " + t + ": over 2 per second");
                if (t.equals(Duration.ofSeconds(60).minus(step))) {
                    assertEquals(19, n, "the last request waits for the 60 s token");
                }
                if (t.equals(Duration.ofSeconds(60))) {
                    assertEquals(20, n, "all twenty done at 60 s");
                    return null;
                }
                clock.advance(step);
            }
        });
    }
}
