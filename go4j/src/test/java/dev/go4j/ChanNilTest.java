package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.go4j.TestSupport.Goroutines;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * Rule 8: the nil channel ({@code var ch chan T}). Send and receive block forever (here: until
 * interrupted, then InterruptedException), and stay blocked while other goroutines use the nil channel;
 * {@code trySend}/{@code tryRecv} are never ready. (Close of nil is in {@link ChanCloseTest}.)
 */
@Timeout(60)
class ChanNilTest {

    /** Parks {@code op} in a goroutine, checks it stays parked, then interrupts it: InterruptedException. */
    private static void blocksUntilInterrupted(Executable op) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>("still blocked");
        try (Goroutines g = new Goroutines()) {
            Thread t = g.go(() -> {
                try {
                    op.execute();
                    outcome.set("returned");
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            awaitParked(t);
            // Other parties using the nil channel do not release it.
            Chan<Integer> nil = Chan.nil();
            assertFalse(nil.trySend(1));
            assertNull(nil.tryRecv());
            awaitParked(t);
            assertEquals("still blocked", outcome.get());
            t.interrupt();
            g.joinAll();
        }
        assertInstanceOf(InterruptedException.class, outcome.get());
    }

    @Test
    void sendBlocksUntilInterrupted() throws Exception {
        blocksUntilInterrupted(() -> Chan.<Integer>nil().send(1));
    }

    @Test
    void recvBlocksUntilInterrupted() throws Exception {
        blocksUntilInterrupted(() -> Chan.<Integer>nil().recv());
    }

    /** A receiver and a sender both parked on nil never meet. */
    @Test
    void senderAndReceiverOnNilNeverMeet() throws Exception {
        Chan<Integer> nil = Chan.nil();
        AtomicReference<Object> recvOutcome = new AtomicReference<>();
        AtomicReference<Object> sendOutcome = new AtomicReference<>();
        try (Goroutines g = new Goroutines()) {
            Thread r = g.go(() -> {
                try {
                    recvOutcome.set(nil.recv());
                } catch (InterruptedException e) {
                    recvOutcome.set(e);
                }
            });
            Thread s = g.go(() -> {
                try {
                    nil.send(1);
                    sendOutcome.set("sent");
                } catch (InterruptedException e) {
                    sendOutcome.set(e);
                }
            });
            awaitParked(r, s);
            assertNull(recvOutcome.get());
            assertNull(sendOutcome.get());
            r.interrupt();
            s.interrupt();
            g.joinAll();
        }
        assertInstanceOf(InterruptedException.class, recvOutcome.get());
        assertInstanceOf(InterruptedException.class, sendOutcome.get());
    }

    @Test
    void tryOpsNeverReady() {
        Chan<Integer> nil = Chan.nil();
        for (int i = 0; i < 10; i++) {
            assertFalse(nil.trySend(i), "trySend on nil");
            assertNull(nil.tryRecv(), "tryRecv on nil");
        }
        assertEquals(0, nil.len());
        assertFalse(nil.isDrained());
    }
}
