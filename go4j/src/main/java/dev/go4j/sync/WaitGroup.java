package dev.go4j.sync;

import dev.go4j.Go;
import dev.go4j.Task;
import dev.go4j.internal.Sema;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * Waits for a collection of goroutines to finish: Go's {@code sync.WaitGroup}.
 *
 * <pre>{@code
 * // given: List<String> urls; void fetch(String url)
 * WaitGroup wg = new WaitGroup();
 * for (String url : urls) {
 *     wg.go(() -> fetch(url));    // wg.Go(func() { fetch(url) })   (Go 1.25)
 * }
 * wg.await();                     // wg.Wait()
 * }</pre>
 *
 * <p>Go → go4j: {@code Add(n)} → {@link #add(int)}, {@code Done()} → {@link #done()}, {@code Wait()} →
 * {@link #await()} ({@code wait} is taken by {@link Object#wait()}), {@code Go(f)} → {@link #go(Task)}.
 *
 * <p>The counter starts at 0. {@link #await()} returns when it is 0, and never earlier. A counter that
 * would go negative throws {@link SyncError} {@code "sync: negative WaitGroup counter"} (the counter is
 * left as it was). As in Go, calls to {@code add} with a positive delta that start when the counter is
 * 0 must happen before {@code await}; Go's misuse checks are kept where Go has them
 * ({@code "sync: WaitGroup misuse: Add called concurrently with Wait"}). A WaitGroup is reusable: once
 * every {@code await} of a round has returned, new {@code add}s start a new round.
 *
 * <p><b>Blocking.</b> {@code await} parks; if interrupted it throws {@link InterruptedException} and is
 * no longer counted as a waiter. If the counter reached 0 in a race with the interrupt, it returns
 * normally with the interrupt status set.
 *
 * <p><b>Memory consistency.</b> Each {@code done} (and each {@code add}) happens-before the return of
 * every {@code await} it unblocks.
 */
public final class WaitGroup {
    /*
     * Implementation overview (Go's sync/waitgroup.go): state = counter << 32 | waiters, in one long.
     * add changes the counter with one atomic add; the add that brings it to 0 with waiters resets the
     * state to 0 and releases the semaphore once per waiter. await registers as a waiter with a CAS
     * (only while the counter is positive) and parks on the semaphore.
     *
     * Interruption (go4j's addition): a cancelled waiter takes itself off the waiter count, but only
     * while the counter is still positive and it is still counted; otherwise the add that reached 0
     * counted it and its permit is on its way: it takes that permit and returns normally. (If a new
     * round with its own waiters began before the interrupted waiter left, it cannot tell the rounds
     * apart: that is Go's misuse "WaitGroup is reused before previous Wait has returned".)
     */
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(WaitGroup.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Package-private for the tests' probes of the state (SyncState). */
    volatile long state;
    private final Sema sema = new Sema(0);

    /** A WaitGroup with counter 0. */
    public WaitGroup() {}

    private static int counter(long state) {
        return (int) (state >> 32);
    }

    private static int waiters(long state) {
        return (int) state;
    }

    /**
     * Adds {@code delta}, which may be negative, to the counter: Go's {@code Add}. When the counter
     * becomes 0, every goroutine blocked in {@link #await} is released.
     *
     * @throws SyncError {@code "sync: negative WaitGroup counter"} if the counter would go negative
     *     (it is left unchanged), or a Go misuse message if {@code add} races {@code await} as Go forbids
     */
    public void add(int delta) {
        long d = (long) delta << 32;
        long now = (long) STATE.getAndAdd(this, d) + d;
        int v = counter(now);
        int w = waiters(now);
        if (v < 0) {
            STATE.getAndAdd(this, -d);
            throw new SyncError("sync: negative WaitGroup counter");
        }
        if (w != 0 && delta > 0 && v == delta) {
            throw new SyncError("sync: WaitGroup misuse: Add called concurrently with Wait");
        }
        if (v > 0 || w == 0) {
            return;
        }
        // The counter is 0 with waiters: nobody else may change the state now.
        if (state != now) {
            throw new SyncError("sync: WaitGroup misuse: Add called concurrently with Wait");
        }
        state = 0;
        for (; w != 0; w--) {
            sema.release(false);
        }
    }

    /** Decrements the counter by one: Go's {@code Done}. */
    public void done() {
        add(-1);
    }

    /**
     * Blocks until the counter is 0: Go's {@code Wait}. Returns at once if it is 0 already.
     *
     * @throws InterruptedException if interrupted while waiting (it then no longer waits)
     */
    public void await() throws InterruptedException {
        for (;;) {
            long s = state;
            if (counter(s) == 0) {
                return;
            }
            if (STATE.compareAndSet(this, s, s + 1)) {
                park();
                if (state != 0 && !Thread.currentThread().isInterrupted()) {
                    throw new SyncError("sync: WaitGroup is reused before previous Wait has returned");
                }
                return;
            }
        }
    }

    private void park() throws InterruptedException {
        try {
            sema.acquire(false);
        } catch (InterruptedException e) {
            for (long s = state; counter(s) > 0 && waiters(s) > 0; s = state) {
                if (STATE.compareAndSet(this, s, s - 1)) {
                    throw e;
                }
            }
            sema.acquireUninterruptibly(); // the counter reached 0 and counted us: our permit is coming
        }
    }

    /**
     * Runs {@code task} in a new goroutine and counts it: Go 1.25's {@code WaitGroup.Go}, that is
     * {@code add(1)}, then {@link Go#go} a goroutine that runs {@code task} and finally calls
     * {@link #done()}. An exception escaping {@code task} goes to the panic handler ({@link Go}), and
     * {@code done} is still called.
     *
     * @return the goroutine's thread
     */
    public Thread go(Task task) {
        Objects.requireNonNull(task, "task");
        add(1);
        try {
            return Go.go(() -> {
                try {
                    task.run();
                } finally {
                    done();
                }
            });
        } catch (Throwable t) {
            done();
            throw t;
        }
    }
}
