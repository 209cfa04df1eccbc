package dev.go4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The nil channel as a value (one shared object, {@code isNil}, a send case on it with no value), the
 * message of a null send, and {@code try (out)} on a send-only view.
 */
@Timeout(60)
class ChanNilAndNullTest {
    private static final String NULL_SEND = "null cannot be sent on a channel: recv returns null to mean closed";

    @Test
    void nilIsOneSharedObject() {
        Chan<Integer> a = Chan.nil();
        Chan<String> b = Chan.nil();
        assertSame(a, b);
        SendChan<Integer> out = a;
        RecvChan<String> in = b;
        assertTrue(out.isNil());
        assertTrue(in.isNil());
        assertSame(Chan.nil(), in);
        for (Chan<Integer> ch : List.of(Chan.<Integer>make(), Chan.<Integer>make(3), Chan.<Integer>unlimited())) {
            assertFalse(ch.isNil());
        }
    }

    @Test
    void nullSendSaysWhy() {
        Chan<Integer> ch = Chan.make(1);
        for (Executable send : List.<Executable>of(() -> ch.send(null), () -> ch.trySend(null),
                () -> Select.send(ch, null, () -> 0))) {
            assertEquals(NULL_SEND, assertThrows(NullPointerException.class, send).getMessage());
        }
    }

    /** Go's pending-send idiom: {@code out} is nil while there is nothing to send, and its case never fires. */
    @Test
    void sendCaseOnNilMayHaveNoValue() throws InterruptedException {
        Chan<Integer> in = Chan.make(1);
        in.send(5);
        Integer pending = null;
        SendChan<Integer> out = Chan.nil();
        int got = Select.select(Select.send(out, pending, () -> -1), Select.recv(in, v -> v));
        assertEquals(5, got);
        assertEquals(0, Select.<Integer, RuntimeException>select(Select.send(out, pending, () -> -1), Select.defaultCase(() -> 0)));
    }

    @Test
    void sendOnlyViewClosesWithTryWithResources() throws InterruptedException {
        Chan<Integer> ch = Chan.make(2);
        produce(ch);
        assertEquals(1, ch.recv());
        assertEquals(2, ch.recv());
        assertNull(ch.recv());
        assertTrue(ch.isDrained());
    }

    /** Go: {@code func produce(out chan<- int) { defer close(out); out <- 1; out <- 2 }}. */
    private static void produce(SendChan<Integer> out) throws InterruptedException {
        try (out) {
            out.send(1);
            out.send(2);
        }
    }
}
