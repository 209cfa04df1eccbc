package dev.go4j.bench;

import dev.go4j.Chan;
import dev.go4j.Go;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.SynchronousQueue;
import java.util.function.Function;

/**
 * The heap a blocked goroutine keeps, against a plain virtual thread's: {@value #N} threads, each parked
 * in a receive on its own channel (go4j) or {@code take} on its own {@link SynchronousQueue} (JDK), and
 * the retained heap per thread after a full collection (the thread, its stack chunk, the channel or
 * queue, its waiter and, for a goroutine, its record). The crossed rows (a goroutine on a queue, a
 * plain virtual thread on a channel) split the difference between the goroutine and the channel.
 *
 * <p>A retained size is not a rate, so this is a plain program, not a JMH benchmark; each row is
 * measured {@value #ROUNDS} times, rows interleaved, and the median printed, with each row's ratio to
 * the virtual thread on a {@code SynchronousQueue}. Run:
 * {@code mvn -q -pl go4j-bench -am compile exec:exec -Dbench.main=dev.go4j.bench.GoroutineMemory -Djmh.args=}
 */
public final class GoroutineMemory {
    static final int N = 100_000;
    static final int ROUNDS = 5;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private GoroutineMemory() {}

    /** One way to block a thread: what it blocks on, and how to start it and to release it. */
    private record Row(String name, Function<Runnable, Thread> starter, boolean chan) {}

    public static void main(String[] args) throws Exception {
        List<Row> rows = List.of(
                new Row("go4j goroutine + Chan", r -> Go.go(r::run), true),
                new Row("virtual thread + SynchronousQueue", r -> Thread.ofVirtual().start(r), false),
                new Row("go4j goroutine + SynchronousQueue", r -> Go.go(r::run), false),
                new Row("virtual thread + Chan", r -> Thread.ofVirtual().start(r), true));
        double[][] bytes = new double[rows.size()][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < rows.size(); i++) {
                bytes[i][round] = measure(rows.get(i));
            }
        }
        double base = median(bytes[1]);
        for (int i = 0; i < rows.size(); i++) {
            double m = median(bytes[i]);
            System.out.printf(Locale.ROOT, "%-36s %6.0f bytes per blocked thread  (%.2f x)%n", rows.get(i).name(), m, m / base);
        }
    }

    /** Bytes retained per blocked thread of {@code row}. */
    private static double measure(Row row) throws Exception {
        Thread[] threads = new Thread[N];
        Object[] blockers = new Object[N];
        long before = usedAfterGc();
        for (int i = 0; i < N; i++) {
            if (row.chan()) {
                Chan<Integer> ch = Chan.make();
                blockers[i] = ch;
                threads[i] = row.starter().apply(() -> receive(ch));
            } else {
                SynchronousQueue<Integer> q = new SynchronousQueue<>();
                blockers[i] = q;
                threads[i] = row.starter().apply(() -> take(q));
            }
        }
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.yield();
            }
        }
        long after = usedAfterGc();
        for (int i = 0; i < N; i++) {
            if (blockers[i] instanceof Chan<?> ch) {
                ch.close();
            } else {
                threads[i].interrupt();
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        return (double) (after - before) / N;
    }

    private static void receive(Chan<Integer> ch) {
        try {
            ch.recv();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void take(SynchronousQueue<Integer> q) {
        try {
            q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
