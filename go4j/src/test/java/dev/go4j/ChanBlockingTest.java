package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport.Goroutines;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule 2: when send and receive block, and what {@code trySend}/{@code tryRecv} do in each case.
 * An unbuffered send waits for its receiver; a buffered send waits only while the buffer is full; a
 * receive waits only while the channel is empty. "Blocked" is observed, never assumed after a sleep:
 * the goroutine is seen parked, and its operation has not returned.
 */
@Timeout(60)
class ChanBlockingTest {

    // ---------------------------------------------------------------------------------------------
    // Unbuffered

    @Test
    void unbufferedSendBlocksUntilReceived() throws Exception {
        Chan<Integer> ch = Chan.make();
        AtomicBoolean sent = new AtomicBoolean();
        try (Goroutines g = new Goroutines()) {
            Thread sender = g.go(() -> {
                ch.send(7);
                sent.set(true);
            });
            awaitParked(sender);
            assertFalse(sent.get(), "unbuffered send returned before any receive");
            assertEquals(0, ch.len(), "an unbuffered channel buffers nothing");
            assertEquals(7, ch.recv());
            g.joinAll();
            assertTrue(sent.get());
        }
    }

    @Test
    void unbufferedRecvBlocksUntilSent() throws Exception {
        Chan<Integer> ch = Chan.make();
        AtomicReference<Integer> got = new AtomicReference<>();
        try (Goroutines g = new Goroutines()) {
            Thread receiver = g.go(() -> got.set(ch.recv()));
            awaitParked(receiver);
            assertNull(got.get(), "receive returned before any send");
            ch.send(8); // returns once the receiver has the value
            g.joinAll();
            assertEquals(8, got.get());
        }
    }

    @Test
    void unbufferedTrySendNeedsWaitingReceiver() throws Exception {
        Chan<Integer> ch = Chan.make();
        assertFalse(ch.trySend(1), "no receiver waits");
        assertNull(ch.tryRecv(), "a failed trySend leaves nothing behind");
        AtomicReference<Integer> got = new AtomicReference<>();
        try (Goroutines g = new Goroutines()) {
            awaitParked(g.go(() -> got.set(ch.recv())));
            assertTrue(ch.trySend(2), "a receiver waits");
            g.joinAll();
            assertEquals(2, got.get());
        }
        assertFalse(ch.trySend(3), "the receiver has gone");
    }

    @Test
    void unbufferedTryRecvNeedsWaitingSender() throws Exception {
        Chan<Integer> ch = Chan.make();
        assertNull(ch.tryRecv(), "no sender waits");
        AtomicBoolean sent = new AtomicBoolean();
        try (Goroutines g = new Goroutines()) {
            Thread sender = g.go(() -> {
                ch.send(4);
                sent.set(true);
            });
            awaitParked(sender);
            assertEquals(4, ch.tryRecv(), "a sender waits");
            g.joinAll();
            assertTrue(sent.get());
        }
        assertNull(ch.tryRecv(), "the sender has gone");
        assertFalse(ch.isDrained(), "open");
    }

    // ---------------------------------------------------------------------------------------------
    // Buffered

    /** {@code cap} sends succeed with no receiver; the next one blocks until a receive makes room. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 16})
    void bufferedSendBlocksOnlyWhenFull(int cap) throws Exception {
        Chan<Integer> ch = Chan.make(cap);
        for (int i = 0; i < cap; i++) {
            ch.send(i); // must not block: room in the buffer
            assertEquals(i + 1, ch.len());
        }
        AtomicBoolean sent = new AtomicBoolean();
        try (Goroutines g = new Goroutines()) {
            Thread sender = g.go(() -> {
                ch.send(cap);
                sent.set(true);
            });
            awaitParked(sender);
            assertFalse(sent.get(), "send on a full channel returned");
            assertEquals(cap, ch.len(), "full; the blocked sender's value is not buffered yet");
            assertEquals(0, ch.recv());
            g.joinAll();
            assertTrue(sent.get());
            assertEquals(cap, ch.len(), "the blocked value took the freed slot");
        }
        for (int i = 1; i <= cap; i++) {
            assertEquals(i, ch.recv());
        }
        assertEquals(0, ch.len());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 16})
    void bufferedTrySendFailsOnlyWhenFull(int cap) {
        Chan<Integer> ch = Chan.make(cap);
        for (int i = 0; i < cap; i++) {
            assertTrue(ch.trySend(i), "room for value " + i);
        }
        assertFalse(ch.trySend(cap), "full");
        assertEquals(cap, ch.len());
        assertEquals(0, ch.tryRecv());
        assertTrue(ch.trySend(cap), "room again");
        for (int i = 1; i <= cap; i++) {
            assertEquals(i, ch.tryRecv(), "tryRecv takes values in order");
        }
        assertNull(ch.tryRecv(), "empty");
    }

    /** A receive on a buffered channel holding values returns at once; on an empty one it blocks. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 16})
    void bufferedRecvBlocksOnlyWhenEmpty(int cap) throws Exception {
        Chan<Integer> ch = Chan.make(cap);
        ch.send(1);
        assertEquals(1, ch.recv(), "a buffered value is received without waiting");
        AtomicReference<Integer> got = new AtomicReference<>();
        try (Goroutines g = new Goroutines()) {
            Thread receiver = g.go(() -> got.set(ch.recv()));
            awaitParked(receiver);
            assertNull(got.get(), "receive on an empty channel returned");
            assertTrue(ch.trySend(2), "trySend hands the value to the waiting receiver");
            g.joinAll();
            assertEquals(2, got.get());
            assertEquals(0, ch.len(), "handed over, not buffered");
        }
    }

    /** A sender blocked on a full buffer is taken by {@code tryRecv}: its value joins the buffer's tail. */
    @Test
    void bufferedTryRecvReleasesBlockedSender() throws Exception {
        Chan<Integer> ch = Chan.make(2);
        ch.send(1);
        ch.send(2);
        try (Goroutines g = new Goroutines()) {
            awaitParked(g.go(() -> ch.send(3)));
            assertEquals(1, ch.tryRecv());
            g.joinAll();
        }
        assertEquals(2, ch.len());
        assertEquals(2, ch.tryRecv());
        assertEquals(3, ch.tryRecv());
        assertNull(ch.tryRecv());
    }

    /** A blocked send is released by exactly one receive: with two blocked senders, one receive frees one. */
    @Test
    void oneReceiveReleasesOneSender() throws Exception {
        Chan<Integer> ch = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Thread first = g.go(() -> ch.send(1));
            awaitParked(first);
            Thread second = g.go(() -> ch.send(2));
            awaitParked(second);
            assertEquals(1, ch.recv());
            TestSupport.join(first);
            awaitParked(second); // still blocked: nobody took its value
            assertEquals(2, ch.recv());
            g.joinAll();
        }
    }
}
