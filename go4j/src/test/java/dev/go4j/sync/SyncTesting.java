package dev.go4j.sync;

import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.Go;
import dev.go4j.Task;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Helpers of the sync tests: the stress profile, a "parked in a sync primitive" probe that needs no
 * sleeping, and a scope owning the goroutines of a test (none outlives it; their failures fail it).
 * (The channel tests' {@code TestSupport} is package-private to {@code dev.go4j}.)
 */
final class SyncTesting {
    /** True under {@code -Dgo4j.stress=long}. */
    static final boolean LONG = "long".equals(System.getProperty("go4j.stress"));

    /** Safety net for waits and joins, never a measured duration. */
    static final Duration BOUND = Duration.ofSeconds(LONG ? 120 : 30);

    private SyncTesting() {}

    /** {@code ci} in the default profile, {@code longRun} under the long one. */
    static int scaled(int ci, int longRun) {
        return LONG ? longRun : ci;
    }

    /**
     * Waits, without sleeping, until {@code t} is parked in go4j's semaphore (so it is queued): state
     * WAITING with a {@code dev.go4j.internal.Sema} frame and no {@code ShortLock} frame on its stack.
     */
    static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!parkedInSema(t)) {
            if (t.getState() == Thread.State.TERMINATED) {
                fail(t.getName() + " ended instead of blocking");
            }
            if (System.nanoTime() - deadline > 0) {
                fail(t.getName() + " did not block; stack:\n" + stack(t));
            }
            Thread.yield();
        }
    }

    /** {@link #awaitParked(Thread)} for each thread. */
    static void awaitParked(Thread... threads) {
        for (Thread t : threads) {
            awaitParked(t);
        }
    }

    private static boolean parkedInSema(Thread t) {
        if (t.getState() != Thread.State.WAITING) {
            return false;
        }
        boolean inSema = false;
        for (StackTraceElement f : t.getStackTrace()) {
            String c = f.getClassName();
            if (c.equals("dev.go4j.internal.ShortLock")) {
                return false;
            }
            inSema |= c.startsWith("dev.go4j.internal.Sema");
        }
        return inSema && t.getState() == Thread.State.WAITING;
    }

    static String stack(Thread t) {
        StringBuilder sb = new StringBuilder();
        Arrays.stream(t.getStackTrace()).forEach(f -> sb.append("\tat ").append(f).append('\n'));
        return sb.toString();
    }

    /**
     * The goroutines of one test: {@link #go} starts one and keeps any exception escaping it;
     * {@link #joinAll} joins them (bounded) and rethrows the first failure; {@link #close} interrupts
     * and joins whatever still runs.
     */
    static final class Goroutines implements AutoCloseable {
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        private volatile boolean closing;

        Thread go(Task task) {
            Thread t = Go.go(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    if (!(closing && e instanceof InterruptedException)) {
                        failures.add(e);
                    }
                }
            });
            threads.add(t);
            return t;
        }

        void joinAll() throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            for (Thread t : threads) {
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (!t.join(Duration.ofMillis(left))) {
                    fail(t.getName() + " did not finish; stack:\n" + stack(t));
                }
            }
            rethrowFailures();
        }

        void rethrowFailures() {
            Throwable first = failures.peek();
            if (first != null) {
                AssertionError e = new AssertionError("a goroutine failed: " + first, first);
                failures.stream().skip(1).forEach(e::addSuppressed);
                throw e;
            }
        }

        @Override
        public void close() {
            closing = true;
            for (Thread t : threads) {
                t.interrupt();
            }
            try {
                for (Thread t : threads) {
                    if (!t.join(BOUND)) {
                        fail(t.getName() + " ignored its interrupt; stack:\n" + stack(t));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while ending the test's goroutines", e);
            }
            rethrowFailures();
        }
    }
}
