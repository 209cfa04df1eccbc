package dev.go4j.bench;

import dev.go4j.errgroup.ErrGroup;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Fork-join of {@value #TASKS} tiny tasks: go4j's errgroup ({@code go} each, then {@code await}) against
 * the JDK's {@code Executors.newVirtualThreadPerTaskExecutor()} (submit each, then close, which waits).
 * StructuredTaskScope is a preview API in JDK 21 to 24, so it is not used. The score is ns per task.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ErrGroupBench {
    static final int TASKS = 10_000;

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long go4j_tasks() throws InterruptedException, ExecutionException {
        LongAdder sum = new LongAdder();
        ErrGroup g = new ErrGroup();
        for (int i = 0; i < TASKS; i++) {
            int k = i;
            g.go(() -> sum.add(k));
        }
        g.await();
        return check(sum.sum());
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long jdkVirtualExecutor_tasks() {
        LongAdder sum = new LongAdder();
        try (ExecutorService ex = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < TASKS; i++) {
                int k = i;
                ex.submit(() -> sum.add(k));
            }
        }
        return check(sum.sum());
    }

    private static long check(long sum) {
        if (sum != Harness.expectedSum(TASKS)) {
            throw new AssertionError("sum " + sum);
        }
        return sum;
    }
}
