package dev.go4j.bench;

import dev.go4j.time.Clock;
import dev.go4j.time.Time;
import dev.go4j.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * Timers: {@value #N} timers scheduled with delays spread over a millisecond, against the JDK's
 * {@link ScheduledThreadPoolExecutor} (one thread, remove-on-cancel, as go4j's one timer thread).
 * Scores are ns per timer.
 * <ul>
 *   <li>{@code timersFired}: go4j {@link Time#newTimer} then a receive from each channel, against
 *       {@code schedule(callable)} then {@code get()} on each future: a timer whose value one waits for.</li>
 *   <li>{@code callbacksRun}: go4j {@link Clock#at} (the alarm under every timer) against
 *       {@code schedule(runnable)}; the last callback releases a latch.</li>
 *   <li>{@code scheduleCancel}: timers an hour away, then all stopped / cancelled: the cost of timers
 *       that never fire (timeouts that were not needed).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class TimerBench {
    static final int N = 100_000;
    private static final long SPREAD_NANOS = 1_000_000;

    private ScheduledThreadPoolExecutor jdk;

    @Setup(Level.Trial)
    public void setUp() {
        jdk = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "jdk-timer");
            t.setDaemon(true);
            return t;
        });
        jdk.setRemoveOnCancelPolicy(true);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        jdk.shutdownNow();
    }

    /** The delay of timer {@code i}: scrambled over [0, 1 ms). */
    private static long delay(int i) {
        return (i * 7919L) % SPREAD_NANOS;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long go4j_timersFired() throws InterruptedException {
        Timer[] timers = new Timer[N];
        for (int i = 0; i < N; i++) {
            timers[i] = Time.newTimer(Duration.ofNanos(delay(i)));
        }
        long sum = 0;
        for (Timer t : timers) {
            sum += t.c().recv().getNano();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkScheduledExecutor_timersFired() throws InterruptedException, ExecutionException {
        @SuppressWarnings("unchecked")
        ScheduledFuture<Instant>[] futures = new ScheduledFuture[N];
        Callable<Instant> now = Instant::now;
        for (int i = 0; i < N; i++) {
            futures[i] = jdk.schedule(now, delay(i), TimeUnit.NANOSECONDS);
        }
        long sum = 0;
        for (ScheduledFuture<Instant> f : futures) {
            sum += f.get().getNano();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long go4j_callbacksRun() throws InterruptedException {
        Clock clock = Clock.system();
        AtomicLong ran = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        Runnable callback = () -> {
            if (ran.incrementAndGet() == N) {
                done.countDown();
            }
        };
        long now = clock.nanoTime();
        for (int i = 0; i < N; i++) {
            clock.at(now + delay(i), callback);
        }
        done.await();
        return ran.get();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkScheduledExecutor_callbacksRun() throws InterruptedException {
        AtomicLong ran = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        Runnable callback = () -> {
            if (ran.incrementAndGet() == N) {
                done.countDown();
            }
        };
        for (int i = 0; i < N; i++) {
            jdk.schedule(callback, delay(i), TimeUnit.NANOSECONDS);
        }
        done.await();
        return ran.get();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long go4j_scheduleCancel() {
        Timer[] timers = new Timer[N];
        for (int i = 0; i < N; i++) {
            timers[i] = Time.newTimer(Duration.ofHours(1).plusNanos(delay(i)));
        }
        long stopped = 0;
        for (Timer t : timers) {
            stopped += t.stop() ? 1 : 0;
        }
        return stopped;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long jdkScheduledExecutor_scheduleCancel() {
        ScheduledFuture<?>[] futures = new ScheduledFuture[N];
        for (int i = 0; i < N; i++) {
            futures[i] = jdk.schedule(() -> { }, TimeUnit.HOURS.toNanos(1) + delay(i), TimeUnit.NANOSECONDS);
        }
        long cancelled = 0;
        for (ScheduledFuture<?> f : futures) {
            cancelled += f.cancel(false) ? 1 : 0;
        }
        return cancelled;
    }
}
