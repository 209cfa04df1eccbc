package dev.go4j.bench;

import dev.go4j.rate.Limiter;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code Limiter.allow()} as x/time/rate's BenchmarkAllowN (one event per second, burst 1, so nearly
 * every call is refused after the arithmetic): uncontended and from 4 threads on one limiter. The JDK
 * has no rate limiter, so go4j stands alone; the Go figure comes from BenchmarkAllowN. Score: ns per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class RateBench {
    private final Limiter limiter = new Limiter(Limiter.every(Duration.ofSeconds(1)), 1);

    @Benchmark
    @Threads(1)
    public boolean go4j_allowUncontended() {
        return limiter.allow();
    }

    @Benchmark
    @Threads(4)
    public boolean go4j_allowContended4() {
        return limiter.allow();
    }
}
