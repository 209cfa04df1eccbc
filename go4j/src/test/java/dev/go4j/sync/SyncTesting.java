package dev.go4j.sync;

import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.TestSupport;

/**
 * The one helper the sync tests need beyond {@link TestSupport}: a stricter "parked" probe, an untimed
 * park inside go4j's semaphore (a timed park there is Mutex's starvation clock, not yet queued for good).
 */
final class SyncTesting {
    private SyncTesting() {}

    /**
     * Waits, without sleeping, until {@code t} is parked in go4j's semaphore (so it is queued): state
     * WAITING with a {@code dev.go4j.internal.Sema} frame and no {@code ShortLock} frame on its stack.
     */
    static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + TestSupport.BOUND.toNanos();
        while (!parkedInSema(t)) {
            if (t.getState() == Thread.State.TERMINATED) {
                fail(t.getName() + " ended instead of blocking");
            }
            if (System.nanoTime() - deadline > 0) {
                fail(t.getName() + " did not block; stack:\n" + TestSupport.stack(t));
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
}
