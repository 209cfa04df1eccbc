package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport.Goroutines;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rules 3 and 4: closing, and receiving from a closed channel, with Go's panics as
 * {@link ChannelException}s carrying Go's messages. Close of a closed or nil channel, send on a closed
 * channel (also by a sender that was blocked when the close happened), draining a closed channel in
 * order and then receiving {@code null} forever, close waking every blocked receiver, {@code isDrained},
 * {@code for (v : ch)} and its interruption, and {@code send(null)}.
 */
@Timeout(60)
class ChanCloseTest {

    private static void assertChannelException(String message, Executable op) {
        ChannelException e = assertThrows(ChannelException.class, op);
        assertEquals(message, e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // Close misuse, send on closed

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void closeOfClosedChannel(int cap) {
        Chan<Integer> ch = Chan.make(cap);
        if (cap > 0) {
            ch.trySend(1);
        }
        ch.close();
        assertChannelException("close of closed channel", ch::close);
        assertChannelException("close of closed channel", ch::close);
        if (cap > 0) {
            assertEquals(1, ch.tryRecv(), "a failed close leaves the buffer alone");
        }
    }

    @Test
    void closeOfNilChannel() {
        assertChannelException("close of nil channel", () -> Chan.<Integer>nil().close());
        assertChannelException("close of nil channel", () -> Chan.<Integer>nil().close());
    }

    /** Send and trySend on a closed channel throw, whether or not it has room or a buffered value. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void sendOnClosedChannel(int cap) {
        Chan<Integer> ch = Chan.make(cap);
        ch.close();
        assertChannelException("send on closed channel", () -> ch.send(1));
        assertChannelException("send on closed channel", () -> ch.trySend(2));
        assertEquals(0, ch.len(), "the value was not buffered");
        assertNull(ch.tryRecv());

        Chan<Integer> full = Chan.make(cap);
        for (int i = 0; i < cap; i++) {
            full.trySend(i);
        }
        full.close();
        assertChannelException("send on closed channel", () -> full.send(9));
        assertChannelException("send on closed channel", () -> full.trySend(9));
        assertEquals(cap, full.len());
    }

    /**
     * Senders blocked on a full (or unbuffered) channel when it is closed all fail with "send on closed
     * channel", and their values are not delivered: only the values buffered before the close are received.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void closeFailsBlockedSenders(int cap) throws Exception {
        Chan<Integer> ch = Chan.make(cap);
        for (int i = 0; i < cap; i++) {
            ch.send(i);
        }
        int blocked = 3;
        List<AtomicReference<Throwable>> outcomes = new ArrayList<>();
        try (Goroutines g = new Goroutines()) {
            for (int i = 0; i < blocked; i++) {
                AtomicReference<Throwable> outcome = new AtomicReference<>();
                outcomes.add(outcome);
                int v = 100 + i;
                awaitParked(g.go(() -> {
                    try {
                        ch.send(v);
                    } catch (ChannelException e) {
                        outcome.set(e);
                    }
                }));
            }
            ch.close();
            g.joinAll();
        }
        for (AtomicReference<Throwable> outcome : outcomes) {
            ChannelException e = assertInstanceOf(ChannelException.class, outcome.get(), "blocked send completed");
            assertEquals("send on closed channel", e.getMessage());
        }
        for (int i = 0; i < cap; i++) {
            assertEquals(i, ch.recv(), "buffered before the close");
        }
        assertNull(ch.recv(), "no blocked sender's value was delivered");
    }

    // ---------------------------------------------------------------------------------------------
    // Receive from closed

    /** The buffer is drained in order after close; then receive returns null at once, every time. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5})
    void receiveFromClosedDrainsThenNull(int cap) throws Exception {
        Chan<Integer> ch = Chan.make(cap);
        for (int i = 0; i < cap; i++) {
            ch.send(i);
        }
        ch.close();
        assertEquals(cap, ch.len(), "close keeps buffered values");
        for (int i = 0; i < cap; i++) {
            assertFalse(ch.isDrained(), "values remain");
            assertEquals(i, ch.recv(), "drained in order");
        }
        for (int i = 0; i < 100; i++) {
            assertNull(ch.recv(), "closed and drained: recv never blocks"); // would hang if it blocked
            assertNull(ch.tryRecv());
            assertTrue(ch.isDrained());
        }
    }

    /** tryRecv drains a closed channel the same way. */
    @Test
    void tryRecvFromClosedDrainsThenNull() {
        Chan<Integer> ch = Chan.make(3);
        ch.trySend(1);
        ch.trySend(2);
        ch.close();
        assertEquals(1, ch.tryRecv());
        assertEquals(2, ch.tryRecv());
        assertNull(ch.tryRecv());
        assertTrue(ch.isDrained());
    }

    /** N receivers parked on an empty channel: one close wakes them all, each with null. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void closeWakesAllBlockedReceivers(int cap) throws Exception {
        Chan<Integer> ch = Chan.make(cap);
        int n = 10;
        List<AtomicReference<Object>> results = new ArrayList<>();
        try (Goroutines g = new Goroutines()) {
            for (int i = 0; i < n; i++) {
                AtomicReference<Object> result = new AtomicReference<>("not returned");
                results.add(result);
                awaitParked(g.go(() -> result.set(ch.recv())));
            }
            ch.close();
            g.joinAll();
        }
        for (AtomicReference<Object> r : results) {
            assertNull(r.get(), "a woken receiver returns null");
        }
    }

    @Test
    void isDrainedSemantics() throws Exception {
        Chan<Integer> unbuffered = Chan.make();
        assertFalse(unbuffered.isDrained(), "open");
        unbuffered.close();
        assertTrue(unbuffered.isDrained(), "closed, nothing buffered");

        Chan<Integer> ch = Chan.make(2);
        assertFalse(ch.isDrained(), "open and empty is not drained");
        ch.send(1);
        assertFalse(ch.isDrained(), "open");
        ch.close();
        assertFalse(ch.isDrained(), "closed but a value remains");
        assertEquals(1, ch.recv());
        assertTrue(ch.isDrained(), "closed and empty");
        assertNull(ch.recv());
        assertTrue(ch.isDrained(), "stays drained");

        assertFalse(Chan.<Integer>nil().isDrained(), "the nil channel is never drained");
    }

    // ---------------------------------------------------------------------------------------------
    // Iteration

    /** {@code for (v : ch)} yields every value in order and ends when the channel is closed and drained. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16})
    void iterationEndsWhenClosedAndDrained(int cap) throws Exception {
        Chan<Integer> ch = Chan.make(cap);
        int n = 1000;
        List<Integer> got = new ArrayList<>();
        try (Goroutines g = new Goroutines()) {
            g.go(() -> {
                try (ch) {
                    for (int i = 0; i < n; i++) {
                        ch.send(i);
                    }
                }
            });
            for (int v : ch) {
                got.add(v);
            }
            g.joinAll();
        }
        assertEquals(n, got.size());
        for (int i = 0; i < n; i++) {
            assertEquals(i, got.get(i));
        }
        assertFalse(ch.iterator().hasNext(), "a drained channel iterates nothing");
    }

    @Test
    void iteratorContract() {
        Chan<Integer> ch = Chan.make(2);
        ch.trySend(1);
        ch.close();
        Iterator<Integer> it = ch.iterator();
        assertTrue(it.hasNext());
        assertTrue(it.hasNext(), "hasNext twice does not consume a value");
        assertEquals(1, it.next());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    /**
     * An iteration blocked in {@code hasNext} and interrupted throws UncheckedInterruptedException (cause:
     * InterruptedException) with the interrupt status set again, and takes no value.
     */
    @Test
    void iterationInterrupted() throws Exception {
        Chan<Integer> ch = Chan.make();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> flagSet = new AtomicReference<>();
        try (Goroutines g = new Goroutines()) {
            Thread it = g.go(() -> {
                try {
                    for (int v : ch) {
                        throw new AssertionError("received " + v);
                    }
                } catch (UncheckedInterruptedException e) {
                    thrown.set(e);
                    flagSet.set(Thread.currentThread().isInterrupted());
                }
            });
            awaitParked(it);
            it.interrupt();
            g.joinAll();
        }
        UncheckedInterruptedException e = assertInstanceOf(UncheckedInterruptedException.class, thrown.get());
        assertInstanceOf(InterruptedException.class, e.getCause());
        assertEquals(Boolean.TRUE, flagSet.get(), "interrupt status set again");
        assertFalse(ch.trySend(1), "the interrupted receiver is no longer waiting");
    }

    // ---------------------------------------------------------------------------------------------
    // null

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void sendNullThrowsNpe(int cap) {
        Chan<Integer> ch = Chan.make(cap);
        assertThrows(NullPointerException.class, () -> ch.send(null));
        assertThrows(NullPointerException.class, () -> ch.trySend(null));
        assertThrows(NullPointerException.class, () -> Chan.<Integer>nil().send(null));
        assertThrows(NullPointerException.class, () -> Chan.<Integer>nil().trySend(null));
        assertEquals(0, ch.len(), "nothing buffered");
        assertNull(ch.tryRecv());
        assertFalse(ch.isDrained(), "null did not close the channel");
    }

    /** send(null) must not reach a waiting receiver (it would take it for "closed"). */
    @Test
    void sendNullDoesNotWakeReceiver() throws Exception {
        Chan<Integer> ch = Chan.make();
        AtomicReference<Integer> got = new AtomicReference<>();
        try (Goroutines g = new Goroutines()) {
            Thread receiver = g.go(() -> got.set(ch.recv()));
            awaitParked(receiver);
            assertThrows(NullPointerException.class, () -> ch.send(null));
            assertThrows(NullPointerException.class, () -> ch.trySend(null));
            awaitParked(receiver);
            ch.send(5);
            g.joinAll();
        }
        assertEquals(5, got.get());
    }
}
