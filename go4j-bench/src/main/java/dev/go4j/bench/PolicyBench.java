package dev.go4j.bench;

import com.softwaremill.jox.Channel;
import dev.go4j.BufferPolicy;
import dev.go4j.Chan;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * go4j's channels with a buffer policy other than Go's blocking one ({@link BufferPolicy},
 * {@link Chan#unlimited()}).
 *
 * <ul>
 *   <li>{@code *_unlimited}: 1 producer, 1 consumer, {@value #N} values through an unbounded buffer:
 *       go4j's {@code Chan.unlimited()}, Jox's {@code newUnlimitedChannel()} and the JDK's
 *       {@link LinkedBlockingQueue}; ns per value.
 *   <li>{@code *_slidingSend}, {@code *_droppingSend}: one thread sending to a full buffer of 16 (the
 *       cost of a send that drops: the oldest value for sliding, the new one for dropping); ns per
 *       send. Jox 1.0.1 has no dropping or sliding channel; the JDK peer is an
 *       {@link ArrayBlockingQueue} with {@code offer}, plus {@code poll} for sliding (not atomic: a
 *       single-threaded reference only).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PolicyBench {
    static final int N = 100_000;
    static final int CAP = 16;
    private static final Integer V = 42;

    private Chan<Integer> sliding;
    private Chan<Integer> dropping;
    private ArrayBlockingQueue<Integer> abq;

    /** Fills the buffers, so that every measured send finds them full. */
    @Setup(Level.Iteration)
    public void fill() {
        sliding = Chan.make(CAP, BufferPolicy.DROP_OLDEST);
        dropping = Chan.make(CAP, BufferPolicy.DROP_NEWEST);
        abq = new ArrayBlockingQueue<>(CAP);
        for (int i = 0; i < CAP; i++) {
            sliding.trySend(i);
            dropping.trySend(i);
            abq.offer(i);
        }
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long go4j_unlimited() throws InterruptedException {
        Chan<Integer> ch = Chan.unlimited();
        return Harness.transfer(Harness.GOROUTINE, N, 1, 1, ch::send, ch::recv);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jox_unlimited() throws InterruptedException {
        Channel<Integer> ch = Channel.newUnlimitedChannel();
        return Harness.transfer(Harness.VIRTUAL, N, 1, 1, ch::send, ch::receive);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkLBQ_unlimited() throws InterruptedException {
        LinkedBlockingQueue<Integer> q = new LinkedBlockingQueue<>();
        return Harness.transfer(Harness.VIRTUAL, N, 1, 1, q::put, q::take);
    }

    @Benchmark
    public int go4j_slidingSend() throws InterruptedException {
        sliding.send(V);
        return sliding.len();
    }

    @Benchmark
    public int jdkABQ_slidingSend() {
        if (!abq.offer(V)) {
            abq.poll();
            abq.offer(V);
        }
        return abq.size();
    }

    @Benchmark
    public int go4j_droppingSend() throws InterruptedException {
        dropping.send(V);
        return dropping.len();
    }

    @Benchmark
    public boolean jdkABQ_droppingSend() {
        return abq.offer(V);
    }
}
