package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.TestSupport.Goroutines;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports of the select-free parts of Go's own channel tests, by shape:
 * <ul>
 *   <li>{@code runtime/chan_test.go} TestChan, for every capacity 0..N: receive from an empty channel
 *       blocks, send to a full one blocks, non-blocking operations do not, closed channels give their
 *       values then "zero" (null), close unblocks a receiver, FIFO of 100 values, 4 senders and 4
 *       receivers exchanging 4000 values, len/cap;</li>
 *   <li>{@code test/closedchan.go}: every way of receiving from a closed channel (synchronous, and
 *       asynchronous with one value left), send and non-blocking send on it panicking, close of nil and
 *       of closed panicking;</li>
 *   <li>{@code test/chan/fifo.go}: AsynchFifo and SynchFifo (a daisy chain of receivers);</li>
 *   <li>{@code test/chan/nonblock.go}: non-blocking send and receive against a goroutine that arrives
 *       later, for buffer sizes 0 and 1, with several element types (its select-default polls are
 *       {@code trySend}/{@code tryRecv} here);</li>
 *   <li>{@code test/chan/goroutines.go}: a chain of 10000 goroutines passing a value along.</li>
 * </ul>
 * Where Go sleeps "to let the goroutine block", these tests wait until it is seen parked.
 */
@Timeout(120)
class ChanGoPortTest {

    // ---------------------------------------------------------------------------------------------
    // runtime/chan_test.go: TestChan

    @Test
    void testChan() throws Exception {
        int n = scaled(20, 200);
        for (int chanCap = 0; chanCap < n; chanCap++) {
            receiveFromEmptyBlocks(chanCap);
            sendToFullBlocks(chanCap);
            receiveFromClosedGivesValuesThenNull(chanCap);
            closeUnblocksReceive(chanCap);
            fifoOf100(chanCap);
            fourSendersFourReceivers(chanCap);
            lenCap(chanCap);
        }
    }

    private static void receiveFromEmptyBlocks(int chanCap) throws Exception {
        Chan<Integer> c = Chan.make(chanCap);
        AtomicBoolean recv1 = new AtomicBoolean();
        AtomicBoolean recv2 = new AtomicBoolean();
        try (Goroutines g = new Goroutines()) {
            Thread r1 = g.go(() -> {
                c.recv();
                recv1.set(true);
            });
            Thread r2 = g.go(() -> {
                for (Integer v : c) {
                    recv2.set(v != null);
                    break;
                }
            });
            awaitParked(r1, r2);
            assertFalse(recv1.get() || recv2.get(), "chan[" + chanCap + "]: receive from empty chan");
            assertNull(c.tryRecv(), "chan[" + chanCap + "]: receive from empty chan (non-blocking)");
            c.send(0);
            c.send(0);
            g.joinAll();
        }
        assertTrue(recv1.get() && recv2.get());
    }

    private static void sendToFullBlocks(int chanCap) throws Exception {
        Chan<Integer> c = Chan.make(chanCap);
        for (int i = 0; i < chanCap; i++) {
            c.send(i);
        }
        AtomicBoolean sent = new AtomicBoolean();
        try (Goroutines g = new Goroutines()) {
            Thread s = g.go(() -> {
                c.send(0);
                sent.set(true);
            });
            awaitParked(s);
            assertFalse(sent.get(), "chan[" + chanCap + "]: send to full chan");
            assertFalse(c.trySend(0), "chan[" + chanCap + "]: send to full chan (non-blocking)");
            c.recv();
            g.joinAll();
        }
        assertTrue(sent.get());
    }

    private static void receiveFromClosedGivesValuesThenNull(int chanCap) throws Exception {
        Chan<Integer> c = Chan.make(chanCap);
        for (int i = 0; i < chanCap; i++) {
            c.send(i);
        }
        c.close();
        for (int i = 0; i < chanCap; i++) {
            assertEquals(i, c.recv(), "chan[" + chanCap + "]: received bad value");
        }
        assertNull(c.recv(), "chan[" + chanCap + "]: received from closed and drained chan");
        assertNull(c.recv(), "chan[" + chanCap + "]: received from closed and drained chan (again)");
        assertTrue(c.isDrained());
    }

    private static void closeUnblocksReceive(int chanCap) throws Exception {
        Chan<Integer> c = Chan.make(chanCap);
        Chan<Boolean> done = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Thread r = g.go(() -> done.send(c.recv() == null && c.isDrained()));
            awaitParked(r);
            c.close();
            assertTrue(done.recv(), "chan[" + chanCap + "]: received non-null from closed chan");
            g.joinAll();
        }
    }

    private static void fifoOf100(int chanCap) throws Exception {
        Chan<Integer> c = Chan.make(chanCap);
        try (Goroutines g = new Goroutines()) {
            for (int round = 0; round < 2; round++) {
                g.go(() -> {
                    for (int i = 0; i < 100; i++) {
                        c.send(i);
                    }
                });
                for (int i = 0; i < 100; i++) {
                    Integer v = c.recv();
                    assertEquals(Integer.valueOf(i), v, "chan[" + chanCap + "]: received " + v + ", expected " + i);
                }
                g.joinAll();
            }
        }
    }

    private static void fourSendersFourReceivers(int chanCap) throws Exception {
        int p = 4;
        int l = 1000;
        Chan<Integer> c = Chan.make(chanCap);
        Chan<Map<Integer, Integer>> done = Chan.make();
        try (Goroutines g = new Goroutines()) {
            for (int i = 0; i < p; i++) {
                g.go(() -> {
                    for (int v = 0; v < l; v++) {
                        c.send(v);
                    }
                });
            }
            for (int i = 0; i < p; i++) {
                g.go(() -> {
                    Map<Integer, Integer> recv = new HashMap<>();
                    for (int k = 0; k < l; k++) {
                        recv.merge(c.recv(), 1, Integer::sum);
                    }
                    done.send(recv);
                });
            }
            Map<Integer, Integer> recv = new HashMap<>();
            for (int i = 0; i < p; i++) {
                done.recv().forEach((k, v) -> recv.merge(k, v, Integer::sum));
            }
            g.joinAll();
            assertEquals(l, recv.size(), "chan[" + chanCap + "]: distinct values received");
            recv.forEach((k, v) -> assertEquals(p, v, "chan[" + chanCap + "]: value " + k + " received"));
        }
    }

    private static void lenCap(int chanCap) throws Exception {
        Chan<Integer> c = Chan.make(chanCap);
        assertEquals(0, c.len(), "chan[" + chanCap + "]: bad len");
        assertEquals(chanCap, c.cap(), "chan[" + chanCap + "]: bad cap");
        for (int i = 0; i < chanCap; i++) {
            c.send(i);
        }
        assertEquals(chanCap, c.len(), "chan[" + chanCap + "]: bad len");
        assertEquals(chanCap, c.cap(), "chan[" + chanCap + "]: bad cap");
    }

    // ---------------------------------------------------------------------------------------------
    // test/closedchan.go

    /** The ways to receive one value: closedchan.go's Recv, Nbrecv, and (Java only) iteration. */
    private static final Map<String, Function<Chan<Integer>, Integer>> RECEIVERS = Map.of(
            "recv", c -> {
                try {
                    return c.recv();
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            },
            "tryRecv", Chan::tryRecv,
            "iterator", c -> {
                Iterator<Integer> it = c.iterator();
                return it.hasNext() ? it.next() : null;
            });

    private static Chan<Integer> closedSync() {
        Chan<Integer> c = Chan.make();
        c.close();
        return c;
    }

    private static Chan<Integer> closedAsync() throws InterruptedException {
        Chan<Integer> c = Chan.make(2);
        c.send(1);
        c.close();
        return c;
    }

    /** closedchan.go's test1: a closed, drained channel, received from and sent to every way. */
    private static void test1(String how, Chan<Integer> c) throws Exception {
        Function<Chan<Integer>, Integer> receive = RECEIVERS.get(how);
        for (int i = 0; i < 3; i++) {
            assertNull(receive.apply(c), how + ": closed channel gave a value");
            assertNull(c.recv(), how + ": recv on closed channel gave a value");
            assertNull(c.tryRecv(), "tryRecv on closed channel gave a value");
            assertTrue(c.isDrained(), "a closed, drained channel is ready: the receive reports closed");
        }
        ChannelException e = assertThrows(ChannelException.class, () -> c.trySend(1), how + ": trySend");
        assertEquals("send on closed channel", e.getMessage());
        assertNull(c.recv(), how + ": the value of the failed trySend was discarded");
        e = assertThrows(ChannelException.class, () -> c.send(2), how + ": send");
        assertEquals("send on closed channel", e.getMessage());
        assertNull(c.recv(), how + ": the value of the failed send was discarded");
    }

    @Test
    void closedChan() throws Exception {
        for (String how : RECEIVERS.keySet()) {
            test1(how, closedSync());
        }
        for (String how : RECEIVERS.keySet()) {
            Chan<Integer> c = closedAsync();
            assertEquals(1, RECEIVERS.get(how).apply(c), how + ": the last value of a closed channel");
            test1(how, c);
        }
        ChannelException e = assertThrows(ChannelException.class, () -> Chan.<Integer>nil().close());
        assertEquals("close of nil channel", e.getMessage());
        Chan<Integer> ch = Chan.make();
        ch.close();
        e = assertThrows(ChannelException.class, ch::close);
        assertEquals("close of closed channel", e.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // test/chan/fifo.go

    @Test
    void asynchFifo() throws Exception {
        int n = 10;
        Chan<Integer> ch = Chan.make(n);
        for (int i = 0; i < n; i++) {
            ch.send(i);
        }
        for (int i = 0; i < n; i++) {
            assertEquals(i, ch.recv(), "AsynchFifo");
        }
    }

    /** Receivers threaded in a daisy chain, each receiving only after the previous one did. */
    @Test
    void synchFifo() throws Exception {
        int n = 10;
        Chan<Integer> ch = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Chan<Integer> in = Chan.make();
            Chan<Integer> start = in;
            for (int i = 0; i < n; i++) {
                Chan<Integer> out = Chan.make();
                Chan<Integer> myIn = in;
                int val = i;
                g.go(() -> {
                    myIn.recv();
                    int v = ch.recv();
                    if (v != val) {
                        fail("SynchFifo: expected " + val + ", got " + v);
                    }
                    out.send(1);
                });
                in = out;
            }
            start.send(0);
            for (int i = 0; i < n; i++) {
                ch.send(i);
            }
            in.recv();
            g.joinAll();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // test/chan/nonblock.go (select-free parts)

    @Test
    void nonblock() throws Exception {
        int maxTries = 1_000_000; // polls, each yielding; Go bounds its retries the same way
        for (int buffer = 0; buffer < 2; buffer++) {
            for (Object value : List.of(123, 1234567890123L, Boolean.TRUE, "hello")) {
                nonblockOne(buffer, value, maxTries);
            }
        }
    }

    private static <T> void nonblockOne(int buffer, T value, int maxTries) throws Exception {
        Chan<T> c = Chan.make(buffer);
        Chan<Boolean> sync = Chan.make();
        String what = value.getClass().getSimpleName() + " buffer=" + buffer;
        assertNull(c.tryRecv(), what + ": non-blocking receive from empty channel");
        try (Goroutines g = new Goroutines()) {
            // A receiver arrives; a non-blocking send must eventually get through.
            g.go(() -> {
                T v = c.recv();
                if (!value.equals(v)) {
                    fail(what + ": receiver got " + v);
                }
                sync.send(true);
            });
            int tries = 0;
            while (!c.trySend(value)) {
                if (++tries > maxTries) {
                    fail(what + ": non-blocking send never succeeded");
                }
                Thread.yield();
            }
            sync.recv();

            // A sender arrives; a non-blocking receive must eventually get its value.
            g.go(() -> {
                c.send(value);
                sync.send(true);
            });
            if (buffer > 0) {
                sync.recv();
            }
            tries = 0;
            T got;
            while ((got = c.tryRecv()) == null) {
                if (++tries > maxTries) {
                    fail(what + ": non-blocking receive never succeeded");
                }
                Thread.yield();
            }
            assertEquals(value, got, what + ": sender value");
            if (buffer == 0) {
                sync.recv();
            }
            g.joinAll();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // test/chan/goroutines.go

    /** Many goroutines threaded together; each passes on what it gets from its right, plus one. */
    @Test
    void goroutineChain() throws Exception {
        int n = 10_000;
        Chan<Integer> leftmost = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Chan<Integer> left = leftmost;
            Chan<Integer> right = leftmost;
            for (int i = 0; i < n; i++) {
                right = Chan.make();
                Chan<Integer> l = left;
                Chan<Integer> r = right;
                g.go(() -> l.send(r.recv() + 1));
                left = right;
            }
            Chan<Integer> last = right;
            g.go(() -> last.send(1));
            assertEquals(n + 1, leftmost.recv());
            g.joinAll();
        }
    }
}
