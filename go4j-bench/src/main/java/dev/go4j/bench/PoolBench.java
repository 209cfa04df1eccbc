package dev.go4j.bench;

import dev.go4j.sync.Pool;
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
 * go4j's {@code Pool} against plain allocation of a 4 KiB buffer that is used once and dropped (the
 * case Go's sync.Pool exists for), on four JMH threads at once so that the pool is contended. The
 * score is ns per get / use / put (or allocate / use).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(4)
public class PoolBench {
    static final int SIZE = 4096;
    private final Pool<byte[]> pool = new Pool<>(() -> new byte[SIZE]);

    @Benchmark
    public int go4j_getPut() {
        byte[] b = pool.get();
        int r = use(b);
        pool.put(b);
        return r;
    }

    @Benchmark
    public int jdkAllocate_getPut() {
        return use(new byte[SIZE]);
    }

    private static int use(byte[] b) {
        b[0]++;
        b[SIZE - 1]++;
        return b[0] + b[SIZE - 1];
    }
}
