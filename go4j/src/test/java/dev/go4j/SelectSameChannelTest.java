package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import dev.go4j.TestSupport.Ledger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One channel in several cases of one select. Ports Go's {@code TestSelfSelect} (a select that sends
 * and receives on the same unbuffered channel never pairs with itself: two such goroutines pair with
 * each other, and each value received comes from the other one) and {@code TestSelectDuplicateChannel}
 * (a goroutine queued twice on one channel must not corrupt its queue); also checks that several receive
 * cases on one channel get each value once, and several send cases on one channel send one value per
 * select.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectSameChannelTest {

    /**
     * Go's TestSelfSelect: goroutines 0 and 1 each run selects {send c, recv c}; the value sent is the
     * sender's id, so on an unbuffered channel a goroutine receiving its own id has paired with itself.
     * Goroutine 1 alternates the case order (and, in the biased variant, the priority).
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 10})
    void selfSelect(int capacity) throws Throwable {
        for (boolean biased : new boolean[] {false, true}) {
            int iterations = scaled(5_000, 100_000);
            Chan<Integer> c = Chan.make(capacity);
            AtomicIntegerArray sends = new AtomicIntegerArray(2);
            AtomicIntegerArray recvs = new AtomicIntegerArray(2);
            try (Goroutines g = new Goroutines()) {
                for (int p = 0; p < 2; p++) {
                    int id = p;
                    g.go(() -> {
                        for (int i = 0; i < iterations; i++) {
                            Select.Case<Integer, RuntimeException> send = Select.send(c, id, () -> {
                                sends.incrementAndGet(id);
                                return -1;
                            });
                            Select.Case<Integer, RuntimeException> recv = Select.recv(c, v -> {
                                recvs.incrementAndGet(id);
                                return v;
                            });
                            boolean sendFirst = id == 0 || i % 2 == 0;
                            Select.Case<Integer, RuntimeException> first = sendFirst ? send : recv;
                            Select.Case<Integer, RuntimeException> second = sendFirst ? recv : send;
                            int v = biased ? Select.selectBiased(first, second) : Select.select(first, second);
                            if (capacity == 0 && v == id) {
                                throw new AssertionError("goroutine " + id + " received its own value: self receive");
                            }
                        }
                    });
                }
                g.joinAll();
            }
            assertEquals(2 * iterations, sends.get(0) + sends.get(1) + recvs.get(0) + recvs.get(1),
                    "each select fired exactly one case");
            if (capacity == 0) {
                assertEquals(sends.get(0), recvs.get(1), "every send by 0 was received by 1");
                assertEquals(sends.get(1), recvs.get(0), "every send by 1 was received by 0");
            } else {
                assertEquals(sends.get(0) + sends.get(1), recvs.get(0) + recvs.get(1) + c.len());
            }
        }
    }

    /**
     * Go's TestSelectDuplicateChannel: A parks in select {<-c, <-c, <-d}; then B parks in {@code <-c};
     * a send on d wakes A, which must take both its waiters out of c's queue; the send on c must then
     * reach B (it used to reach A's stale waiter).
     */
    @Test
    void selectDuplicateChannel() throws Throwable {
        Chan<Integer> c = Chan.make();
        Chan<Integer> d = Chan.make();
        Chan<Integer> e = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Thread a = g.go(() -> {
                String r = Select.select(Select.recv(c, v -> "c1"), Select.recv(c, v -> "c2"), Select.recv(d, v -> "d"));
                if (!r.equals("d")) {
                    throw new AssertionError("A woke on " + r);
                }
                e.send(9);
            });
            awaitParked(a); // A is queued on c first
            Call<Integer> b = g.call(c::recv);
            awaitParked(b.thread()); // B is queued on c behind A
            d.send(7);
            assertEquals(9, e.recv());
            c.send(8);
            assertEquals(8, b.get());
            g.joinAll();
        }
        assertEquals(true, c.recvq.isEmpty());
    }

    /** Several receive cases on one channel, in several goroutines: each value is received once. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16})
    void duplicateReceiveCasesGetEachValueOnce(int capacity) throws Throwable {
        int n = scaled(20_000, 400_000);
        Chan<Integer> c = Chan.make(capacity);
        Chan<Integer> other = Chan.make();
        Ledger ledger = new Ledger(n);
        try (Goroutines g = new Goroutines()) {
            for (int r = 0; r < 3; r++) {
                g.go(() -> {
                    for (;;) {
                        Integer v = Select.select(Select.recv(c, x -> x), Select.recv(other, x -> -1),
                                Select.recv(c, x -> x), Select.recv(c, x -> x));
                        if (v == null) {
                            return;
                        }
                        ledger.receive(v);
                    }
                });
            }
            for (int i = 0; i < n; i++) {
                c.send(i);
            }
            c.close();
            g.joinAll();
        }
        ledger.assertEachOnce();
    }

    /** Several send cases on one channel: one value per select, never two. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16})
    void duplicateSendCasesSendOneValuePerSelect(int capacity) throws Throwable {
        int selects = scaled(20_000, 400_000);
        Chan<Integer> c = Chan.make(capacity);
        Ledger ledger = new Ledger(selects);
        try (Goroutines g = new Goroutines()) {
            g.go(() -> {
                for (int i = 0; i < selects; i++) {
                    int v = i;
                    // Three offers of one select; -v-1 and selects+v encode the other two cases.
                    int sent = Select.select(Select.send(c, v, () -> v), Select.send(c, -v - 1, () -> -v - 1),
                            Select.send(c, selects + v, () -> selects + v));
                    if (sent < 0 ? sent != -v - 1 : sent != v && sent != selects + v) {
                        throw new AssertionError("handler of another select ran: " + sent);
                    }
                }
                c.close();
            });
            for (Integer v; (v = c.recv()) != null; ) {
                ledger.receive(v < 0 ? -v - 1 : v >= selects ? v - selects : v);
            }
            g.joinAll();
        }
        ledger.assertEachOnce();
    }

    /** A send and a receive on one buffered channel: receive when there is a value, send when there is room. */
    @Test
    void sendAndReceiveOnOneBufferedChannel() throws InterruptedException {
        Chan<Integer> c = Chan.make(1);
        for (int i = 0; i < 1_000; i++) {
            assertEquals("sent", Select.select(Select.recv(c, v -> "recv " + v), Select.send(c, i, () -> "sent")));
            assertEquals("recv " + i, Select.select(Select.send(c, -1, () -> "sent"), Select.recv(c, v -> "recv " + v)));
        }
        assertNull(c.tryRecv());
    }
}
