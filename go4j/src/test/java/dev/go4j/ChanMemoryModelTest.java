package dev.go4j;

import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.TestSupport.Goroutines;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule 6: the happens-before edges of Go's memory model ("Channel communication"), observed through
 * plain (non-volatile) fields whose only synchronization is the channel:
 * <ul>
 *   <li>a send happens-before the corresponding receive completes;</li>
 *   <li>the closing of a channel happens-before a receive that returns because the channel is closed;</li>
 *   <li>a receive from an unbuffered channel happens-before the send on that channel completes;</li>
 *   <li>the k-th receive on a channel with capacity C happens-before the (k+C)-th send completes
 *       (a buffered channel as a counting semaphore).</li>
 * </ul>
 * The plain fields live in this class's instances (JUnit makes one per test), read and written by
 * goroutines that communicate only through the channel under test.
 */
@Timeout(120)
class ChanMemoryModelTest {

    /** Plain fields written before a send, read after the receive. */
    static final class Box {
        int a;
        long b;
        String c;
    }

    private int plainX;
    private long plainY;
    private int counter;

    /** Each value sent is a freshly written Box; the receiver must see every field as written. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16})
    void sendHappensBeforeRecvPublishesObject(int cap) throws Exception {
        int n = scaled(200_000, 2_000_000);
        Chan<Box> ch = Chan.make(cap);
        try (Goroutines g = new Goroutines()) {
            g.go(() -> {
                for (int i = 0; i < n; i++) {
                    Box box = new Box();
                    box.a = i;
                    box.b = -(long) i;
                    box.c = "v";
                    ch.send(box);
                }
            });
            for (int i = 0; i < n; i++) {
                Box box = ch.recv();
                if (box.a != i || box.b != -(long) i || box.c == null) {
                    fail("iteration " + i + ": saw a=" + box.a + " b=" + box.b + " c=" + box.c);
                }
            }
            g.joinAll();
        }
    }

    /**
     * Shared plain fields written before each send are seen after the matching receive. The receiver
     * acknowledges each value (through a second channel) before the writer writes the next ones, so it
     * must see exactly the values of its iteration.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 16})
    void sendHappensBeforeRecvSharedFields(int cap) throws Exception {
        int n = scaled(100_000, 1_000_000);
        Chan<Integer> ch = Chan.make(cap);
        Chan<Integer> ack = Chan.make(cap);
        try (Goroutines g = new Goroutines()) {
            g.go(() -> {
                for (int i = 0; i < n; i++) {
                    plainX = i;
                    plainY = 3L * i;
                    ch.send(i);
                    ack.recv();
                }
            });
            g.go(() -> {
                for (int i = 0; i < n; i++) {
                    int v = ch.recv();
                    int x = plainX;
                    long y = plainY;
                    if (v != i || x != i || y != 3L * i) {
                        fail("iteration " + i + ": got " + v + ", x=" + x + ", y=" + y);
                    }
                    ack.send(i);
                }
            });
            g.joinAll();
        }
    }

    /**
     * A write before close is seen by a receive that returns null because of the close, whether it was
     * parked when the close happened or came after. A coordinator hands a fresh channel to a writer and
     * a reader; the only path from the writer's write to the reader is the close.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 4})
    void closeHappensBeforeRecvOfClosed(int cap) throws Exception {
        int n = scaled(50_000, 500_000);
        Chan<Chan<Integer>> toWriter = Chan.make();
        Chan<Chan<Integer>> toReader = Chan.make();
        Chan<Integer> done = Chan.make();
        try (Goroutines g = new Goroutines()) {
            g.go(() -> {
                int i = 0;
                for (Chan<Integer> c : toWriter) {
                    plainX = ++i;
                    c.close();
                }
            });
            g.go(() -> {
                int i = 0;
                for (Chan<Integer> c : toReader) {
                    i++;
                    if (c.recv() != null) {
                        fail("a value on a channel that was only closed");
                    }
                    int x = plainX;
                    if (x != i) {
                        fail("iteration " + i + ": saw x=" + x);
                    }
                    done.send(i);
                }
            });
            for (int i = 0; i < n; i++) {
                Chan<Integer> c = Chan.make(cap);
                if ((i & 1) == 0) { // vary who arrives first
                    toReader.send(c);
                    toWriter.send(c);
                } else {
                    toWriter.send(c);
                    toReader.send(c);
                }
                done.recv();
            }
            toWriter.close();
            toReader.close();
            g.joinAll();
        }
    }

    /**
     * On an unbuffered channel the receive happens-before the send completes: what the receiver wrote
     * before its i-th receive is seen by the sender after its i-th send returns (later writes may be seen
     * too, so the check is {@code >= i}).
     */
    @Test
    void unbufferedRecvHappensBeforeSendCompletes() throws Exception {
        int n = scaled(200_000, 2_000_000);
        Chan<Integer> ch = Chan.make();
        try (Goroutines g = new Goroutines()) {
            g.go(() -> {
                for (int i = 0; i < n; i++) {
                    plainY = i;
                    plainX = i;
                    ch.recv();
                }
            });
            for (int i = 0; i < n; i++) {
                ch.send(i);
                long y = plainY;
                int x = plainX;
                if (y < i || x < i) {
                    fail("iteration " + i + ": sender saw y=" + y + " x=" + x);
                }
            }
            g.joinAll();
        }
    }

    /**
     * A channel of capacity C as a counting semaphore (send to acquire, receive to release): since the
     * k-th receive happens-before the (k+C)-th send completes, at most C goroutines are ever inside,
     * and with C = 1 a plain {@code int} incremented inside loses no update.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void bufferedChannelAsSemaphore(int c) throws Exception {
        int workers = 8;
        int perWorker = scaled(20_000, 200_000);
        Chan<Boolean> sem = Chan.make(c);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        try (Goroutines g = new Goroutines()) {
            for (int w = 0; w < workers; w++) {
                g.go(() -> {
                    for (int i = 0; i < perWorker; i++) {
                        sem.send(Boolean.TRUE); // acquire
                        int now = inside.incrementAndGet();
                        maxInside.accumulateAndGet(now, Math::max);
                        if (c == 1) {
                            counter++; // plain: safe only under the mutual exclusion of a cap-1 channel
                        }
                        if ((i & 7) == 0) {
                            Thread.yield(); // let others try to enter meanwhile
                        }
                        inside.decrementAndGet();
                        sem.recv(); // release
                    }
                });
            }
            g.joinAll();
        }
        assertTrue(maxInside.get() <= c, "at most " + c + " inside, saw " + maxInside.get());
        if (c == 1) {
            assertEquals(workers * perWorker, counter, "lost updates under a cap-1 channel used as a mutex");
        }
        assertEquals(0, sem.len());
        assertNull(sem.tryRecv());
    }
}
