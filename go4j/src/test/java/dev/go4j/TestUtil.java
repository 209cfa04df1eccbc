package dev.go4j;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Helpers shared by the channel and goroutine tests: the stress profile, waiting until a goroutine is
 * parked in a channel operation (instead of sleeping), and a group of goroutines that a test always
 * ends, with their failures reported to the test.
 */
final class TestUtil {
    /** True under {@code -Dgo4j.stress=long}. */
    static final boolean LONG = "long".equals(System.getProperty("go4j.stress"));

    /**
     * How long a helper waits before it fails the test: for something that should happen at once, or for
     * goroutines to finish a workload (bigger under the long profile).
     */
    static final long BOUND_SECONDS = LONG ? 120 : 20;

    private TestUtil() {}

    /** {@code ci} in the default (CI) profile, {@code lng} under the long stress profile. */
    static int scaled(int ci, int lng) {
        return LONG ? lng : ci;
    }

    /**
     * Waits until {@code t} is parked in a blocking go4j operation: its state is WAITING (or
     * TIMED_WAITING) and it is not merely waiting for a channel's internal lock. Fails if {@code t}
     * ends first or does not park within {@link #BOUND_SECONDS}.
     */
    static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        for (;;) {
            Thread.State s = t.getState();
            if ((s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) && parkedOutsideLock(t)) {
                return;
            }
            if (s == Thread.State.TERMINATED) {
                fail(t.getName() + " ended instead of blocking");
            }
            if (System.nanoTime() - deadline > 0) {
                fail(t.getName() + " did not block within " + BOUND_SECONDS + " s; state " + s + stackOf(t));
            }
            Thread.yield();
        }
    }

    /** Waits for {@link #awaitParked} on each thread. */
    static void awaitParked(Thread... threads) {
        for (Thread t : threads) {
            awaitParked(t);
        }
    }

    /** True when {@code t} parks on something other than a lock (a channel's lock is an AQS). */
    private static boolean parkedOutsideLock(Thread t) {
        Object blocker = LockSupport.getBlocker(t);
        return blocker != null && !(blocker instanceof AbstractQueuedSynchronizer);
    }

    /** Polls {@code condition} (yielding) until it holds; fails after {@link #BOUND_SECONDS}. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }

    /** Joins {@code t} within {@link #BOUND_SECONDS}; fails (with its stack) if it is still running. */
    static void join(Thread t) throws InterruptedException {
        if (!t.join(Duration.ofSeconds(BOUND_SECONDS))) {
            fail(t.getName() + " still running after " + BOUND_SECONDS + " s; state " + t.getState() + stackOf(t));
        }
    }

    private static String stackOf(Thread t) {
        return Arrays.stream(t.getStackTrace()).map(e -> "\n\tat " + e).collect(Collectors.joining());
    }

    /**
     * The goroutines of one test. {@link #go} starts a goroutine with {@link Go#go} and records anything
     * escaping it; {@link #join} waits for all of them and rethrows the first failure. {@link #close}
     * (use try-with-resources) interrupts and joins any still running, so no test leaves goroutines behind.
     */
    static final class Goroutines implements AutoCloseable {
        private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();
        private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

        /** Starts {@code task} in a goroutine of this group. */
        Thread go(Task task) {
            Thread t = Go.go(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            return t;
        }

        /** Joins every goroutine of the group (also those started meanwhile), then reports failures. */
        void join() throws InterruptedException {
            for (Thread t; (t = threads.poll()) != null; ) {
                TestUtil.join(t);
            }
            throwFailures();
        }

        private void throwFailures() {
            if (failures.isEmpty()) {
                return;
            }
            List<Throwable> all = new ArrayList<>(failures);
            failures.clear();
            AssertionError e = new AssertionError("a goroutine failed: " + all.get(0), all.get(0));
            all.subList(1, all.size()).forEach(e::addSuppressed);
            throw e;
        }

        /** Interrupts the goroutines still running, joins them all, then reports failures. */
        @Override
        public void close() {
            for (Thread t : threads) {
                t.interrupt();
            }
            try {
                join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while ending the test's goroutines", e);
            }
        }
    }
}
