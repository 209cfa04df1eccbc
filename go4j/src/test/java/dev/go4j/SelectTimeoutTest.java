package dev.go4j;

import static dev.go4j.TestSupport.assertBlocksUntilInterrupted;
import static dev.go4j.TestSupport.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The timeout case, go4j's {@code case <-time.After(d):}. It fires when no case becomes ready in time
 * (durations are never asserted: a tiny timeout over never-ready channels must simply end with the
 * timeout's result); a case that becomes ready first wins; a zero or negative timeout acts as a default
 * when nothing is ready, yet loses to a ready case; a default beats the timeout (it never blocks); two
 * timeouts are rejected.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectTimeoutTest {
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void tinyTimeoutFiresWhenNothingIsReady() throws InterruptedException {
        Chan<Integer> never = Chan.make();
        Chan<Integer> full = Chan.make(1);
        full.send(0);
        for (int i = 0; i < 100; i++) {
            String r = Select.select(
                    Select.recv(never, v -> "recv"),
                    Select.send(never, 1, () -> "send"),
                    Select.send(full, 2, () -> "full"),
                    Select.recv(Chan.<Integer>nil(), v -> "nil"),
                    Select.timeout(Duration.ofMillis(1), () -> "timeout"));
            assertEquals("timeout", r);
        }
        assertEquals(1, full.len());
        assertEquals("timeout", Select.select(Select.timeout(Duration.ofNanos(1), () -> "timeout")));
    }

    /** The select parks with a 1-hour timeout; a send from another goroutine must win. */
    @Test
    void caseReadyBeforeLongTimeoutWins() throws Throwable {
        Chan<Integer> c = Chan.make();
        Chan<Integer> never = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Call<String> sel = g.call(() -> Select.select(
                    Select.recv(never, v -> "never"),
                    Select.timeout(HOUR, () -> "timeout"),
                    Select.recv(c, v -> "got " + v)));
            awaitParked(sel.thread());
            c.send(5);
            assertEquals("got 5", sel.get());

            Call<String> sender = g.call(() -> Select.select(
                    Select.timeout(HOUR, () -> "timeout"),
                    Select.send(c, 6, () -> "sent")));
            awaitParked(sender.thread());
            assertEquals(6, c.recv());
            assertEquals("sent", sender.get());
            g.joinAll();
        }
    }

    /** A huge timeout must not overflow into "already expired": the select blocks. */
    @Test
    void hugeTimeoutsDoNotOverflow() throws Throwable {
        for (Duration d : new Duration[] {ChronoUnit.FOREVER.getDuration(), Duration.ofNanos(Long.MAX_VALUE),
                Duration.ofDays(365L * 100), Duration.ofDays(365L * 200), Duration.ofSeconds(Long.MAX_VALUE / 1_000_000_000L)}) {
            assertBlocksUntilInterrupted(() -> Select.select(
                    Select.recv(Chan.make(), v -> "recv"), Select.timeout(d, () -> "timeout")));
            assertBlocksUntilInterrupted(() -> Select.select(Select.timeout(d, () -> "timeout")));
        }
    }

    @Test
    void zeroOrNegativeTimeoutActsAsDefault() throws InterruptedException {
        Chan<Integer> never = Chan.make();
        for (Duration d : new Duration[] {Duration.ZERO, Duration.ofNanos(-1), Duration.ofDays(-1)}) {
            assertEquals("timeout", Select.select(Select.recv(never, v -> "recv"), Select.timeout(d, () -> "timeout")));
            assertEquals("timeout", Select.select(Select.timeout(d, () -> "timeout")));
        }
        Chan<Integer> ready = Chan.make(1_000);
        for (int i = 0; i < 1_000; i++) {
            ready.send(i);
        }
        for (int i = 0; i < 1_000; i++) {
            int got = Select.select(Select.timeout(Duration.ZERO, () -> -1), Select.recv(never, v -> -2),
                    Select.recv(ready, v -> v));
            assertEquals(i, got, "a ready case must beat a zero timeout");
        }
    }

    /** A ready case wins against any timeout, even one already due. */
    @Test
    void readyCaseBeatsTimeout() throws InterruptedException {
        Chan<Integer> closed = Chan.make();
        closed.close();
        for (int i = 0; i < 1_000; i++) {
            assertNull(Select.select(Select.timeout(Duration.ofNanos(1), () -> -1), Select.recv(closed, v -> v)));
        }
    }

    /** With a default, the select never blocks: the default runs, not the timeout. */
    @Test
    void defaultBeatsTimeout() throws InterruptedException {
        Chan<Integer> never = Chan.make();
        assertEquals("default", Select.select(Select.timeout(HOUR, () -> "timeout"), Select.recv(never, v -> "recv"),
                Select.defaultCase(() -> "default")));
    }

    /** The timeout leaves the select's other channels untouched: nothing half-done. */
    @Test
    void timedOutSelectTookNothing() throws InterruptedException {
        Chan<Integer> in = Chan.make();
        Chan<Integer> out = Chan.make();
        assertEquals("timeout", Select.select(Select.recv(in, v -> "recv"), Select.send(out, 1, () -> "send"),
                Select.timeout(Duration.ofMillis(1), () -> "timeout")));
        assertTrue(in.recvq.isEmpty() && out.sendq.isEmpty(), "timed-out waiters left queued");
        assertEquals(false, in.trySend(2), "no receiver may remain on 'in'");
        assertNull(out.tryRecv(), "no sender may remain on 'out'");
    }

    @Test
    void multipleTimeoutsRejected() {
        Chan<Integer> ready = Chan.make(1);
        assertTrue(ready.trySend(1));
        assertThrows(IllegalArgumentException.class, () -> Select.select(Select.recv(ready, v -> "recv"),
                Select.timeout(HOUR, () -> "a"), Select.timeout(Duration.ZERO, () -> "b")));
        assertEquals(1, ready.len(), "a rejected select must not have received");
    }
}
