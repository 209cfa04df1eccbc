package dev.go4j.bench;

import com.softwaremill.jox.Channel;
import dev.go4j.Chan;
import dev.go4j.Select;
import java.util.ArrayList;
import java.util.List;
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
 * Select: one consumer receives {@value #N} values by selecting over {@code n} unbuffered channels, each
 * fed by its own producer (N / n values each). go4j's {@link Select#select} against Jox's
 * {@code Select.select(ch.receiveClause(), ...)}; the JDK has no select. The score is ns per value
 * (one select each). The select is written out per arity, as a user would write it, so each call
 * builds its cases afresh (as Go's {@code select} statement does).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SelectBench {
    static final int N = 100_000;

    @Param({"2", "4"})
    public int n;

    @Benchmark
    @OperationsPerInvocation(N)
    public long go4j_select() throws InterruptedException {
        List<Chan<Integer>> chs = new ArrayList<>();
        Harness.Sender[] outs = new Harness.Sender[n];
        for (int i = 0; i < n; i++) {
            Chan<Integer> ch = Chan.make();
            chs.add(ch);
            outs[i] = ch::send;
        }
        Chan<Integer> c0 = chs.get(0), c1 = chs.get(1);
        Harness.Receiver in;
        if (n == 2) {
            in = () -> Select.select(Select.recv(c0, v -> v), Select.recv(c1, v -> v));
        } else {
            Chan<Integer> c2 = chs.get(2), c3 = chs.get(3);
            in = () -> Select.select(Select.recv(c0, v -> v), Select.recv(c1, v -> v),
                    Select.recv(c2, v -> v), Select.recv(c3, v -> v));
        }
        return Harness.transfer(Harness.GOROUTINE, N, outs, 1, in);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jox_select() throws InterruptedException {
        List<Channel<Integer>> chs = new ArrayList<>();
        Harness.Sender[] outs = new Harness.Sender[n];
        for (int i = 0; i < n; i++) {
            Channel<Integer> ch = Channel.newRendezvousChannel();
            chs.add(ch);
            outs[i] = ch::send;
        }
        Channel<Integer> c0 = chs.get(0), c1 = chs.get(1);
        Harness.Receiver in;
        if (n == 2) {
            in = () -> com.softwaremill.jox.Select.select(c0.receiveClause(), c1.receiveClause());
        } else {
            Channel<Integer> c2 = chs.get(2), c3 = chs.get(3);
            in = () -> com.softwaremill.jox.Select.select(c0.receiveClause(), c1.receiveClause(),
                    c2.receiveClause(), c3.receiveClause());
        }
        return Harness.transfer(Harness.VIRTUAL, N, outs, 1, in);
    }
}
