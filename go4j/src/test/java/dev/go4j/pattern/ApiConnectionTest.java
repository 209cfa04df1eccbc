package dev.go4j.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.context.Context;
import dev.go4j.context.ContextException;
import dev.go4j.context.Contexts;
import dev.go4j.rate.Limiter;
import dev.go4j.rate.MultiLimiter;
import dev.go4j.rate.RateLimiter;
import dev.go4j.synctest.Synctest;
import dev.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The book's rate-limited {@code APIConnection} (chapter 5, "Rate Limiting", C5-13 and C5-14) on
 * {@link Limiter} and {@link MultiLimiter}: an API limit of 2 per second (burst 1) and 10 per minute
 * (burst 10), plus a disk limit (1 per second) for {@code readFile} and a network limit (3 per second,
 * burst 3) for {@code resolveAddress}. Twenty requests at once, in a virtual-time bubble
 * ({@link Synctest}): at each completion the count never exceeds what the token buckets allow, and the
 * twentieth request completes at exactly 60 s, the nineteenth before, as the book's run shows
 * ({@code 10 + 10 × 6 s}).
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
        Synctest.test(() -> {
            ApiConnection conn = new ApiConnection();
            Context ctx = Contexts.background();
            Chan<Duration> completed = Chan.make(20);
            Instant start = Time.now();
            for (int i = 0; i < 10; i++) {
                Go.go(() -> {
                    conn.readFile(ctx);
                    completed.send(Time.since(start));
                });
                Go.go(() -> {
                    conn.resolveAddress(ctx);
                    completed.send(Time.since(start));
                });
            }
            List<Duration> times = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                times.add(completed.recv()); // in order: virtual time never goes back
            }
            for (int n = 1; n <= 20; n++) {
                Duration t = times.get(n - 1);
                double seconds = t.toNanos() / 1e9;
                assertTrue(n <= 10 + Math.floor(seconds / 6), n + " done at " + t + ": over 10 per minute");
                assertTrue(n <= 1 + Math.floor(seconds * 2), n + " done at " + t + ": over 2 per second");
            }
            assertTrue(times.get(18).compareTo(Duration.ofSeconds(60)) < 0, "19 done before 60 s: " + times);
            assertEquals(Duration.ofSeconds(60), times.get(19), "the last request waits for the 60 s token");
        });
    }
}
