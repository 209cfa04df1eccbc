package dev.go4j.context;

import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.internal.ShortLock;
import dev.go4j.time.Clock;
import dev.go4j.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Helpers shared by the tests of context, errgroup, semaphore, singleflight and rate: the stress
 * profile, a "blocked" probe that needs no sleeping, bounded joins and running code under a
 * {@link ManualClock}.
 */
public final class FlowTestSupport {
    /** True under {@code -Dgo4j.stress=long}. */
    public static final boolean LONG = "long".equals(System.getProperty("go4j.stress"));

    /** A generous bound for waits and joins: only a safety net, never a measured duration. */
    public static final Duration BOUND = Duration.ofSeconds(LONG ? 120 : 30);

    private FlowTestSupport() {}

    /** {@code ci} in the default (CI) profile, {@code longRun} under {@code -Dgo4j.stress=long}. */
    public static int scaled(int ci, int longRun) {
        return LONG ? longRun : ci;
    }

    /**
     * True if {@code t} is parked (WAITING or TIMED_WAITING) on something other than the short internal
     * lock of a channel, which a thread holds only for a moment.
     */
    public static boolean isParked(Thread t) {
        Thread.State s = t.getState();
        if (s != Thread.State.WAITING && s != Thread.State.TIMED_WAITING) {
            return false;
        }
        Object blocker = LockSupport.getBlocker(t);
        return !(blocker instanceof ShortLock) && t.getState() == s;
    }

    /** Waits (without sleeping) until {@code t} {@link #isParked is parked}. Fails if it ends first. */
    public static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        for (;;) {
            if (isParked(t)) {
                return;
            }
            if (t.getState() == Thread.State.TERMINATED) {
                fail(t.getName() + " ended instead of blocking");
            }
            if (System.nanoTime() - deadline > 0) {
                fail(t.getName() + " did not block within " + BOUND);
            }
            Thread.yield();
        }
    }

    /** Joins {@code t} within {@link #BOUND}, failing if it is still running. */
    public static void join(Thread t) throws InterruptedException {
        if (!t.join(BOUND)) {
            t.interrupt();
            fail(t.getName() + " still running after " + BOUND);
        }
    }

    /** Polls {@code condition} (yielding) until it holds; fails after {@link #BOUND}. */
    public static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }

    /** Runs {@code body} with {@code clock} as the current clock (so contexts and limiters made inside use it). */
    public static <T> T withClock(ManualClock clock, Callable<T> body) {
        try {
            return Clock.using(clock, body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
