package dev.go4j.bench;

import com.softwaremill.jox.Channel;
import dev.go4j.Chan;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Buffered channels of capacity {@code cap}: go4j's {@code Chan.make(cap)} against Jox's buffered
 * channel, the JDK's {@link ArrayBlockingQueue} of the same capacity and {@link LinkedTransferQueue}
 * ({@code put}/{@code take}; it is unbounded, so it ignores {@code cap} and its producers never block:
 * not the same contract, listed for reference).
 *
 * <ul>
 *   <li>{@code *_spsc}: 1 producer, 1 consumer, {@value #N} values.
 *   <li>{@code *_mpmc}: 4 producers, 4 consumers on one channel, {@value #N} values in all.
 * </ul>
 * The score is ns per value.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BufferedBench {
    static final int N = 100_000;
    static final int WORKERS = 4;

    @Param({"16", "1024"})
    public int cap;

    @Benchmark
    @OperationsPerInvocation(N)
    public long go4j_spsc() throws InterruptedException {
        Chan<Integer> ch = Chan.make(cap);
        return Harness.transfer(Harness.GOROUTINE, N, 1, 1, ch::send, ch::recv);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long go4j_mpmc() throws InterruptedException {
        Chan<Integer> ch = Chan.make(cap);
        return Harness.transfer(Harness.GOROUTINE, N, WORKERS, WORKERS, ch::send, ch::recv);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jox_spsc() throws InterruptedException {
        Channel<Integer> ch = Channel.newBufferedChannel(cap);
        return Harness.transfer(Harness.VIRTUAL, N, 1, 1, ch::send, ch::receive);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jox_mpmc() throws InterruptedException {
        Channel<Integer> ch = Channel.newBufferedChannel(cap);
        return Harness.transfer(Harness.VIRTUAL, N, WORKERS, WORKERS, ch::send, ch::receive);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkABQ_spsc() throws InterruptedException {
        ArrayBlockingQueue<Integer> q = new ArrayBlockingQueue<>(cap);
        return Harness.transfer(Harness.VIRTUAL, N, 1, 1, q::put, q::take);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkABQ_mpmc() throws InterruptedException {
        ArrayBlockingQueue<Integer> q = new ArrayBlockingQueue<>(cap);
        return Harness.transfer(Harness.VIRTUAL, N, WORKERS, WORKERS, q::put, q::take);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkLTQ_spsc() throws InterruptedException {
        LinkedTransferQueue<Integer> q = new LinkedTransferQueue<>();
        return Harness.transfer(Harness.VIRTUAL, N, 1, 1, q::put, q::take);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkLTQ_mpmc() throws InterruptedException {
        LinkedTransferQueue<Integer> q = new LinkedTransferQueue<>();
        return Harness.transfer(Harness.VIRTUAL, N, WORKERS, WORKERS, q::put, q::take);
    }
}
