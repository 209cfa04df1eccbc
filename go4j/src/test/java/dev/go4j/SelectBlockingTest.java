package dev.go4j;

import static dev.go4j.TestSupport.assertBlocksUntilInterrupted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports Go's test/chan/select3.go: which selects always block and which never do, for empty, nil,
 * closed, ready and non-ready channels, and that "select should not get confused if it sees itself"
 * (a send and a receive on one unbuffered channel in one select block). "Always blocks" is checked by
 * seeing the goroutine park and then an interrupt end it with InterruptedException (nothing fired);
 * "never blocks" runs in the test thread (a block would hit the class timeout).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectBlockingTest {
    private static final Chan<Integer> NIL = Chan.nil();

    private static Chan<Integer> closed() {
        Chan<Integer> c = Chan.make();
        c.close();
        return c;
    }

    private static <R> R unreachable() {
        throw new AssertionError("control flow shouldn't reach here");
    }

    @Test
    void emptyAndNilSelectsAlwaysBlock() throws Throwable {
        assertBlocksUntilInterrupted(Select::select);
        assertBlocksUntilInterrupted(() -> Select.select(Select.recv(NIL, v -> unreachable())));
        assertBlocksUntilInterrupted(() -> Select.select(Select.send(NIL, 7, () -> unreachable())));
        assertBlocksUntilInterrupted(() -> Select.select(
                Select.recv(NIL, v -> unreachable()), Select.send(NIL, 7, () -> unreachable())));
    }

    @Test
    void selectsOnNonReadyChannelsAlwaysBlock() throws Throwable {
        assertBlocksUntilInterrupted(() -> Select.select(Select.recv(Chan.<Integer>make(), v -> unreachable())));
        assertBlocksUntilInterrupted(() -> Select.select(Select.recv(Chan.<Integer>make(1), v -> unreachable())));
        assertBlocksUntilInterrupted(() -> Select.select(Select.send(Chan.make(), 7, () -> unreachable())));
        assertBlocksUntilInterrupted(() -> {
            Chan<Integer> full = Chan.make(1);
            full.send(1);
            return Select.select(Select.send(full, 7, () -> unreachable()));
        });
    }

    /** Select should not get confused if it sees itself: it cannot pair its own send and receive. */
    @Test
    void selectSeeingItselfBlocks() throws Throwable {
        assertBlocksUntilInterrupted(() -> {
            Chan<Integer> c = Chan.make();
            return Select.select(Select.send(c, 1, () -> unreachable()), Select.recv(c, v -> unreachable()));
        });
        assertBlocksUntilInterrupted(() -> {
            Chan<Integer> c = Chan.make();
            return Select.selectBiased(Select.recv(c, v -> unreachable()), Select.send(c, 1, () -> unreachable()),
                    Select.recv(c, v -> unreachable()), Select.send(c, 2, () -> unreachable()));
        });
    }

    @Test
    void selectsWithDefaultNeverBlock() throws InterruptedException {
        assertEquals("d", Select.select(Select.defaultCase(() -> "d")));
        assertEquals("d", Select.select(Select.recv(NIL, v -> unreachable()), Select.defaultCase(() -> "d")));
        assertEquals("d", Select.select(Select.send(NIL, 7, () -> unreachable()), Select.defaultCase(() -> "d")));
        assertEquals("d", Select.select(Select.recv(Chan.<Integer>make(), v -> unreachable()), Select.defaultCase(() -> "d")));
    }

    @Test
    void selectsWithReadyChannelsNeverBlock() throws InterruptedException {
        Chan<Integer> async = Chan.make(1);
        assertEquals("sent", Select.select(Select.send(async, 7, () -> "sent"), Select.defaultCase(() -> unreachable())));
        assertEquals(7, Select.<Integer, RuntimeException>select(Select.recv(async, v -> v), Select.defaultCase(() -> unreachable())));
        assertEquals("sent", Select.select(Select.send(async, 8, () -> "sent")));
        assertEquals(8, Select.<Integer, RuntimeException>select(Select.recv(async, v -> v)));
    }

    /**
     * Handlers run after the select has released its channels, so a handler may use the same channels
     * again, even blocking on them (a handler run under a channel's lock would deadlock here).
     */
    @Test
    void handlersMayUseTheSelectsChannels() throws Throwable {
        Chan<Integer> c = Chan.make(1);
        c.send(1);
        int got = Select.select(Select.recv(c, v -> {
            c.send(v + 1);
            return Select.<Integer, RuntimeException>select(Select.recv(c, w -> w), Select.send(c, 9, () -> -1));
        }));
        assertEquals(2, got);
        Chan<Integer> unbuffered = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Call<Integer> partner = g.call(() -> unbuffered.recv() + unbuffered.recv());
            String r = Select.select(Select.send(unbuffered, 20, () -> {
                unbuffered.send(22); // blocks until the partner takes it
                return "sent twice";
            }));
            assertEquals("sent twice", r);
            assertEquals(42, partner.get());
            g.joinAll();
        }
    }

    /** Selects on closed channels behave like the plain operations: receive never blocks, send panics. */
    @Test
    void selectsWithClosedChannelsBehaveLikePlainOperations() throws InterruptedException {
        Chan<Integer> closedch = closed();
        assertNull(Select.select(Select.recv(closedch, v -> v)));
        assertEquals("closed", Select.select(Select.recv(closedch, v -> v == null ? "closed" : "value")));
        assertEquals("closed", Select.select(Select.recv(closedch, v -> "closed"), Select.recv(closedch, v -> "closed")));
        ChannelException e = assertThrows(ChannelException.class,
                () -> Select.select(Select.send(closedch, 7, () -> unreachable())));
        assertEquals("send on closed channel", e.getMessage());
        if (closedch.tryRecv() != null) {
            fail("a closed channel delivered a value");
        }
    }
}
