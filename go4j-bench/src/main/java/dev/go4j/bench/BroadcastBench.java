package dev.go4j.bench;

import dev.go4j.Chan;
import dev.go4j.pattern.Broadcast;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * go4j's {@link Broadcast} (core.async's mult/tap) against the loop one writes by hand without it.
 *
 * <ul>
 *   <li>{@code *_fanOut4}: one producer broadcasts {@value #N} values to 4 taps, each a buffer of
 *       {@value #CAP} read by its own consumer; ns per value (delivered to all four). go4j: the producer
 *       sends into a source channel of the same capacity, the broadcast's goroutine delivers each value
 *       to the four tap channels (one select over the taps per value), then closes them when the source
 *       closes. JDK peer: the producer itself {@code put}s each value into four
 *       {@link ArrayBlockingQueue}s in turn, with no goroutine in between, no cancellation, no close and
 *       no tap or untap while it runs: the floor of what a broadcast costs.
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BroadcastBench {
    static final int N = 100_000;
    static final int TAPS = 4;
    static final int CAP = 64;

    @Benchmark
    @OperationsPerInvocation(N)
    public long go4j_fanOut4() throws InterruptedException {
        Chan<Integer> source = Chan.make(CAP);
        Broadcast<Integer> broadcast = Broadcast.of(Chan.nil(), source);
        Harness.Part[] parts = new Harness.Part[TAPS + 1];
        parts[0] = () -> {
            for (int i = 0; i < N; i++) {
                source.send(Harness.VALUES[i]);
            }
            source.close();
            return 0;
        };
        for (int k = 1; k <= TAPS; k++) {
            Chan<Integer> tap = Chan.make(CAP);
            broadcast.tap(tap);
            parts[k] = () -> consume(tap::recv);
        }
        return Harness.run(Harness.GOROUTINE, TAPS * Harness.expectedSum(N), parts);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkABQ_fanOut4() throws InterruptedException {
        @SuppressWarnings("unchecked")
        ArrayBlockingQueue<Integer>[] queues = new ArrayBlockingQueue[TAPS];
        Harness.Part[] parts = new Harness.Part[TAPS + 1];
        for (int k = 0; k < TAPS; k++) {
            ArrayBlockingQueue<Integer> q = new ArrayBlockingQueue<>(CAP);
            queues[k] = q;
            parts[k + 1] = () -> consume(q::take);
        }
        parts[0] = () -> {
            for (int i = 0; i < N; i++) {
                Integer v = Harness.VALUES[i];
                for (ArrayBlockingQueue<Integer> q : queues) {
                    q.put(v);
                }
            }
            return 0;
        };
        return Harness.run(Harness.VIRTUAL, TAPS * Harness.expectedSum(N), parts);
    }

    /** One tap's reader: takes the {@value #N} values and sums them. */
    private static long consume(Harness.Receiver in) throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < N; i++) {
            sum += in.recv();
        }
        return sum;
    }
}
