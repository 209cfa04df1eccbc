package dev.go4j.time;

import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.Go;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Helpers of the time tests (the channel tests' TestSupport is package-private in {@code dev.go4j}):
 * the stress profile, goroutines whose result comes back bounded, a "parked in go4j" probe that needs
 * no sleeping, and a bounded garbage-collection loop.
 */
final class TimeTestSupport {
    /** True under {@code -Dgo4j.stress=long}. */
    static final boolean LONG = "long".equals(System.getProperty("go4j.stress"));

    /** A generous bound for waits and joins: a safety net, never a measured duration. */
    static final Duration BOUND = Duration.ofSeconds(LONG ? 120 : 30);

    private TimeTestSupport() {}

    /** {@code ci} in the default (CI) profile, {@code longRun} under {@code -Dgo4j.stress=long}. */
    static int scaled(int ci, int longRun) {
        return LONG ? longRun : ci;
    }

    /** A goroutine started by {@link #call} and its coming result. */
    record Call<R>(Thread thread, CompletableFuture<R> result) {
        /** Waits (bounded) for the result; rethrows the goroutine's exception. */
        R get() throws Throwable {
            try {
                return result.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            } catch (TimeoutException e) {
                thread.interrupt();
                throw new AssertionError(thread.getName() + " gave no result within " + BOUND, e);
            }
        }
    }

    /** Runs {@code task} in a goroutine (which inherits the caller's clock). */
    static <R> Call<R> call(Callable<R> task) {
        CompletableFuture<R> f = new CompletableFuture<>();
        Thread t = Go.go(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return new Call<>(t, f);
    }

    /**
     * Waits, without sleeping, until {@code t} is parked in a go4j blocking operation (a channel, a
     * select or a sleep on a manual clock), not merely queued for a short lock.
     */
    static void awaitParked(Thread t) {
        awaitTrue(t.getName() + " parks in go4j", () -> {
            if (!t.isAlive()) {
                fail(t.getName() + " ended instead of blocking");
            }
            Object blocker = LockSupport.getBlocker(t);
            if (blocker == null || blocker instanceof AbstractQueuedSynchronizer) {
                return false;
            }
            for (StackTraceElement f : t.getStackTrace()) {
                if (f.getClassName().equals("dev.go4j.internal.Waiter")) {
                    return t.getState() == Thread.State.WAITING;
                }
            }
            return false;
        });
    }

    /** Polls {@code condition} (yielding) until it holds; fails after {@link #BOUND}. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }

    /** Runs {@link System#gc()} until every reference is cleared; fails after a bounded number of tries. */
    static void awaitCleared(WeakReference<?>... refs) {
        for (int i = 0; i < 100; i++) {
            boolean all = true;
            for (WeakReference<?> r : refs) {
                all &= r.get() == null;
            }
            if (all) {
                return;
            }
            System.gc();
        }
        fail("still reachable after 100 garbage collections");
    }

    /** {@link Clock#using} for lambdas that may not throw checked exceptions. */
    static <T> T onClock(Clock clock, Callable<T> body) {
        try {
            return Clock.using(clock, body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Joins {@code t} within {@link #BOUND}, or fails. */
    static void join(Thread t) throws InterruptedException {
        if (!t.join(BOUND)) {
            t.interrupt();
            fail(t.getName() + " still running after " + BOUND);
        }
    }
}
