package dev.go4j.bench;

import dev.go4j.Chan;
import dev.go4j.runtime.Profile;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * What go4j's diagnostics cost: the same channel and mutex scenarios with the always-on recording (the
 * time a goroutine parked, for dumps; the default), with it off ({@code -Dgo4j.diagnostics=false}, in a
 * JVM of its own), and with the block profile recording every blocking event
 * ({@code Profile.setBlockProfileRate(1)}: a stack capture per park).
 *
 * <ul>
 *   <li>{@code *_unbufferedSpsc}: {@code UnbufferedBench.go4j_spsc}, one producer, one consumer, an
 *       unbuffered channel; ns per value.
 *   <li>{@code *_buffered1024Spsc}: {@code BufferedBench.go4j_spsc} with capacity 1024; ns per value.
 *   <li>{@code *_mutexContended4}: {@code MutexBench.go4j_contended4}, four goroutines on one Mutex; ns
 *       per lock/unlock pair.
 * </ul>
 *
 * <p>Methods are named {@code <variant>_<scenario>} with variant {@code go4j} (diagnostics on),
 * {@code go4jDiagOff} and {@code go4jBlockProfile}, so {@code bench/report.py} lists the two others as
 * go4j's peers: the ratio go4j/peer is the cost of the recording (against {@code go4jDiagOff}) and of the
 * profile (against {@code go4jBlockProfile}, below 1 when profiling costs).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DiagnosticsBench {
    private static final String OFF = "-Dgo4j.diagnostics=false";
    private static final int SPSC = UnbufferedBench.SPSC;
    private static final int BUFFERED = BufferedBench.N;
    private static final int BUFFER = 1024;
    private static final int OPS = MutexBench.OPS;

    /** Turns the block profile on for the {@code go4jBlockProfile_*} methods (each runs in its own fork). */
    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) {
        if (params.getBenchmark().contains(".go4jBlockProfile_")) {
            Profile.setBlockProfileRate(1);
        }
    }

    /** Empties the profile after each iteration, so that it does not grow over the run. */
    @TearDown(Level.Iteration)
    public void resetProfile() {
        Profile.block().reset();
    }

    @Benchmark
    @OperationsPerInvocation(SPSC)
    public long go4j_unbufferedSpsc() throws InterruptedException {
        return unbufferedSpsc();
    }

    @Benchmark
    @OperationsPerInvocation(SPSC)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", OFF})
    public long go4jDiagOff_unbufferedSpsc() throws InterruptedException {
        return unbufferedSpsc();
    }

    @Benchmark
    @OperationsPerInvocation(SPSC)
    public long go4jBlockProfile_unbufferedSpsc() throws InterruptedException {
        return unbufferedSpsc();
    }

    @Benchmark
    @OperationsPerInvocation(BUFFERED)
    public long go4j_buffered1024Spsc() throws InterruptedException {
        return bufferedSpsc();
    }

    @Benchmark
    @OperationsPerInvocation(BUFFERED)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", OFF})
    public long go4jDiagOff_buffered1024Spsc() throws InterruptedException {
        return bufferedSpsc();
    }

    @Benchmark
    @OperationsPerInvocation(BUFFERED)
    public long go4jBlockProfile_buffered1024Spsc() throws InterruptedException {
        return bufferedSpsc();
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long go4j_mutexContended4() throws InterruptedException {
        return MutexBench.go4jContended();
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    @Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", OFF})
    public long go4jDiagOff_mutexContended4() throws InterruptedException {
        return MutexBench.go4jContended();
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long go4jBlockProfile_mutexContended4() throws InterruptedException {
        return MutexBench.go4jContended();
    }

    private static long unbufferedSpsc() throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        return Harness.transfer(Harness.GOROUTINE, SPSC, 1, 1, ch::send, ch::recv);
    }

    private static long bufferedSpsc() throws InterruptedException {
        Chan<Integer> ch = Chan.make(BUFFER);
        return Harness.transfer(Harness.GOROUTINE, BUFFERED, 1, 1, ch::send, ch::recv);
    }
}
