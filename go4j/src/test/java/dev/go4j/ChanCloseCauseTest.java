package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing a channel with an error ({@link Chan#close(Throwable)}), a rule beyond Go modelled on Kotlin's
 * {@code close(cause)} and Jox's {@code error(reason)}: the shape of Go's test/closedchan.go (drain the
 * buffer in order, then the closed result forever; close wakes blocked parties; Go's close rules) with
 * the cause added. {@code recv} still returns {@code null} (Go's {@code ok == false});
 * {@code closeCause}, {@code recvOrThrow} and iteration expose the error; a select receive case gets
 * {@code null} and can ask for the cause.
 */
@Timeout(60)
class ChanCloseCauseTest {
    private static final IOException BOOM = new IOException("boom");

    @Test
    void receiversDrainTheBufferThenSeeTheCause() throws InterruptedException {
        Chan<Integer> ch = Chan.make(3);
        ch.send(1);
        ch.send(2);
        assertNull(ch.closeCause(), "open");
        ch.close(BOOM);
        assertSame(BOOM, ch.closeCause());
        assertEquals(1, ch.recvOrThrow());
        assertEquals(2, ch.recv());
        for (int i = 0; i < 2; i++) { // every later call throws again
            ChannelClosedException e = assertThrows(ChannelClosedException.class, ch::recvOrThrow);
            assertSame(BOOM, e.getCause());
        }
        assertNull(ch.recv(), "recv keeps Go's closed result");
        assertNull(ch.tryRecv());
        assertTrue(ch.isDrained());
    }

    @Test
    void plainCloseHasNoCause() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1);
        ch.send(1);
        ch.close();
        assertNull(ch.closeCause());
        assertEquals(1, ch.recvOrThrow());
        assertNull(ch.recvOrThrow(), "a clean end returns null");
    }

    @Test
    void iterationRethrowsTheCauseOnceDrained() {
        Chan<Integer> ch = Chan.make(3);
        ch.trySend(1);
        ch.trySend(2);
        ch.close(BOOM);
        List<Integer> got = new ArrayList<>();
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> {
            for (int v : ch) {
                got.add(v);
            }
        });
        assertSame(BOOM, e.getCause());
        assertEquals(List.of(1, 2), got);
        Iterator<Integer> it = ch.iterator();
        assertThrows(ChannelClosedException.class, it::hasNext);
    }

    @Test
    void closeWithCauseWakesABlockedReceiver() throws Throwable {
        Chan<Integer> ch = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Call<Object> r = g.call(() -> {
                try {
                    return ch.recvOrThrow();
                } catch (ChannelClosedException e) {
                    return (Object) e.getCause();
                }
            });
            awaitParked(r.thread());
            ch.close(BOOM);
            assertSame(BOOM, r.get());
            g.joinAll();
        }
    }

    @Test
    void closeWithCauseFailsABlockedSenderAsClose() throws Throwable {
        Chan<Integer> ch = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Call<String> s = g.call(() -> {
                try {
                    ch.send(1);
                    return "sent";
                } catch (ChannelException e) {
                    return e.getMessage();
                }
            });
            awaitParked(s.thread());
            ch.close(BOOM);
            assertEquals("send on closed channel", s.get());
            g.joinAll();
        }
    }

    @Test
    void goCloseRulesStillHold() {
        Chan<Integer> a = Chan.make();
        a.close(BOOM);
        assertEquals("close of closed channel", assertThrows(ChannelException.class, a::close).getMessage());
        assertEquals("close of closed channel",
                assertThrows(ChannelException.class, () -> a.close(new IOException())).getMessage());
        assertSame(BOOM, a.closeCause(), "a failed second close changes nothing");
        Chan<Integer> b = Chan.make();
        b.close();
        assertThrows(ChannelException.class, () -> b.close(BOOM));
        assertNull(b.closeCause());
        assertEquals("send on closed channel", assertThrows(ChannelException.class, () -> a.send(1)).getMessage());
        assertEquals("close of nil channel",
                assertThrows(ChannelException.class, () -> Chan.nil().close(BOOM)).getMessage());
        assertThrows(NullPointerException.class, () -> Chan.make().close(null));
    }

    @Test
    void selectRecvCaseGetsNullAndCanAskForTheCause() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1);
        ch.send(7);
        ch.close(BOOM);
        Chan<Integer> never = Chan.make();
        assertEquals("7", Select.select(Select.recv(ch, v -> String.valueOf(v)), Select.recv(never, v -> "never")));
        Object r = Select.select(
                Select.recv(ch, v -> v == null ? ch.closeCause() : v), Select.recv(never, v -> "never"));
        assertSame(BOOM, r);
    }
}
