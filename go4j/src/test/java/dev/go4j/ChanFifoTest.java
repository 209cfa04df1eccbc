package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.TestSupport.Goroutines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Rule 1: a channel is FIFO and loses or duplicates no value, under any number of senders and
 * receivers. Buffered (capacity 1 and 16) and unbuffered ({@code make()} and {@code make(0)}).
 * Also ports the shape of Go's {@code runtime/chan_test.go} TestMultiConsumer and the ordering of
 * blocked parties (senders and receivers are served in the order they queued, as Go's sudog queues).
 */
@Timeout(60)
class ChanFifoTest {

    static Stream<Arguments> channels() {
        return Stream.of(
                Arguments.of("make()", (Supplier<Chan<Integer>>) Chan::make),
                Arguments.of("make(0)", (Supplier<Chan<Integer>>) () -> Chan.make(0)),
                Arguments.of("make(1)", (Supplier<Chan<Integer>>) () -> Chan.make(1)),
                Arguments.of("make(16)", (Supplier<Chan<Integer>>) () -> Chan.make(16)));
    }

    /** One sender, one receiver: values arrive in send order. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    @Timeout(120)
    void singleSenderOrder(String name, Supplier<Chan<Integer>> make) throws Exception {
        int n = scaled(100_000, 1_000_000);
        Chan<Integer> ch = make.get();
        try (Goroutines g = new Goroutines()) {
            g.go(() -> {
                try (ch) {
                    for (int i = 0; i < n; i++) {
                        ch.send(i);
                    }
                }
            });
            int expect = 0;
            for (int v : ch) {
                assertEquals(expect++, v, "FIFO order");
            }
            assertEquals(n, expect, "values received");
            g.joinAll();
        }
    }

    /**
     * Many senders and many receivers. Each sender sends its own increasing sequence; every value must
     * be received exactly once (a bit per value, count and sum), and each receiver must see each
     * sender's values in increasing order (if a receiver got b and later a, a was sent before b by the
     * same sender yet left the queue after it: not FIFO).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    @Timeout(120)
    void manySendersManyReceivers(String name, Supplier<Chan<Integer>> make) throws Exception {
        int senders = 5;
        int receivers = 4;
        int perSender = scaled(25_000, 250_000);
        Chan<Integer> ch = make.get();
        List<BitSet> got = new ArrayList<>();
        AtomicInteger count = new AtomicInteger();
        AtomicLong sum = new AtomicLong();
        try (Goroutines g = new Goroutines(); Goroutines sendersGroup = new Goroutines()) {
            for (int s = 0; s < senders; s++) {
                int base = s * perSender;
                sendersGroup.go(() -> {
                    for (int i = 0; i < perSender; i++) {
                        ch.send(base + i);
                    }
                });
            }
            for (int r = 0; r < receivers; r++) {
                BitSet mine = new BitSet(senders * perSender);
                got.add(mine);
                g.go(() -> {
                    int[] lastSeq = new int[senders];
                    Arrays.fill(lastSeq, -1);
                    for (Integer v; (v = ch.recv()) != null; ) {
                        int sender = v / perSender;
                        int seq = v % perSender;
                        if (seq <= lastSeq[sender]) {
                            fail("sender " + sender + ": got seq " + seq + " after " + lastSeq[sender]);
                        }
                        lastSeq[sender] = seq;
                        if (mine.get(v)) {
                            fail("duplicate " + v);
                        }
                        mine.set(v);
                        count.incrementAndGet();
                        sum.addAndGet(v);
                    }
                });
            }
            sendersGroup.joinAll();
            ch.close();
            g.joinAll();
        }
        long total = (long) senders * perSender;
        assertEquals(total, count.get(), "count");
        assertEquals(total * (total - 1) / 2, sum.get(), "sum");
        BitSet all = new BitSet();
        for (BitSet b : got) {
            assertTrue(!all.intersects(b), "a value was received by two receivers");
            all.or(b);
        }
        assertEquals(total, all.cardinality(), "distinct values");
    }

    /**
     * Go's TestMultiConsumer: many workers range over a work channel and forward to a result channel
     * (yielding on some values to disturb scheduling); a feeder closes the work channel, then the
     * result channel once the workers are done. The consumer must see every item: count and sum.
     */
    @Test
    @Timeout(120)
    void multiConsumer() throws Exception {
        int nwork = 23;
        int niter = scaled(100_000, 1_000_000);
        int[] pn = {2, 3, 7, 11, 13, 17, 19, 23, 27, 31};
        Chan<Integer> q = Chan.make(nwork * 3);
        Chan<Integer> r = Chan.make(nwork * 3);
        AtomicLong expect = new AtomicLong();
        try (Goroutines g = new Goroutines(); Goroutines workers = new Goroutines()) {
            for (int i = 0; i < nwork; i++) {
                int w = i;
                workers.go(() -> {
                    for (int v : q) {
                        if (pn[w % pn.length] == v) {
                            Thread.yield(); // mess with the FIFO-ish nature of range
                        }
                        r.send(v);
                    }
                });
            }
            g.go(() -> {
                long e = 0;
                for (int i = 0; i < niter; i++) {
                    int v = pn[i % pn.length];
                    e += v;
                    q.send(v);
                }
                expect.set(e);
                q.close(); // no more work
                workers.joinAll(); // workers done
                r.close(); // so there can be no more results
            });
            long n = 0;
            long s = 0;
            for (int v : r) {
                n++;
                s += v;
            }
            g.joinAll();
            assertEquals(niter, n, "items");
            assertEquals(expect.get(), s, "sum");
        }
    }

    /**
     * Blocked senders are served in the order they blocked: senders 0..n-1 each park in turn on a full
     * (or unbuffered) channel; receiving yields first the buffered values, then the senders' values in
     * order. Catches a LIFO send queue and a buffer that does not rotate a blocked sender's value in at
     * its tail.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void blockedSendersServedInOrder(String name, Supplier<Chan<Integer>> make) throws Exception {
        Chan<Integer> ch = make.get();
        int buffered = ch.cap();
        int waiting = 8;
        try (Goroutines g = new Goroutines()) {
            for (int i = 0; i < buffered; i++) {
                ch.send(i);
            }
            for (int i = 0; i < waiting; i++) {
                int v = buffered + i;
                awaitParked(g.go(() -> ch.send(v)));
            }
            for (int i = 0; i < buffered + waiting; i++) {
                assertEquals(i, ch.recv(), "value #" + i);
            }
            assertNull(ch.tryRecv(), "nothing more");
            g.joinAll();
        }
    }

    /** Blocked receivers are served in the order they blocked: receiver i gets the i-th value sent. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("channels")
    void blockedReceiversServedInOrder(String name, Supplier<Chan<Integer>> make) throws Exception {
        Chan<Integer> ch = make.get();
        int waiting = 8;
        try (Goroutines g = new Goroutines()) {
            for (int i = 0; i < waiting; i++) {
                int expect = i;
                awaitParked(g.go(() -> assertEquals(expect, ch.recv(), "receiver #" + expect)));
            }
            for (int i = 0; i < waiting; i++) {
                ch.send(i);
            }
            g.joinAll();
            assertEquals(0, ch.len(), "values went to the waiting receivers, not the buffer");
        }
    }
}
