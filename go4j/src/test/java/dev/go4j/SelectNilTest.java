package dev.go4j;

import static dev.go4j.TestSupport.assertBlocksUntilInterrupted;
import static dev.go4j.TestSupport.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cases on the nil channel are never chosen (Go's rule, used to switch cases off: {@code ch = nil}).
 * With a default the default runs; with another ready case that case runs; a select whose every case is
 * on the nil channel, or that has no case at all, blocks until interrupted (Go's {@code select {}}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectNilTest {
    private static final Chan<Integer> NIL = Chan.nil();

    @Test
    void nilCasesLoseToDefault() throws InterruptedException {
        for (int i = 0; i < 1_000; i++) {
            assertEquals("default", Select.select(
                    Select.recv(NIL, v -> "recv"),
                    Select.send(NIL, i, () -> "send"),
                    Select.defaultCase(() -> "default")));
            assertEquals("default", Select.selectBiased(
                    Select.send(NIL, i, () -> "send"),
                    Select.recv(NIL, v -> "recv"),
                    Select.defaultCase(() -> "default")));
        }
    }

    @Test
    void nilCasesLoseToAnyReadyCase() throws InterruptedException {
        Chan<Integer> ready = Chan.make(10_000);
        for (int i = 0; i < 5_000; i++) {
            ready.send(i);
        }
        for (int i = 0; i < 5_000; i++) {
            int got = Select.select(
                    Select.recv(NIL, v -> -1),
                    Select.send(NIL, 1, () -> -2),
                    Select.recv(ready, v -> v),
                    Select.recv(Chan.<Integer>nil(), v -> -3));
            assertEquals(i, got);
        }
        for (int i = 0; i < 5_000; i++) {
            String r = Select.select(Select.send(NIL, i, () -> "nil"), Select.send(ready, i, () -> "ready"));
            assertEquals("ready", r);
        }
        assertEquals(5_000, ready.len());
    }

    /** A blocked select with nil cases is woken by its one real channel, never by a nil case. */
    @Test
    void blockedSelectWithNilCasesTakesTheRealChannel() throws Throwable {
        Chan<Integer> real = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Call<String> sel = g.call(() -> Select.select(
                    Select.recv(NIL, v -> "nil recv"),
                    Select.recv(real, v -> "real " + v),
                    Select.send(NIL, 1, () -> "nil send")));
            awaitParked(sel.thread());
            real.send(42);
            assertEquals("real 42", sel.get());
            g.joinAll();
        }
    }

    /** Nil cases of different selects never meet: a select parked on nil is no partner for another. */
    @Test
    void nilCasesNeverPairWithEachOther() throws Throwable {
        try (Goroutines g = new Goroutines()) {
            Call<String> parked = g.call(() -> Select.select(
                    Select.send(NIL, 1, () -> "sent"), Select.recv(NIL, v -> "received")));
            awaitParked(parked.thread());
            for (int i = 0; i < 100; i++) {
                assertEquals("default", Select.select(Select.recv(NIL, v -> "recv"), Select.send(NIL, 2, () -> "send"),
                        Select.defaultCase(() -> "default")));
            }
            assertEquals("timeout", Select.select(Select.recv(NIL, v -> "recv"), Select.send(NIL, 2, () -> "send"),
                    Select.timeout(Duration.ofMillis(1), () -> "timeout")));
            parked.thread().interrupt();
            assertThrows(InterruptedException.class, parked::get);
            g.joinAll();
        }
    }

    /** A timeout still fires when the only other cases are nil. */
    @Test
    void nilCasesWithTimeout() throws InterruptedException {
        assertEquals("timeout", Select.select(
                Select.recv(NIL, v -> "recv"),
                Select.send(NIL, 1, () -> "send"),
                Select.timeout(Duration.ofMillis(1), () -> "timeout")));
    }

    /** {@code select {}}: no case blocks until interrupted. */
    @Test
    void emptySelectBlocksUntilInterrupted() throws Throwable {
        assertBlocksUntilInterrupted(Select::select);
        assertBlocksUntilInterrupted(Select::selectBiased);
    }

    /** Only nil cases and no default: blocks until interrupted; no handler runs. */
    @Test
    void onlyNilCasesBlockUntilInterrupted() throws Throwable {
        AtomicInteger fired = new AtomicInteger();
        assertBlocksUntilInterrupted(() -> Select.select(
                Select.recv(NIL, v -> fired.incrementAndGet()),
                Select.send(NIL, 1, fired::incrementAndGet)));
        assertBlocksUntilInterrupted(() -> Select.selectBiased(Select.recv(NIL, v -> fired.incrementAndGet())));
        assertEquals(0, fired.get());
    }
}
