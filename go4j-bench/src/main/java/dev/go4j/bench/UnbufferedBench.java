package dev.go4j.bench;

import com.softwaremill.jox.Channel;
import dev.go4j.Chan;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
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
 * Unbuffered channels (rendezvous): go4j's {@code Chan.make()} against Jox's rendezvous channel, the
 * JDK's {@link SynchronousQueue} and {@link LinkedTransferQueue#transfer}, all on virtual threads.
 *
 * <ul>
 *   <li>{@code *_spsc}: one producer sends {@value #SPSC} values to one consumer; the score is ns per value.
 *   <li>{@code *_pingpong}: two virtual threads bounce a value over two unbuffered channels
 *       {@value #ROUNDS} times; the score is ns per round trip (two hand-offs).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class UnbufferedBench {
    static final int SPSC = 1_000_000;
    static final int ROUNDS = 100_000;

    @Benchmark
    @OperationsPerInvocation(SPSC)
    public long go4j_spsc() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        return Harness.transfer(Harness.GOROUTINE, SPSC, 1, 1, ch::send, ch::recv);
    }

    @Benchmark
    @OperationsPerInvocation(SPSC)
    public long jox_spsc() throws InterruptedException {
        Channel<Integer> ch = Channel.newRendezvousChannel();
        return Harness.transfer(Harness.VIRTUAL, SPSC, 1, 1, ch::send, ch::receive);
    }

    @Benchmark
    @OperationsPerInvocation(SPSC)
    public long jdkSQ_spsc() throws InterruptedException {
        SynchronousQueue<Integer> q = new SynchronousQueue<>();
        return Harness.transfer(Harness.VIRTUAL, SPSC, 1, 1, q::put, q::take);
    }

    @Benchmark
    @OperationsPerInvocation(SPSC)
    public long jdkLTQ_spsc() throws InterruptedException {
        LinkedTransferQueue<Integer> q = new LinkedTransferQueue<>();
        return Harness.transfer(Harness.VIRTUAL, SPSC, 1, 1, q::transfer, q::take);
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public long go4j_pingpong() throws InterruptedException {
        Chan<Integer> ping = Chan.make();
        Chan<Integer> pong = Chan.make();
        return Harness.pingPong(Harness.GOROUTINE, ROUNDS, ping::send, ping::recv, pong::send, pong::recv);
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public long jox_pingpong() throws InterruptedException {
        Channel<Integer> ping = Channel.newRendezvousChannel();
        Channel<Integer> pong = Channel.newRendezvousChannel();
        return Harness.pingPong(Harness.VIRTUAL, ROUNDS, ping::send, ping::receive, pong::send, pong::receive);
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public long jdkSQ_pingpong() throws InterruptedException {
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        return Harness.pingPong(Harness.VIRTUAL, ROUNDS, ping::put, ping::take, pong::put, pong::take);
    }

    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public long jdkLTQ_pingpong() throws InterruptedException {
        LinkedTransferQueue<Integer> ping = new LinkedTransferQueue<>();
        LinkedTransferQueue<Integer> pong = new LinkedTransferQueue<>();
        return Harness.pingPong(Harness.VIRTUAL, ROUNDS, ping::transfer, ping::take, pong::transfer, pong::take);
    }
}
