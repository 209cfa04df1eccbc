package dev.go4j;

import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
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

    /**
     * A real failed allocation, in a JVM with a small heap: an unlimited channel's buffer cannot double.
     * The sender gets the {@link OutOfMemoryError}; the channel keeps its values in order and works.
     */
    @Test
    void failedGrowthReachesTheSenderAndLeavesTheChannelUsable() throws Exception {
        assertGrowthFailureHandled("send");
    }

    /** As above, the failing send being a select's case, polled under the locks of all its channels. */
    @Test
    void failedGrowthInASelectLeavesEveryChannelAndItsWaitersUsable() throws Exception {
        assertGrowthFailureHandled("select");
    }

    private static void assertGrowthFailureHandled(String scenario) throws Exception {
        TestSupport.JavaRun run = TestSupport.runJava(List.of("-Xmx64m"), ChanGrowthFailure.class, scenario);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("ok"), run.lines());
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
     * Each run is a thread that catches the overflow and ends. Its stack is about the smallest a thread
     * may have: every level runs {@code op}, whose exceptions (an interrupted wait) fill in a stack trace
     * as deep as the level, so a run costs the square of the depth.
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
            }, "overflow-" + shift, 144 * 1024);
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
