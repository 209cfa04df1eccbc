package dev.go4j;

import static dev.go4j.TestSupport.BOUND;
import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import dev.go4j.TestSupport.Ledger;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Interrupting a select (go4j's addition; Go's goroutines cannot be interrupted). A parked select that
 * is interrupted throws InterruptedException, with its interrupt status cleared, and no case fired: no
 * value was taken or delivered. If a case fired concurrently with the interrupt, the select returns that
 * case's handler's result and leaves the interrupt status set, so neither the value nor the interrupt
 * is lost. The randomized test accounts for every value and every interrupt exactly once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectInterruptTest {

    @Test
    void interruptedParkedSelectFiresNothing() throws Throwable {
        Chan<Integer> in = Chan.make();
        Chan<Integer> out = Chan.make();
        AtomicInteger fired = new AtomicInteger();
        try (Goroutines g = new Goroutines()) {
            for (boolean withTimeout : new boolean[] {false, true}) {
                Call<Object> sel = g.call(() -> {
                    try {
                        return withTimeout
                                ? Select.select(Select.recv(in, v -> fired.incrementAndGet()),
                                        Select.send(out, 1, fired::incrementAndGet),
                                        Select.timeout(Duration.ofHours(1), fired::incrementAndGet))
                                : Select.select(Select.recv(in, v -> fired.incrementAndGet()),
                                        Select.send(out, 1, fired::incrementAndGet),
                                        Select.recv(Chan.<Integer>nil(), v -> fired.incrementAndGet()));
                    } catch (InterruptedException e) {
                        return Thread.currentThread().isInterrupted() ? "interrupt status left set" : e;
                    }
                });
                awaitParked(sel.thread());
                sel.thread().interrupt();
                assertInstanceOf(InterruptedException.class, sel.get());
                assertEquals(0, fired.get(), "a handler ran although the select was interrupted");
                assertFalse(in.trySend(9), "the interrupted select must not be left receiving");
                assertNull(out.tryRecv(), "the interrupted select must not be left sending");
            }
            g.joinAll();
        }
    }

    /** A select entered with the interrupt status set and nothing ready throws at once. */
    @Test
    void interruptStatusSetBeforeBlockingSelect() {
        Chan<Integer> never = Chan.make();
        Thread.currentThread().interrupt();
        try {
            Select.select(Select.recv(never, v -> "recv"), Select.timeout(Duration.ofHours(1), () -> "timeout"));
            fail("select returned although interrupted and nothing was ready");
        } catch (InterruptedException expected) {
            assertFalse(Thread.interrupted(), "InterruptedException must clear the interrupt status");
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * A select entered with the interrupt status set while a case is ready: either it throws and took
     * nothing, or the case fired and the status is still set. Never both, never neither.
     */
    @Test
    void interruptStatusSetBeforeReadySelect() throws InterruptedException {
        Chan<Integer> ready = Chan.make(1);
        ready.send(1);
        Thread.currentThread().interrupt();
        try {
            Integer got = Select.select(Select.recv(ready, v -> v));
            assertEquals(1, got);
            assertTrue(Thread.interrupted(), "a fired select must leave the interrupt status set");
        } catch (InterruptedException e) {
            assertFalse(Thread.interrupted(), "InterruptedException must clear the interrupt status");
            assertEquals(1, ready.len(), "an interrupted select must not have taken the value");
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * A parked select races an interrupt against a partner's trySend / tryRecv: the outcome must be
     * exactly one of "the value moved, the handler ran, the status is set" and "InterruptedException,
     * nothing moved".
     */
    @Test
    void fireRacingInterrupt() throws Throwable {
        int iterations = scaled(5_000, 100_000);
        try (Goroutines g = new Goroutines()) {
            for (int i = 0; i < iterations; i++) {
                boolean selectSends = (i & 1) == 1;
                Chan<Integer> c = Chan.make();
                Chan<Integer> never = Chan.make();
                AtomicBoolean delivered = new AtomicBoolean();
                Call<String> sel = g.call(() -> {
                    String r;
                    try {
                        r = selectSends
                                ? Select.select(Select.send(c, 7, () -> "fired"), Select.recv(never, v -> "never"))
                                : Select.select(Select.recv(c, v -> v == 7 ? "fired" : "bad value " + v),
                                        Select.recv(never, v -> "never"));
                    } catch (InterruptedException e) {
                        return Thread.currentThread().isInterrupted() ? "status set after exception" : "interrupted";
                    }
                    while (!delivered.get()) { // the interrupt may still be on its way
                        Thread.yield();
                    }
                    return Thread.interrupted() ? r : r + " but the interrupt status was cleared";
                });
                awaitParked(sel.thread());
                Thread interrupter = g.go(() -> {
                    sel.thread().interrupt();
                    delivered.set(true);
                });
                boolean moved = selectSends ? c.tryRecv() != null : c.trySend(7);
                interrupter.join(BOUND);
                String outcome = sel.get();
                assertEquals(moved ? "fired" : "interrupted", outcome, "iteration " + i);
            }
            g.joinAll();
        }
    }

    /**
     * Senders and receivers select over shared channels while an interrupter hits them at random.
     * Interrupted selects retry. Every value must arrive exactly once, and every interrupt must be seen
     * exactly once (as an InterruptedException, or as the status left set by a select that fired).
     */
    @Test
    void randomInterruptsLoseNothing() throws Throwable {
        int senders = 3;
        int receivers = 3;
        int perSender = scaled(30_000, 600_000);
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make(2);
        Chan<Integer> c = Chan.make(1);
        Chan<Void> finish = Chan.make();
        Ledger ledger = new Ledger(senders * perSender);
        int workers = senders + receivers;
        Interrupts interrupts = new Interrupts(workers);
        CountDownLatch sent = new CountDownLatch(senders);
        CountDownLatch drained = new CountDownLatch(receivers);
        try (Goroutines g = new Goroutines()) {
            for (int s = 0; s < senders; s++) {
                int id = s;
                interrupts.threads[id] = g.go(() -> {
                    for (int i = 0; i < perSender; i++) {
                        Integer v = id * perSender + i;
                        for (;;) { // retry until the value is surely sent
                            try {
                                Select.select(Select.send(a, v, () -> null), Select.send(b, v, () -> null),
                                        Select.send(c, v, () -> null));
                                break;
                            } catch (InterruptedException e) {
                                interrupts.seen(id);
                            }
                        }
                        interrupts.seenIfSet(id);
                    }
                    sent.countDown();
                    interrupts.awaitClosed(finish, id);
                });
            }
            for (int r = 0; r < receivers; r++) {
                int id = senders + r;
                interrupts.threads[id] = g.go(() -> {
                    @SuppressWarnings({"unchecked", "rawtypes"})
                    Chan<Integer>[] in = new Chan[] {a, b, c};
                    int open = in.length;
                    int[] from = new int[1];
                    while (open > 0) {
                        Integer v;
                        try {
                            v = Select.select(
                                    Select.recv(in[0], x -> { from[0] = 0; return x; }),
                                    Select.recv(in[1], x -> { from[0] = 1; return x; }),
                                    Select.recv(in[2], x -> { from[0] = 2; return x; }));
                        } catch (InterruptedException e) {
                            interrupts.seen(id);
                            continue;
                        }
                        interrupts.seenIfSet(id);
                        if (v == null) {
                            in[from[0]] = Chan.nil(); // Go's idiom: switch the case off
                            open--;
                        } else {
                            ledger.receive(v);
                        }
                    }
                    drained.countDown();
                    interrupts.awaitClosed(finish, id);
                });
            }
            // A platform thread: it must not wait for a carrier that the goroutines keep busy.
            Thread interrupter = Thread.ofPlatform().daemon().name("interrupter").start(interrupts::run);
            boolean ok = false;
            try {
                g.await(sent, "all values sent");
                a.close();
                b.close();
                c.close();
                g.await(drained, "all channels drained");
                interrupts.stop = true;
                assertTrue(interrupter.join(BOUND));
                finish.close();
                g.joinAll();
                ok = true;
            } finally {
                interrupts.stop = true;
                interrupts.aborted = !ok; // workers then give up at their next interrupt
            }
        }
        ledger.assertEachOnce();
        interrupts.assertNoneLost();
        assertTrue(interrupts.sent.sum() > 0, "the test interrupted nobody");
    }

    /**
     * Interrupt bookkeeping for {@link #randomInterruptsLoseNothing}: an interrupt is sent to worker i
     * only when none is outstanding for it ({@code pending[i]} 0 to 1, then {@code interrupt()}); the
     * worker clears {@code pending[i]} when it sees the interrupt. Seeing one with none pending is a
     * spurious (duplicated) interrupt; one still pending at the end was swallowed.
     */
    private static final class Interrupts {
        final Thread[] threads;
        final AtomicIntegerArray pending;
        final LongAdder sent = new LongAdder();
        volatile boolean stop;
        volatile boolean aborted;

        Interrupts(int workers) {
            threads = new Thread[workers];
            pending = new AtomicIntegerArray(workers);
        }

        void run() {
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            while (!stop) {
                int i = rnd.nextInt(threads.length);
                if (pending.compareAndSet(i, 0, 1)) {
                    threads[i].interrupt();
                    sent.increment();
                }
                LockSupport.parkNanos(rnd.nextLong(1_000, 30_000)); // pacing only
            }
        }

        void seen(int id) throws InterruptedException {
            if (aborted) {
                throw new InterruptedException("test failed");
            }
            if (pending.getAndSet(id, 0) != 1) {
                throw new AssertionError("worker " + id + " saw an interrupt that was not sent (or saw one twice)");
            }
        }

        void seenIfSet(int id) throws InterruptedException {
            if (Thread.interrupted()) {
                seen(id);
            }
        }

        /** Waits in a select until {@code finish} is closed, seeing any interrupts meanwhile. */
        void awaitClosed(Chan<Void> finish, int id) throws InterruptedException {
            for (;;) {
                try {
                    Select.select(Select.recv(finish, v -> null));
                    break;
                } catch (InterruptedException e) {
                    seen(id);
                }
            }
            seenIfSet(id);
        }

        void assertNoneLost() {
            for (int i = 0; i < threads.length; i++) {
                assertEquals(0, pending.get(i), "an interrupt of worker " + i + " was swallowed");
            }
        }
    }
}
