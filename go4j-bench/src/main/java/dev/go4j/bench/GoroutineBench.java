package dev.go4j.bench;

import dev.go4j.Go;
import java.util.concurrent.CountDownLatch;
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
 * The cost of a goroutine's life against a plain virtual thread's: start {@value #TASKS} of them, each
 * counting down one latch, and wait for all; the score is ns per goroutine, from start to finish. The
 * difference is what {@code Go.go} adds to {@code Thread.ofVirtual().start}: the goroutine's record
 * (id, registry entry, name) and its removal when the task returns. {@code go4jCreatedBy_start} is
 * go4j with the "created by" site recorded for every goroutine ({@code -Dgo4j.createdBy=true}, in a JVM
 * of its own; what {@code Go.main} and goroutine dumps turn on): a stack walk per {@code Go.go}. The
 * memory of a blocked goroutine is measured by {@link GoroutineMemory}, outside JMH (it is a retained
 * size, not a rate).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class GoroutineBench {
    static final int TASKS = 10_000;

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public CountDownLatch go4j_start() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            Go.go(done::countDown);
        }
        done.await();
        return done;
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    @Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dgo4j.createdBy=true"})
    public CountDownLatch go4jCreatedBy_start() throws InterruptedException {
        return go4j_start();
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public CountDownLatch jdkVirtualThread_start() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            Thread.ofVirtual().start(done::countDown);
        }
        done.await();
        return done;
    }
}
