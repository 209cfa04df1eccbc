package dev.go4j.bench;

import dev.go4j.sync.WaitGroup;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Phaser;
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
 * go4j's {@code WaitGroup} against {@link CountDownLatch} and {@link Phaser} in the fan-out / join
 * shape: start {@value #TASKS} virtual threads that each count down once, then wait for all of them;
 * the score is ns per task (thread start included, the same for every row).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WaitGroupBench {
    static final int TASKS = 10_000;

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public WaitGroup go4j_fanOut() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        wg.add(TASKS);
        for (int i = 0; i < TASKS; i++) {
            Thread.ofVirtual().start(wg::done);
        }
        wg.await();
        return wg;
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public CountDownLatch jdkCountDownLatch_fanOut() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(TASKS);
        for (int i = 0; i < TASKS; i++) {
            Thread.ofVirtual().start(latch::countDown);
        }
        latch.await();
        return latch;
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public Phaser jdkPhaser_fanOut() {
        Phaser phaser = new Phaser(1 + TASKS);
        for (int i = 0; i < TASKS; i++) {
            Thread.ofVirtual().start(phaser::arrive);
        }
        phaser.arriveAndAwaitAdvance();
        return phaser;
    }
}
