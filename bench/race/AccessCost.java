import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What one checked access, and one call of checked code (the shadow call stack), costs under go4j-race:
 * run it with and without the agent and compare.
 *
 *   java bench/race/AccessCost.java                                   (plain)
 *   java -javaagent:go4j-race/target/go4j-race-0.1.0-SNAPSHOT.jar -Dgo4j.race.include= bench/race/AccessCost.java
 *
 * Each scenario runs 5 rounds of N operations and prints the best round's CPU time per operation (the
 * CPU time of the threads that run them, so that other processes on a loaded machine count little).
 */
public class AccessCost {
    static final int N = 10_000_000;
    long x;
    long y;
    static volatile long sink;
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    /** CPU time of helper threads of the current round, added to the measuring thread's. */
    static final AtomicLong helperCpu = new AtomicLong();

    long fields() {
        for (int i = 0; i < N; i++) {
            x = x + i;
            y = x ^ y;
        }
        return y;
    }

    static long arrays(int[] a) {
        long s = 0;
        for (int i = 0; i < N; i++) {
            int j = i & (a.length - 1);
            a[j] = a[j] + i;
            s += a[j];
        }
        return s;
    }

    /** Makes no call: keeps no shadow stack, its caller pushes the call's site. */
    static long leaf(long v) {
        return v * 31 + 7;
    }

    /** Makes a call: looks its thread's shadow stack up at entry and pushes the call's site. */
    static long middle(long v) {
        return leaf(v) + 1;
    }

    /** Makes no call, reads and writes a field. */
    long touch(long v) {
        x += v;
        return x;
    }

    static void locked(AccessCost c, ReentrantLock l, int n) {
        for (int i = 0; i < n; i++) {
            l.lock();
            try {
                c.x++;
            } finally {
                l.unlock();
            }
        }
    }

    static long twoThreads(int n) throws InterruptedException {
        AccessCost c = new AccessCost();
        ReentrantLock l = new ReentrantLock();
        Thread t = Thread.ofPlatform().start(() -> {
            long t0 = CPU.getCurrentThreadCpuTime();
            locked(c, l, n / 2);
            helperCpu.addAndGet(CPU.getCurrentThreadCpuTime() - t0);
        });
        locked(c, l, n / 2);
        t.join();
        return c.x;
    }

    interface Op {
        long run() throws Exception;
    }

    static void measure(String name, int ops, Op op) throws Exception {
        double best = Double.MAX_VALUE;
        for (int r = 0; r < 5; r++) {
            helperCpu.set(0);
            long t0 = CPU.getCurrentThreadCpuTime();
            sink = op.run();
            long cpu = CPU.getCurrentThreadCpuTime() - t0 + helperCpu.get();
            best = Math.min(best, cpu / (double) ops);
        }
        System.out.printf("%-28s %8.2f ns/op (CPU)%n", name, best);
    }

    public static void main(String[] args) throws Exception {
        AccessCost c = new AccessCost();
        int[] a = new int[1024];
        measure("field read+write (x2)", N * 2, c::fields);
        measure("array read+write+read", N * 3, () -> arrays(a));
        measure("call a leaf", N, () -> {
            long s = 0;
            for (int i = 0; i < N; i++) {
                s = leaf(s);
            }
            return s;
        });
        measure("call a method calling a leaf", N, () -> {
            long s = 0;
            for (int i = 0; i < N; i++) {
                s = middle(s);
            }
            return s;
        });
        measure("call a leaf reading+writing", N, () -> {
            long s = 0;
            for (int i = 0; i < N; i++) {
                s += c.touch(i);
            }
            return s;
        });
        measure("lock, x++, unlock (1 thr)", N / 10, () -> {
            AccessCost one = new AccessCost();
            locked(one, new ReentrantLock(), N / 10);
            return one.x;
        });
        measure("lock, x++, unlock (2 thr)", N / 10, () -> twoThreads(N / 10));
    }
}
