package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport.Goroutines;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rule 5: {@code len} and {@code cap} as Go's builtins. Both are 0 for unbuffered and nil channels
 * (also with parties waiting); {@code len} counts buffered values only, before and after close;
 * a negative capacity is rejected as Go's {@code makechan: size out of range}.
 */
@Timeout(60)
class ChanLenCapTest {

    @Test
    void unbuffered() throws Exception {
        for (Chan<Integer> ch : List.of(Chan.<Integer>make(), Chan.<Integer>make(0))) {
            assertEquals(0, ch.cap());
            assertEquals(0, ch.len());
            try (Goroutines g = new Goroutines()) {
                awaitParked(g.go(() -> ch.send(1)));
                assertEquals(0, ch.len(), "a blocked sender's value is not buffered");
                assertEquals(0, ch.cap());
                assertEquals(1, ch.recv());
                g.joinAll();
            }
            ch.close();
            assertEquals(0, ch.len());
            assertEquals(0, ch.cap());
        }
    }

    @Test
    void nil() {
        Chan<Integer> ch = Chan.nil();
        assertEquals(0, ch.len());
        assertEquals(0, ch.cap());
    }

    @Test
    void bufferedLenTracksCount() throws Exception {
        int cap = 5;
        Chan<Integer> ch = Chan.make(cap);
        assertEquals(cap, ch.cap());
        assertEquals(0, ch.len());
        for (int i = 1; i <= cap; i++) {
            ch.send(i);
            assertEquals(i, ch.len());
        }
        try (Goroutines g = new Goroutines()) {
            awaitParked(g.go(() -> ch.send(cap + 1)));
            assertEquals(cap, ch.len(), "full: a blocked sender does not count");
            ch.recv();
            g.joinAll();
            assertEquals(cap, ch.len(), "the blocked value moved into the buffer");
        }
        ch.recv();
        ch.recv();
        assertEquals(cap - 2, ch.len());
        ch.close();
        assertEquals(cap - 2, ch.len(), "close keeps the buffered values");
        assertEquals(cap, ch.cap());
        for (int left = cap - 3; ch.recv() != null; left--) {
            assertEquals(left, ch.len(), "draining a closed channel");
        }
        assertEquals(0, ch.len());
        assertEquals(cap, ch.cap(), "cap never changes");
    }

    /** len stays consistent around the buffer's wrap-around (head and tail indices cycling). */
    @Test
    void lenAcrossWrapAround() {
        Chan<Integer> ch = Chan.make(3);
        for (int round = 0; round < 10; round++) {
            ch.trySend(round);
            ch.trySend(round);
            assertEquals(2, ch.len());
            ch.tryRecv();
            ch.tryRecv();
            assertEquals(0, ch.len());
        }
    }

    @Test
    void negativeCapacity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Chan.make(-1));
        assertEquals("makechan: size out of range", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Chan.make(Integer.MIN_VALUE));
    }

    /** A huge capacity costs nothing until values fill it: the ring grows toward the capacity. */
    @Test
    void hugeCapacityIsAllocatedAsItFills() throws Exception {
        Chan<Integer> ch = Chan.make(Integer.MAX_VALUE - 8); // 8 GB if allocated at once
        assertEquals(Integer.MAX_VALUE - 8, ch.cap());
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            assertTrue(ch.trySend(i), "room in the buffer");
            assertEquals(i + 1, ch.len());
        }
        for (int i = 0; i < n / 2; i++) {
            assertEquals(i, ch.recv());
        }
        for (int i = n; i < 2 * n; i++) {
            ch.send(i); // wraps around the ring, then grows it again
        }
        assertEquals(n + n / 2, ch.len());
        for (int i = n / 2; i < 2 * n; i++) {
            assertEquals(i, ch.recv());
        }
        assertEquals(0, ch.len());
        assertEquals(Integer.MAX_VALUE - 8, ch.cap());
    }

    /** A buffer that grows toward its capacity still blocks, and keeps FIFO, once full. */
    @Test
    void growingBufferBlocksWhenFull() throws Exception {
        int cap = 100;
        Chan<Integer> ch = Chan.make(cap);
        for (int i = 0; i < cap; i++) {
            assertTrue(ch.trySend(i));
        }
        assertFalse(ch.trySend(cap), "full at its capacity");
        try (Goroutines g = new Goroutines()) {
            awaitParked(g.go(() -> ch.send(cap)));
            assertEquals(0, ch.recv());
            g.joinAll();
        }
        for (int i = 1; i <= cap; i++) {
            assertEquals(i, ch.recv());
        }
    }
}
