package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The default case runs only if no case is ready at one single instant. Ports Go's
 * {@code TestNonblockSelectRace} and {@code TestNonblockSelectRace2} (runtime/chan_test.go): a select
 * with a default over two channels, at least one of which is ready at every instant while another
 * goroutine moves the readiness from one to the other, must never take the default. A select that looked
 * at the channels one at a time, instead of under all their locks at once, fails them.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectDefaultTest {

    /** Go's TestNonblockSelectRace: c1 is full until c2 has been filled. */
    @Test
    void nonblockSelectRace() throws Throwable {
        nonblockRace(false);
    }

    /** Go's TestNonblockSelectRace2: c1 is full until c2 has been closed. */
    @Test
    void nonblockSelectRace2() throws Throwable {
        nonblockRace(true);
    }

    /**
     * One goroutine per iteration selects over c1 and c2 with a default, while the test thread fills
     * (or closes) c2 and only then empties c1. Unlike Go's scheduler, a new virtual thread starts long
     * after the test thread's two operations are over, so the goroutine announces it is about to select
     * and the test thread waits for that, plus a random spin, to make the two overlap.
     */
    private static void nonblockRace(boolean closeC2) throws Throwable {
        int n = scaled(20_000, 200_000);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        try (Goroutines g = new Goroutines()) {
            for (int i = 0; i < n; i++) {
                Chan<Integer> c1 = Chan.make(1);
                Chan<Integer> c2 = Chan.make(1);
                c1.send(1);
                AtomicBoolean selecting = new AtomicBoolean();
                Call<Boolean> chose = g.call(() -> {
                    selecting.set(true);
                    return Select.select(
                            Select.recv(c1, v -> true),
                            Select.recv(c2, v -> true),
                            Select.defaultCase(() -> false));
                });
                while (!selecting.get()) {
                    Thread.onSpinWait();
                }
                for (int spin = rnd.nextInt(64); spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                if (closeC2) {
                    c2.close();
                } else {
                    c2.send(1);
                }
                c1.tryRecv(); // only now may c1 be empty: c2 is ready from here on
                if (!chose.get()) {
                    fail("default chosen while a channel was ready throughout (iteration " + i + ")");
                }
            }
            g.joinAll();
        }
    }

    /** A ready case always beats the default, whichever order the cases are polled in. */
    @Test
    void readyCaseBeatsDefault() throws InterruptedException {
        Chan<Integer> buffered = Chan.make(10_000);
        for (int i = 0; i < 10_000; i++) {
            buffered.send(i);
        }
        Chan<Integer> never = Chan.make();
        for (int i = 0; i < 10_000; i++) {
            int got = Select.select(
                    Select.defaultCase(() -> -1),
                    Select.recv(never, v -> -2),
                    Select.recv(buffered, v -> v));
            assertEquals(i, got, "FIFO value expected, default or never-ready case chosen instead");
        }
        Chan<Integer> roomy = Chan.make(10_000);
        for (int i = 0; i < 10_000; i++) {
            String r = Select.select(Select.send(never, i, () -> "never"), Select.send(roomy, i, () -> "sent"),
                    Select.defaultCase(() -> "default"));
            assertEquals("sent", r);
        }
        assertEquals(10_000, roomy.len());
        Chan<Integer> closed = Chan.make();
        closed.close();
        for (int i = 0; i < 1_000; i++) {
            assertEquals("closed", Select.select(Select.defaultCase(() -> "default"),
                    Select.recv(closed, v -> v == null ? "closed" : "value")));
        }
    }

    /** A sender parked on an unbuffered channel makes a receive case ready (and the reverse). */
    @Test
    void parkedPartnerMakesUnbufferedCaseReady() throws Throwable {
        Chan<Integer> c = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Thread sender = g.go(() -> c.send(7));
            awaitParked(sender);
            assertEquals(7, Select.<Integer, RuntimeException>select(Select.recv(c, v -> v), Select.defaultCase(() -> -1)));
            Call<Integer> receiver = g.call(c::recv);
            awaitParked(receiver.thread());
            assertEquals("sent", Select.select(Select.send(c, 8, () -> "sent"), Select.defaultCase(() -> "default")));
            assertEquals(8, receiver.get());
            g.joinAll();
        }
    }

    /** With nothing ready the default runs at once, and no channel is touched. */
    @Test
    void defaultRunsWhenNothingReady() throws InterruptedException {
        Chan<Integer> unbuffered = Chan.make();
        Chan<Integer> empty = Chan.make(2);
        Chan<Integer> full = Chan.make(1);
        full.send(1);
        AtomicInteger fired = new AtomicInteger();
        String r = Select.select(
                Select.recv(unbuffered, v -> "recv"),
                Select.recv(empty, v -> "recv"),
                Select.send(full, 2, () -> "send"),
                Select.send(unbuffered, 3, () -> "send"),
                Select.defaultCase(() -> {
                    fired.incrementAndGet();
                    return "default";
                }));
        assertEquals("default", r);
        assertEquals(1, fired.get());
        assertEquals(0, empty.len());
        assertEquals(1, full.len());
        assertEquals(1, full.tryRecv());
        assertNull(unbuffered.tryRecv());
        assertEquals("only", Select.select(Select.defaultCase(() -> "only")));
    }

    /** Two defaults are a usage error (a compile error in Go), reported before any case runs. */
    @Test
    void multipleDefaultsRejected() {
        Chan<Integer> ready = Chan.make(1);
        assertTrue(ready.trySend(5));
        assertThrows(IllegalArgumentException.class, () -> Select.select(
                Select.recv(ready, v -> "recv"), Select.defaultCase(() -> "a"), Select.defaultCase(() -> "b")));
        assertThrows(IllegalArgumentException.class, () -> Select.selectBiased(
                Select.defaultCase(() -> "a"), Select.recv(ready, v -> "recv"), Select.defaultCase(() -> "b")));
        assertEquals(1, ready.len(), "a rejected select must not have received");
    }
}
