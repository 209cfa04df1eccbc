package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport.Goroutines;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An {@link Error} thrown inside a channel operation (a {@link StackOverflowError} can strike at any
 * call, an {@link OutOfMemoryError} at any allocation) must not leave a channel's lock held: a thread
 * that catches the error and the other users of the channel carry on. Each test overflows the stack
 * inside an operation at many depths, then uses the channel from another goroutine. The overflowing
 * thread is the channels' only user meanwhile: an overflow inside the JDK's own queueing of a contended
 * lock acquirer (AbstractQueuedSynchronizer) is beyond what go4j's code can make safe.
 */
@Timeout(120)
class ChanErrorTest {
    /** How many start depths each test tries, so that the overflow strikes at many points of the operation. */
    private static final int SHIFTS = 48;

    @Test
    void trySendAndTryRecv() throws Throwable {
        Chan<Integer> ch = Chan.make(1);
        overflowInside(() -> {
            ch.trySend(1);
            ch.tryRecv();
        });
        assertUsable(ch);
    }

    @Test
    void sendAndRecvOnABuffer() throws Throwable {
        Chan<Integer> ch = Chan.make(4 * SHIFTS); // an overflow between the send and the recv leaves one value
        overflowInside(() -> {
            ch.send(1);
            ch.recv();
        });
        assertUsable(ch);
    }

    @Test
    void blockingSendAndRecv() throws Throwable {
        Chan<Integer> quiet = Chan.make();
        // Each waits: queues a waiter, finds the interrupt, takes the waiter out again.
        overflowInside(() -> {
            try {
                Thread.currentThread().interrupt();
                quiet.recv();
                Thread.currentThread().interrupt();
                quiet.send(1);
            } catch (InterruptedException expected) {
                // a waiter left by an earlier overflow may have matched instead
            } finally {
                Thread.interrupted();
            }
        });
        assertTrue(call(() -> {
            quiet.trySend(1); // takes the lock; a waiter left by an overflow between queuing and waiting may take the value
            quiet.tryRecv();
            quiet.close();
        }));
        assertNull(quiet.recv());
    }

    @Test
    void select() throws Throwable {
        Chan<Integer> ready = Chan.make(1);
        Chan<Integer> buffered = Chan.make(1);
        Chan<Integer> quiet = Chan.make();
        overflowInside(() -> {
            ready.trySend(1);
            Select.select(Select.recv(ready, v -> v), Select.send(buffered, 1, () -> 0));
            ready.tryRecv();
            buffered.tryRecv();
            // Nothing ready: queues a waiter on each channel, times out, unlinks them.
            Select.select(Select.recv(quiet, v -> v), Select.recv(buffered, v -> v),
                    Select.timeout(Duration.ofNanos(1), () -> 0));
        });
        assertTrue(call(() -> {
            // Each takes the locks of all its channels.
            Select.select(Select.send(quiet, 7, () -> 0), Select.recv(buffered, v -> -1), Select.defaultCase(() -> 7));
            ready.tryRecv(); // a leftover of an overflowed select
            assertTrue(ready.trySend(3));
            Select.select(Select.recv(ready, v -> v), Select.recv(quiet, v -> v), Select.recv(buffered, v -> v));
        }));
    }

    @Test
    void failedGrowthReachesTheSenderAndLeavesTheChannelUsable() throws Throwable {
        Chan<Integer> ch = Chan.unlimited();
        int n = 0;
        while (ch.len() == n && ch.cap() == Chan.UNLIMITED && n < 16) {
            ch.send(n++);
        }
        int sent = n;
        Chan.failNextGrowth();
        assertThrows(OutOfMemoryError.class, () -> ch.send(sent));
        assertEquals(sent, ch.len(), "the failed send left no trace");
        assertTrue(call(() -> {
            for (int i = 0; i < sent; i++) {
                assertEquals(i, ch.recv());
            }
            for (int i = 0; i < 100; i++) {
                ch.send(i); // grows again
            }
            assertEquals(100, ch.len());
        }));
        try (Goroutines g = new Goroutines()) {
            Thread receiver = g.go(() -> {
                for (int i = 0; i < 101; i++) {
                    assertEquals(i < 100 ? i : -1, ch.recv());
                }
            });
            ch.send(-1);
            join(receiver);
            g.joinAll();
        }
    }

    @Test
    void failedGrowthInASelectLeavesEveryChannelAndItsWaitersUsable() throws Throwable {
        Chan<Integer> ch = Chan.unlimited();
        int sent = fillInitialBuffer(ch);
        Chan<Integer> other = Chan.make();
        Chan<Integer> idle = Chan.make();
        Chan<Integer> elsewhere = Chan.make();
        try (Goroutines g = new Goroutines()) {
            CompletableFuture<Integer> received = new CompletableFuture<>();
            Thread receiver = g.go(() -> received.complete(other.recv()));
            CompletableFuture<Integer> selected = new CompletableFuture<>();
            Thread selecting = g.go(() -> selected.complete(
                    Select.select(Select.recv(idle, v -> v), Select.recv(elsewhere, v -> -v))));
            awaitParked(receiver, selecting);
            Chan.failNextGrowth();
            // The send case on ch is polled first and fails under the locks of ch, other and idle.
            assertThrows(OutOfMemoryError.class, () -> Select.selectBiased(
                    Select.send(ch, sent, () -> 0), Select.send(other, 1, () -> 1), Select.recv(idle, v -> 2)));
            assertEquals(sent, ch.len(), "the failed send left no trace");
            assertTrue(call(() -> {
                other.send(7); // the receiver queued on other before the failure gets it
                idle.send(8); // and so does the select queued on idle
            }));
            assertEquals(7, received.get());
            assertEquals(8, selected.get());
            join(receiver);
            join(selecting);
            g.joinAll();
        }
        for (int i = 0; i < sent; i++) {
            assertEquals(i, ch.recv());
        }
        ch.send(-1);
        assertEquals(-1, ch.recv());
    }

    /** Sends to {@code ch} (unlimited) until its buffer is full at its initial length; returns how many. */
    private static int fillInitialBuffer(Chan<Integer> ch) throws InterruptedException {
        int n = 0;
        while (n < 16) {
            ch.send(n++);
        }
        return n;
    }

    /** Checks, from another goroutine, that {@code ch} (cap >= 1) sends and receives: its lock is free. */
    private static void assertUsable(Chan<Integer> ch) throws Throwable {
        assertTrue(call(() -> {
            while (ch.tryRecv() != null) {
                // leftovers of the overflowed operations
            }
            assertTrue(ch.trySend(42));
            assertSame(42, ch.recv());
            assertNull(ch.tryRecv());
        }));
    }

    /** Runs {@code body} in another goroutine; true once it completed (its failures are rethrown). */
    private static boolean call(Task body) throws Throwable {
        return TestSupport.call(() -> {
            body.run();
            return true;
        }).get();
    }

    /**
     * Runs {@code op} at every level of a recursion until the stack overflows, starting the recursion at
     * {@link #SHIFTS} different depths so that the overflow strikes at many points inside {@code op}.
     * Each run is a thread with a small stack that catches the overflow and ends.
     */
    private static void overflowInside(Task op) throws Throwable {
        for (int shift = 0; shift < SHIFTS; shift++) {
            int frames = shift;
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread t = new Thread(null, () -> {
                try {
                    shifted(frames, op);
                } catch (StackOverflowError expected) {
                    done.complete(null);
                } catch (Throwable e) {
                    done.completeExceptionally(e);
                }
            }, "overflow-" + shift, 256 * 1024);
            t.start();
            join(t);
            done.get();
        }
    }

    private static void shifted(int frames, Task op) throws Exception {
        if (frames > 0) {
            shifted(frames - 1, op);
        } else {
            dive(op);
        }
    }

    private static void dive(Task op) throws Exception {
        op.run();
        dive(op);
    }
}
