package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import dev.go4j.TestSupport.Ledger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The undelivered-element hook ({@link Chan#make(int, BufferPolicy, Consumer)}) and {@link Chan#cancel()},
 * after Kotlin's {@code onUndeliveredElement}: the hook gets each value a policy drops and each value a
 * cancel discards, exactly once; never a value whose send threw (interrupted, or on a closed channel),
 * and never the values a plain close leaves receivable. The randomized stress is the shape of Go's
 * runtime/chan_test.go TestChanSendInterface / the test/chan/doubleselect.go exactly-once check, over
 * every policy, with senders interrupted and the channel cancelled midway: every value is received,
 * given to the hook or refused to its sender, exactly once, by count and sum.
 */
@Timeout(60)
class ChanUndeliveredTest {

    private static <T> Chan<T> withHook(int capacity, BufferPolicy policy, List<T> hook) {
        return Chan.make(capacity, policy, hook::add);
    }

    @Test
    void dropNewestHandsTheDroppedValueToTheHook() throws InterruptedException {
        List<Integer> hook = new ArrayList<>();
        Chan<Integer> ch = withHook(1, BufferPolicy.DROP_NEWEST, hook);
        ch.send(1);
        ch.send(2);
        assertTrue(ch.trySend(3));
        assertEquals("sent", Select.select(Select.send(ch, 4, () -> "sent")));
        assertEquals(List.of(2, 3, 4), hook);
        assertEquals(1, ch.recv());
    }

    @Test
    void dropOldestHandsTheEvictedValueToTheHook() throws InterruptedException {
        List<Integer> hook = new ArrayList<>();
        Chan<Integer> ch = withHook(2, BufferPolicy.DROP_OLDEST, hook);
        for (int i = 1; i <= 5; i++) {
            ch.send(i);
        }
        assertEquals(List.of(1, 2, 3), hook);
        assertEquals(4, ch.recv());
        assertEquals(5, ch.recv());
    }

    @Test
    void cancelDiscardsTheBufferOldestFirstAndCloses() throws InterruptedException {
        List<Integer> hook = new ArrayList<>();
        Chan<Integer> ch = withHook(4, BufferPolicy.BLOCK, hook);
        for (int i = 1; i <= 3; i++) {
            ch.send(i);
        }
        assertEquals(1, ch.recv());
        ch.cancel();
        assertEquals(List.of(2, 3), hook);
        assertEquals(0, ch.len());
        assertTrue(ch.isDrained());
        assertNull(ch.recv());
        assertEquals("send on closed channel", assertThrows(ChannelException.class, () -> ch.send(9)).getMessage());
        ch.cancel(); // again: nothing left, no error
        assertEquals(List.of(2, 3), hook);
        assertEquals("close of nil channel", assertThrows(ChannelException.class, () -> Chan.nil().cancel()).getMessage());
    }

    @Test
    void aPlainCloseLeavesValuesReceivableNotUndelivered() throws InterruptedException {
        List<Integer> hook = new ArrayList<>();
        Chan<Integer> ch = withHook(2, BufferPolicy.BLOCK, hook);
        ch.send(1);
        ch.send(2);
        ch.close();
        assertEquals(List.of(), hook);
        assertEquals(1, ch.recv());
        ch.cancel(); // cancel after close discards what is left
        assertEquals(List.of(2), hook);
    }

    @Test
    void anInterruptedSendIsNotUndelivered() throws Throwable {
        List<Integer> hook = new CopyOnWriteArrayList<>();
        Chan<Integer> ch = withHook(1, BufferPolicy.BLOCK, hook);
        ch.send(1);
        try (Goroutines g = new Goroutines()) {
            Call<Object> s = g.call(() -> {
                try {
                    ch.send(2);
                    return "sent";
                } catch (InterruptedException e) {
                    return e;
                }
            });
            awaitParked(s.thread());
            s.thread().interrupt();
            assertInstanceOf(InterruptedException.class, s.get());
            g.joinAll();
        }
        ch.cancel();
        assertEquals(List.of(1), hook, "the interrupted send's value was never sent");
    }

    @Test
    void aSenderFailedByCancelIsNotUndelivered() throws Throwable {
        List<Integer> hook = new CopyOnWriteArrayList<>();
        Chan<Integer> ch = withHook(1, BufferPolicy.BLOCK, hook);
        ch.send(1);
        try (Goroutines g = new Goroutines()) {
            Call<String> s = g.call(() -> {
                try {
                    ch.send(2);
                    return "sent";
                } catch (ChannelException e) {
                    return e.getMessage();
                }
            });
            awaitParked(s.thread());
            ch.cancel();
            assertEquals("send on closed channel", s.get());
            g.joinAll();
        }
        assertEquals(List.of(1), hook);
    }

    @Test
    void theHookMayUseChannels() throws InterruptedException {
        Chan<Integer> released = Chan.unlimited();
        Chan<Integer> ch = Chan.make(1, BufferPolicy.DROP_OLDEST, v -> released.trySend(v));
        ch.send(1);
        ch.send(2); // the hook runs after the lock is released
        assertEquals(1, released.recv());
    }

    // ---------------------------------------------------------------------------------------------
    // Randomized exactly-once accounting

    private static final int N = TestSupport.scaled(20_000, 400_000);
    private static final int PRODUCERS = 3;
    private static final int CONSUMERS = 2;

    @Test
    void exactlyOnceDropOldest() throws Throwable {
        stress(hook -> Chan.make(4, BufferPolicy.DROP_OLDEST, hook));
    }

    @Test
    void exactlyOnceDropNewest() throws Throwable {
        stress(hook -> Chan.make(4, BufferPolicy.DROP_NEWEST, hook));
    }

    @Test
    void exactlyOnceConflated() throws Throwable {
        stress(hook -> Chan.make(1, BufferPolicy.DROP_OLDEST, hook));
    }

    @Test
    void exactlyOnceUnlimited() throws Throwable {
        stress(hook -> Chan.make(Chan.UNLIMITED, BufferPolicy.BLOCK, hook));
    }

    @Test
    void exactlyOnceBlocking() throws Throwable {
        stress(hook -> Chan.make(2, BufferPolicy.BLOCK, hook));
    }

    /**
     * Producers send 0..N-1 (by send, trySend-then-send, or a select send case), consumers receive and
     * now and then interrupt a producer; once half the sends were attempted (or the producers are done)
     * the channel is cancelled, so that later sends are refused. Each value must end in exactly one of: received, the hook, refused to
     * its sender (the send threw).
     */
    private static void stress(Function<Consumer<Integer>, Chan<Integer>> make) throws Throwable {
        Ledger ledger = new Ledger(N);
        LongAdder received = new LongAdder();
        LongAdder hooked = new LongAdder();
        LongAdder refused = new LongAdder();
        AtomicInteger producersDone = new AtomicInteger();
        AtomicInteger attempted = new AtomicInteger();
        Chan<Integer> ch = make.apply(v -> {
            hooked.increment();
            ledger.receive(v);
        });
        try (Goroutines g = new Goroutines()) {
            AtomicReferenceArray<Thread> producers = new AtomicReferenceArray<>(PRODUCERS);
            for (int c = 0; c < CONSUMERS; c++) { // first, so that they are there when values come
                g.go(() -> {
                    for (Integer v; (v = ch.recv()) != null; ) {
                        received.increment();
                        ledger.receive(v);
                        Thread p = v % 97 == 0 ? producers.get(v % PRODUCERS) : null;
                        if (p != null) {
                            p.interrupt();
                        }
                    }
                });
            }
            for (int p = 0; p < PRODUCERS; p++) {
                int first = p;
                producers.set(p, g.go(() -> {
                    for (int v = first; v < N; v += PRODUCERS) {
                        attempted.incrementAndGet();
                        if (!sendOnce(ch, v)) {
                            refused.increment();
                            ledger.receive(v);
                        }
                        if ((v & 63) == 0) {
                            Thread.yield(); // let the consumers in, on a busy machine too
                        }
                    }
                    producersDone.incrementAndGet();
                }));
            }
            awaitTrue("half the sends attempted", () -> attempted.get() >= N / 2 || producersDone.get() == PRODUCERS);
            ch.cancel();
            g.joinAll();
        }
        assertEquals(N, received.sum() + hooked.sum() + refused.sum(),
                "received " + received + " + undelivered " + hooked + " + refused " + refused);
        ledger.assertEachOnce();
    }

    /** One send attempt by a random path; false if it threw (interrupted, or the channel was cancelled). */
    private static boolean sendOnce(Chan<Integer> ch, int v) {
        try {
            switch (ThreadLocalRandom.current().nextInt(3)) {
                case 0 -> ch.send(v);
                case 1 -> {
                    if (!ch.trySend(v)) {
                        ch.send(v);
                    }
                }
                default -> Select.select(Select.send(ch, v, () -> null));
            }
            return true;
        } catch (InterruptedException | ChannelException e) {
            return false;
        }
    }
}
