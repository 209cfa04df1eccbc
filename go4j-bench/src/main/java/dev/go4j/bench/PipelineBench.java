package dev.go4j.bench;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.pattern.Pipelines;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The book's pipeline shape, generator → map → map → take, {@value #N} values through it, the stages
 * doing next to nothing (a table lookup, no allocation), so that the score is the cost of moving one
 * value through four hand-offs (ns per value).
 *
 * <ul>
 *   <li>{@code go4j_pipeline}: {@code dev.go4j.pattern.Pipelines} (repeatFn, map, map, take; each stage
 *       a goroutine, unbuffered channels, every send and receive a select with done), then done closes.
 *   <li>{@code jdkSQ_pipeline}: the same four stages as virtual threads joined by
 *       {@link SynchronousQueue}s (the JDK's rendezvous, like an unbuffered channel), stopped by interrupt.
 *   <li>{@code jdkABQ_pipeline}: the same with {@link ArrayBlockingQueue}s of capacity 1 (the smallest
 *       bounded queue; a buffered hand-off, so not quite the same semantics).
 *   <li>{@code jdkStream_pipeline}: a sequential {@link Stream} (generate, map, map, limit) in one thread:
 *       no concurrency at all, the floor that shows what the hand-offs cost.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PipelineBench {
    static final int N = 100_000;

    /** The generator: VALUES[0], VALUES[1], ... (wrapping), so that nothing is boxed while measuring. */
    private static Supplier<Integer> counter() {
        int[] next = {0};
        return () -> Harness.VALUES[next[0]++ % Harness.MAX_BATCH];
    }

    /** A stage's work: a lookup that returns the same value, without allocating. */
    private static Integer lookup(Integer v) {
        return Harness.VALUES[v];
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long go4j_pipeline() throws InterruptedException {
        Chan<Object> done = Chan.make();
        try (done) {
            RecvChan<Integer> out = Pipelines.take(done,
                    Pipelines.map(done, Pipelines.map(done, Pipelines.repeatFn(done, counter()), PipelineBench::lookup),
                            PipelineBench::lookup),
                    N);
            return Harness.run(Harness.GOROUTINE, Harness.expectedSum(N), () -> {
                long sum = 0;
                for (Integer v; (v = out.recv()) != null; ) {
                    sum += v;
                }
                return sum;
            });
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkSQ_pipeline() throws InterruptedException {
        return jdkPipeline(SynchronousQueue::new);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkABQ_pipeline() throws InterruptedException {
        return jdkPipeline(() -> new ArrayBlockingQueue<>(1));
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkStream_pipeline() {
        long sum = Stream.generate(counter()).map(PipelineBench::lookup).map(PipelineBench::lookup).limit(N)
                .mapToLong(Integer::longValue).sum();
        if (sum != Harness.expectedSum(N)) {
            throw new IllegalStateException("checksum " + sum);
        }
        return sum;
    }

    /**
     * generator → map → map → take on virtual threads and {@code queues}; the consumer reads the N
     * values take passes on, then the infinite stages upstream are stopped by interrupt (the JDK's
     * cancellation), as go4j's are by closing done.
     */
    private static long jdkPipeline(Supplier<BlockingQueue<Integer>> queues) throws InterruptedException {
        BlockingQueue<Integer> generated = queues.get();
        BlockingQueue<Integer> mapped1 = queues.get();
        BlockingQueue<Integer> mapped2 = queues.get();
        BlockingQueue<Integer> taken = queues.get();
        Supplier<Integer> next = counter();
        Thread[] upstream = {
            Harness.VIRTUAL.start(() -> forever(() -> generated.put(next.get()))),
            Harness.VIRTUAL.start(() -> forever(() -> mapped1.put(lookup(generated.take())))),
            Harness.VIRTUAL.start(() -> forever(() -> mapped2.put(lookup(mapped1.take())))),
        };
        try {
            return Harness.run(Harness.VIRTUAL, Harness.expectedSum(N),
                    () -> {
                        for (int i = 0; i < N; i++) {
                            taken.put(mapped2.take());
                        }
                        return 0;
                    },
                    () -> {
                        long sum = 0;
                        for (int i = 0; i < N; i++) {
                            sum += taken.take();
                        }
                        return sum;
                    });
        } finally {
            for (Thread t : upstream) {
                t.interrupt();
            }
        }
    }

    /** One step of an infinite stage. */
    @FunctionalInterface
    private interface Step {
        void run() throws InterruptedException;
    }

    /** Runs {@code step} until interrupted. */
    private static void forever(Step step) {
        try {
            while (true) {
                step.run();
            }
        } catch (InterruptedException stopped) {
            // the pipeline is cancelled
        }
    }
}
