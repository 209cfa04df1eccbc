package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The losing waiters of a select are taken out of their channels' queues. A select parks by queueing
 * one waiter on every channel of its cases; when one case fires (or the timeout or an interrupt ends the
 * wait) the others are dead, and must be unlinked, or a long-lived channel that keeps losing (a
 * {@code done} channel in a worker loop, Go's commonest select) would grow its queue with every select:
 * a memory leak and ever slower operations on it. The tests look into the channels' wait queues (the
 * package-private {@code recvq} / {@code sendq}) after many parked selects.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectCleanupTest {

    /**
     * A worker loop {@code select { case <-done: case full <- 1: case v := <-work: case <-done: }},
     * parked before each value arrives; only {@code work} ever fires, and the queues of {@code done}
     * and {@code full} must be empty afterwards.
     */
    @Test
    void losingWaitersOfAWorkerLoopAreUnlinked() throws Throwable {
        int n = scaled(100_000, 1_000_000);
        Chan<Integer> done = Chan.make();
        Chan<Integer> work = Chan.make();
        Chan<Integer> full = Chan.make(1);
        full.send(0);
        AtomicInteger received = new AtomicInteger();
        try (Goroutines g = new Goroutines()) {
            Call<Long> worker = g.call(() -> {
                long sum = 0;
                for (int i = 0; i < n; i++) {
                    Integer v = Select.select(
                            Select.recv(done, x -> -1),
                            Select.send(full, 1, () -> -2),
                            Select.recv(work, x -> x),
                            Select.recv(done, x -> -3)); // a channel twice: both its waiters must go
                    if (v < 0) {
                        throw new AssertionError("a losing case fired: " + v);
                    }
                    sum += v;
                    received.incrementAndGet();
                }
                return sum;
            });
            Thread t = worker.thread();
            for (int i = 0; i < n; i++) {
                while (received.get() < i) { // the worker has taken value i-1 ...
                    stillRunning(worker);
                    Thread.onSpinWait();
                }
                if (i == 0) {
                    awaitParked(t);
                }
                while (!parked(t)) { // ... and is parked in the next select, its waiters queued
                    stillRunning(worker);
                    Thread.onSpinWait();
                }
                work.send(i);
            }
            assertEquals((long) n * (n - 1) / 2, worker.get());
            g.joinAll();
        }
        assertTrue(done.recvq.isEmpty(), "dead select waiters left in done's receive queue");
        assertTrue(full.sendq.isEmpty(), "dead select waiters left in full's send queue");
        assertTrue(work.recvq.isEmpty() && work.sendq.isEmpty(), "waiters left on work");
        assertEquals(false, done.trySend(1), "no receiver may be left on done");
    }

    /** Fails (with the worker's own exception, if any) if the worker has ended. */
    private static void stillRunning(Call<?> worker) throws Throwable {
        if (!worker.thread().isAlive()) {
            worker.get();
            fail("the worker ended early");
        }
    }

    private static boolean parked(Thread t) {
        Thread.State s = t.getState();
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }

    /** Selects that end by their timeout leave no waiter behind. */
    @Test
    void timedOutWaitersAreUnlinked() throws InterruptedException {
        Chan<Integer> never = Chan.make();
        Chan<Integer> full = Chan.make(1);
        full.send(0);
        for (int i = 0; i < 1_000; i++) {
            assertEquals("timeout", Select.select(
                    Select.recv(never, v -> "recv"),
                    Select.send(never, i, () -> "send"),
                    Select.send(full, i, () -> "full"),
                    Select.timeout(Duration.ofNanos(1_000 + i), () -> "timeout")));
        }
        assertTrue(never.recvq.isEmpty() && never.sendq.isEmpty() && full.sendq.isEmpty(),
                "timed-out select waiters left queued");
    }

    /** Selects that end by an interrupt leave no waiter behind. */
    @Test
    void interruptedWaitersAreUnlinked() throws Throwable {
        Chan<Integer> never = Chan.make();
        Chan<Integer> full = Chan.make(1);
        full.send(0);
        try (Goroutines g = new Goroutines()) {
            for (int i = 0; i < 300; i++) {
                int id = i;
                Call<Object> sel = g.call(() -> {
                    try {
                        return Select.select(Select.recv(never, v -> "recv"), Select.send(never, id, () -> "send"),
                                Select.send(full, id, () -> "full"));
                    } catch (InterruptedException e) {
                        return e;
                    }
                });
                awaitParked(sel.thread());
                sel.thread().interrupt();
                assertInstanceOf(InterruptedException.class, sel.get());
            }
            g.joinAll();
        }
        assertTrue(never.recvq.isEmpty() && never.sendq.isEmpty() && full.sendq.isEmpty(),
                "interrupted select waiters left queued");
    }

    /** When close fires one case of a parked select, its waiters on the other channels are unlinked. */
    @Test
    void waitersOfSelectFiredByCloseAreUnlinked() throws Throwable {
        Chan<Integer> other = Chan.make();
        try (Goroutines g = new Goroutines()) {
            for (int i = 0; i < 300; i++) {
                Chan<Integer> closing = Chan.make();
                Call<String> sel = g.call(() -> Select.select(
                        Select.recv(other, v -> "other"), Select.send(other, 1, () -> "sent"),
                        Select.recv(closing, v -> v == null ? "closed" : "value")));
                awaitParked(sel.thread());
                closing.close();
                assertEquals("closed", sel.get());
            }
            g.joinAll();
        }
        assertTrue(other.recvq.isEmpty() && other.sendq.isEmpty(), "waiters of fired selects left on 'other'");
    }
}
