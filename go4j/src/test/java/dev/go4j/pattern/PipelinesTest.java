package dev.go4j.pattern;

import static dev.go4j.pattern.PatternTesting.awaitNoGoroutineLeft;
import static dev.go4j.pattern.PatternTesting.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.TestSupport;
import dev.go4j.runtime.Goroutines;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The book's pipeline examples (chapter 4, "Pipelines", "Best Practices for Constructing Pipelines",
 * "Some Handy Generators", "Queuing"; IDs of ../shared/book-examples.md in each test's name) as
 * contract tests of {@link Pipelines} and {@link Stage}: the exact output the book shows, order,
 * closing, and that every pipeline ends once done closes.
 */
@Timeout(60)
@ExtendWith(PatternTesting.NoGoroutineLeft.class)
class PipelinesTest {

    /** C4-15: generator → multiply(2) → add(1) → multiply(2) over channels prints 6 10 14 18. */
    @Test
    void c4_15_channelPipelineByNesting() throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            RecvChan<Integer> ints = Pipelines.generator(done, 1, 2, 3, 4);
            RecvChan<Integer> pipeline = Pipelines.map(done,
                    Pipelines.map(done, Pipelines.map(done, ints, v -> v * 2), v -> v + 1), v -> v * 2);
            assertEquals(List.of(6, 10, 14, 18), drain(pipeline));
        }
    }

    /** C4-15 again, with the stages composed left to right by {@link Stage#then}. */
    @Test
    void c4_15_channelPipelineByThen() throws InterruptedException {
        Stage<Integer, Integer> multiply2 = Stage.map(v -> v * 2);
        Stage<Integer, Integer> pipeline = multiply2.then(Stage.map(v -> v + 1)).then(multiply2);
        try (Chan<Object> done = Chan.make()) {
            assertEquals(List.of(6, 10, 14, 18), drain(pipeline.apply(done, Pipelines.generator(done, 1, 2, 3, 4))));
        }
    }

    /** {@link Stage#then} changes types along the way, and applies the stages in order, not reversed. */
    @Test
    void thenComposesInOrderAcrossTypes() throws InterruptedException {
        Stage<Integer, String> s = Stage.<Integer, Integer>map(v -> v + 1).then(Stage.map(v -> "<" + v + ">"))
                .then(Stage.map(v -> v + "!"));
        try (Chan<Object> done = Chan.make()) {
            assertEquals(List.of("<2>!", "<3>!"), drain(s.apply(done, Pipelines.generator(done, 1, 2))));
        }
    }

    /** C4-16: take(10) of repeat(1) gives ten 1s; closing done then ends repeat, blocked on its next send. */
    @Test
    void c4_16_takeOfRepeat() throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            assertEquals(Collections.nCopies(10, 1), drain(Pipelines.take(done, Pipelines.repeat(done, 1), 10)));
        }
    }

    /** repeat cycles through its values in order. */
    @Test
    void repeatCyclesInOrder() throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            assertEquals(List.of(1, 2, 3, 1, 2, 3, 1), drain(Pipelines.take(done, Pipelines.repeat(done, 1, 2, 3), 7)));
        }
        assertThrows(IllegalArgumentException.class, () -> Pipelines.repeat(Chan.nil()));
    }

    /**
     * C4-17: take(10) of repeatFn gives exactly 10 values; repeatFn calls its function once per value
     * sent, plus at most one whose value is dropped when done closes.
     */
    @Test
    void c4_17_repeatFn() throws InterruptedException {
        int baseline = Goroutines.numGoroutine();
        AtomicInteger calls = new AtomicInteger();
        try (Chan<Object> done = Chan.make()) {
            List<Integer> got = drain(Pipelines.take(done, Pipelines.repeatFn(done, calls::incrementAndGet), 10));
            assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), got);
        }
        awaitNoGoroutineLeft(baseline);
        assertTrue(calls.get() <= 11, "calls: " + calls.get());
    }

    /** C4-18: the typed toString stage over take(5) of repeat("I", "am.") makes "Iam.Iam.I". */
    @Test
    void c4_18_typedStage() throws InterruptedException {
        StringBuilder message = new StringBuilder();
        try (Chan<Object> done = Chan.make()) {
            RecvChan<Object> tokens = Pipelines.take(done, Pipelines.<Object>repeat(done, "I", "am."), 5);
            for (String token : Pipelines.map(done, tokens, Object::toString)) {
                message.append(token);
            }
        }
        assertEquals("Iam.Iam.I", message.toString());
    }

    /** take ends early, closing its output, when its input closes first; take(0) is closed at once. */
    @Test
    void takeClosesWhenInputEndsFirst() throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            assertEquals(List.of(1, 2), drain(Pipelines.take(done, Pipelines.generator(done, 1, 2), 5)));
            RecvChan<Integer> none = Pipelines.take(done, Pipelines.repeat(done, 1), 0);
            assertTrue(none.isDrained());
        }
        assertThrows(IllegalArgumentException.class, () -> Pipelines.take(Chan.nil(), Chan.nil(), -1));
        assertThrows(IllegalArgumentException.class, () -> Stage.take(-1));
    }

    /** filter keeps the values that satisfy its predicate, in order. */
    @Test
    void filterKeepsOrder() throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            RecvChan<Integer> odd = Pipelines.filter(done, Pipelines.generator(done, 1, 2, 3, 4, 5, 6, 7), v -> v % 2 == 1);
            assertEquals(List.of(1, 3, 5, 7), drain(odd));
        }
    }

    /**
     * Queuing: with its reader stalled, a buffer of n lets the stage before it run n + 1 values ahead
     * (n in the buffer, one in hand) and no further; the reader then gets them all, in order. (The
     * book's C4-25 shows the same with sleeps: the fast stage finishes early, the total time is the same.)
     */
    @Test
    void bufferLetsTheProducerRunAheadByItsCapacity() throws InterruptedException {
        int n = 3;
        try (Chan<Object> done = Chan.make()) {
            Chan<Integer> src = Chan.make();
            RecvChan<Integer> out = Pipelines.buffer(done, src, n);
            for (int i = 0; i <= n; i++) {
                src.send(i); // completes: nobody reads out, the buffer takes them
            }
            TestSupport.awaitTrue("the buffer is full", () -> out.len() == n);
            assertFalse(src.trySend(n + 1), "the stage holds value " + n + " and cannot take another");
            src.close();
            assertEquals(List.of(0, 1, 2, 3), drain(out));
        }
        assertThrows(IllegalArgumentException.class, () -> Pipelines.buffer(Chan.nil(), Chan.nil(), -1));
    }

    /** When done closes, a buffer closes its output; values already buffered can still be read. */
    @Test
    void bufferKeepsBufferedValuesAfterDone() throws InterruptedException {
        Chan<Object> done = Chan.make();
        RecvChan<Integer> out = Pipelines.buffer(done, Pipelines.generator(Chan.nil(), 1, 2), 4);
        TestSupport.awaitTrue("both values buffered", () -> out.len() == 2);
        done.close();
        List<Integer> got = new ArrayList<>();
        for (Integer v; (v = out.recv()) != null; ) {
            got.add(v);
        }
        assertEquals(List.of(1, 2), got);
        assertNull(out.recv());
    }

    /** An exception in a stage's function ends the stage and closes its output; it goes to the panic handler. */
    @Test
    void aFailingFunctionClosesTheOutput() throws InterruptedException {
        List<Throwable> panics = new CopyOnWriteArrayList<>();
        Go.setPanicHandler((t, e) -> panics.add(e));
        try (Chan<Object> done = Chan.make()) {
            RecvChan<Integer> out = Pipelines.map(done, Pipelines.generator(done, 1, 0, 2), v -> 10 / v);
            assertEquals(List.of(10), drain(out));
        } finally {
            TestSupport.awaitTrue("the stage's panic is reported",
                    () -> panics.stream().anyMatch(e -> e instanceof ArithmeticException));
            Go.setPanicHandler(null);
        }
    }
}
