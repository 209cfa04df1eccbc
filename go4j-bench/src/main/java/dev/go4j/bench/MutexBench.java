package dev.go4j.bench;

import dev.go4j.sync.Mutex;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * go4j's {@code Mutex} against the JDK's {@link ReentrantLock} (non-fair, its default).
 *
 * <ul>
 *   <li>{@code *_uncontended}: one thread locks and unlocks {@value #OPS} times, incrementing a
 *       counter; the score is ns per lock/unlock pair.
 *   <li>{@code *_contended4}: four virtual threads each lock, increment and unlock {@value #OPS} / 4
 *       times; the score is ns per lock/unlock pair (total work / total pairs).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class MutexBench {
    static final int OPS = 1_000_000;
    static final int THREADS = 4;

    private long counter;

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long go4j_uncontended() throws InterruptedException {
        Mutex m = new Mutex();
        for (int i = 0; i < OPS; i++) {
            m.lock();
            counter++;
            m.unlock();
        }
        return counter;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long jdkReentrantLock_uncontended() {
        ReentrantLock l = new ReentrantLock();
        for (int i = 0; i < OPS; i++) {
            l.lock();
            counter++;
            l.unlock();
        }
        return counter;
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long go4j_contended4() throws InterruptedException {
        return go4jContended();
    }

    /** The go4j side of {@code contended4}; {@code DiagnosticsBench} runs it too. */
    static long go4jContended() throws InterruptedException {
        Mutex m = new Mutex();
        long[] shared = {0};
        Harness.Part part = () -> {
            for (int i = 0; i < OPS / THREADS; i++) {
                m.lock();
                shared[0]++;
                m.unlock();
            }
            return 0;
        };
        Harness.run(Harness.GOROUTINE, 0, part, part, part, part);
        return check(shared[0]);
    }

    @Benchmark
    @OperationsPerInvocation(OPS)
    public long jdkReentrantLock_contended4() throws InterruptedException {
        ReentrantLock l = new ReentrantLock();
        long[] shared = {0};
        Harness.Part part = () -> {
            for (int i = 0; i < OPS / THREADS; i++) {
                l.lock();
                shared[0]++;
                l.unlock();
            }
            return 0;
        };
        Harness.run(Harness.VIRTUAL, 0, part, part, part, part);
        return check(shared[0]);
    }

    private static long check(long total) {
        if (total != OPS) {
            throw new IllegalStateException("lost increments: " + total);
        }
        return total;
    }
}
