package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Buffer policies beyond Go's blocking buffer (Kotlin's {@code BufferOverflow} and capacities
 * {@code CONFLATED}/{@code UNLIMITED}, core.async's dropping and sliding buffers): which value a full
 * buffer keeps, that sends never block, that a select send case is always ready, {@code len}/{@code cap},
 * FIFO through an unlimited buffer's growth, direct hand-off to a waiting receiver, and that Go's close
 * rules still hold. The shape of Go's runtime/chan_test.go TestChan (FIFO, len/cap) on these channels.
 */
@Timeout(60)
class ChanPolicyTest {

    private static List<Integer> drain(Chan<Integer> ch) {
        List<Integer> got = new ArrayList<>();
        for (Integer v; (v = ch.tryRecv()) != null; ) {
            got.add(v);
        }
        return got;
    }

    @Test
    void dropNewestKeepsTheFirstValues() throws InterruptedException {
        Chan<Integer> ch = Chan.make(2, BufferPolicy.DROP_NEWEST);
        for (int i = 1; i <= 5; i++) {
            ch.send(i); // never blocks
        }
        assertTrue(ch.trySend(6), "the send happened; the policy dropped its value");
        assertEquals(2, ch.len());
        assertEquals(2, ch.cap());
        assertEquals(List.of(1, 2), drain(ch));
    }

    @Test
    void dropOldestKeepsTheLatestValues() throws InterruptedException {
        Chan<Integer> ch = Chan.make(3, BufferPolicy.DROP_OLDEST);
        for (int i = 1; i <= 7; i++) {
            ch.send(i);
        }
        assertEquals(3, ch.len());
        assertEquals(List.of(5, 6, 7), drain(ch));
        ch.send(8); // and again after the ring wrapped
        ch.send(9);
        assertEquals(List.of(8, 9), drain(ch));
    }

    @Test
    void conflatedKeepsTheLatestValue() throws InterruptedException {
        Chan<Integer> ch = Chan.conflated();
        assertEquals(1, ch.cap());
        for (int i = 1; i <= 3; i++) {
            ch.send(i);
        }
        assertEquals(1, ch.len());
        assertEquals(3, ch.recv());
        assertNull(ch.tryRecv());
    }

    @Test
    void unlimitedNeverBlocksAndKeepsFifoThroughGrowth() throws InterruptedException {
        Chan<Integer> ch = Chan.unlimited();
        assertEquals(Chan.UNLIMITED, ch.cap());
        assertEquals(Chan.UNLIMITED, Chan.make(Chan.UNLIMITED).cap());
        int next = 0;
        int expect = 0;
        // Interleave so that the ring has wrapped when it grows.
        for (int round = 0; round < 6; round++) {
            for (int i = 0; i < 40; i++) {
                ch.send(next++);
            }
            for (int i = 0; i < 25; i++) {
                assertEquals(expect++, ch.recv());
            }
            assertEquals(next - expect, ch.len());
        }
        ch.close();
        for (int v : ch) {
            assertEquals(expect++, v);
        }
        assertEquals(next, expect);
    }

    @Test
    void selectSendCaseIsAlwaysReady() throws InterruptedException {
        for (Chan<Integer> ch : List.of(Chan.<Integer>make(1, BufferPolicy.DROP_NEWEST),
                Chan.<Integer>make(1, BufferPolicy.DROP_OLDEST), Chan.<Integer>unlimited())) {
            for (int i = 1; i <= 3; i++) {
                int v = i;
                assertEquals("sent", Select.select(
                        Select.send(ch, v, () -> "sent"), Select.defaultCase(() -> "default")), ch.toString());
            }
        }
    }

    @Test
    void aWaitingReceiverGetsTheValueDirectly() throws Throwable {
        Chan<Integer> ch = Chan.conflated();
        try (Goroutines g = new Goroutines()) {
            Call<Integer> r = g.call(ch::recv);
            awaitParked(r.thread());
            ch.send(1);
            assertEquals(1, r.get());
            assertEquals(0, ch.len());
            g.joinAll();
        }
    }

    @Test
    void goCloseRulesHold() throws InterruptedException {
        Chan<Integer> ch = Chan.make(1, BufferPolicy.DROP_OLDEST);
        ch.send(1);
        ch.send(2);
        ch.close();
        assertEquals("send on closed channel", assertThrows(ChannelException.class, () -> ch.send(3)).getMessage());
        assertThrows(ChannelException.class, () -> ch.trySend(3));
        assertThrows(ChannelException.class, ch::close);
        assertEquals(2, ch.recv());
        assertNull(ch.recv());
    }

    @Test
    void makeRejectsBadArguments() {
        assertEquals("makechan: size out of range",
                assertThrows(IllegalArgumentException.class, () -> Chan.make(-1, BufferPolicy.DROP_OLDEST)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Chan.make(0, BufferPolicy.DROP_OLDEST));
        assertThrows(IllegalArgumentException.class, () -> Chan.make(0, BufferPolicy.DROP_NEWEST));
        assertThrows(NullPointerException.class, () -> Chan.make(1, null));
        assertEquals(0, Chan.make(0, BufferPolicy.BLOCK).cap());
    }
}
