package dev.go4j.pattern;

import static dev.go4j.pattern.PatternTesting.awaitNoGoroutineLeft;
import static dev.go4j.pattern.PatternTesting.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.TestSupport;
import dev.go4j.runtime.Goroutines;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The book's channel combinators (chapter 4: "The or-channel", "The or-done-channel", "The
 * tee-channel", "The bridge-channel", "Fan-Out, Fan-In"; IDs of ../shared/book-examples.md in the
 * test names): the output the book shows, and each combinator's contract (order, closing,
 * cancellation, exactly-once delivery, no goroutine left behind).
 */
@Timeout(60)
@ExtendWith(PatternTesting.NoGoroutineLeft.class)
class ChannelsTest {

    // ---- or -----------------------------------------------------------------------------------

    /** C4-08: or over five signals closes when the one that fires first (here: the third) closes. */
    @Test
    void c4_08_orClosesWhenAnyInputCloses() throws InterruptedException {
        List<Chan<Object>> signals = IntStream.range(0, 5).mapToObj(i -> Chan.make()).toList();
        RecvChan<?> any = Channels.or(signals.toArray(RecvChan<?>[]::new));
        assertNull(any.tryRecv());
        assertFalse(any.isDrained(), "no input closed yet");
        signals.get(2).close();
        assertNull(any.recv());
        assertTrue(any.isDrained());
    }

    /** As the book: no input gives the nil channel, one input gives that very channel. */
    @Test
    void orOfNoneIsNilAndOfOneIsItself() {
        assertSame(Chan.nil(), Channels.or());
        Chan<Integer> only = Chan.make();
        assertSame(only, Channels.or(only));
    }

    /** Many inputs, a random one closes: or closes, and its single goroutine ends (the others stay open). */
    @Test
    void orOverManyInputsLeavesNoGoroutine() throws InterruptedException {
        int baseline = Goroutines.numGoroutine();
        int n = TestSupport.scaled(500, 5000);
        List<Chan<Object>> inputs = IntStream.range(0, n).mapToObj(i -> Chan.make()).toList();
        RecvChan<?> any = Channels.or(inputs);
        inputs.get(ThreadLocalRandom.current().nextInt(n)).close();
        assertNull(any.recv());
        awaitNoGoroutineLeft(baseline);
    }

    /** An input that is already closed, or that delivers a value, makes or close too (the book's {@code case <-c:}). */
    @Test
    void orFiresOnClosedInputOrOnAValue() throws InterruptedException {
        Chan<Object> closed = Chan.make();
        closed.close();
        assertNull(Channels.or(Chan.make(), closed).recv());
        Chan<String> valued = Chan.make(1);
        valued.send("fire");
        assertNull(Channels.or(Chan.nil(), valued, Chan.make()).recv());
    }

    // ---- orDone -------------------------------------------------------------------------------

    /** C4-22: a plain for loop over orDone(done, c) sees every value of c, then the end. */
    @Test
    void c4_22_orDoneForwardsUntilTheInputCloses() throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            RecvChan<Integer> c = Pipelines.generator(done, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
            int count = 0;
            for (int v : Channels.orDone(done, c)) {
                assertEquals(++count, v);
            }
            assertEquals(10, count);
        }
    }

    /** Closing done ends orDone's range loop although the input never closes. */
    @Test
    void orDoneEndsWhenDoneCloses() throws InterruptedException {
        Chan<Object> done = Chan.make();
        try (Chan<Object> sourceDone = Chan.make()) { // the source outlives done: only orDone's done stops it
            RecvChan<Integer> wrapped = Channels.orDone(done, Pipelines.repeat(sourceDone, 7));
            assertEquals(7, wrapped.recv());
            done.close();
            // A value orDone held when done closed may still come out (select is not ordered); then the end.
            List<Integer> rest = drain(wrapped);
            assertTrue(rest.size() <= 1 && rest.stream().allMatch(v -> v == 7), rest.toString());
        }
    }

    // ---- tee ----------------------------------------------------------------------------------

    /** C4-23: tee of take(4) of repeat(1, 2) gives "out1: 1, out2: 1", "out1: 2, out2: 2" twice. */
    @Test
    void c4_23_teeDuplicatesEachValue() throws InterruptedException {
        List<String> lines = new ArrayList<>();
        try (Chan<Object> done = Chan.make()) {
            Channels.Tee<Integer> t = Channels.tee(done, Pipelines.take(done, Pipelines.repeat(done, 1, 2), 4));
            for (Integer v1 : t.out1()) {
                lines.add("out1: " + v1 + ", out2: " + t.out2().recv());
            }
        }
        assertEquals(List.of("out1: 1, out2: 1", "out1: 2, out2: 2", "out1: 1, out2: 1", "out1: 2, out2: 2"), lines);
    }

    /**
     * Each value reaches both outputs before the next is read: after out1 took the first value, tee
     * cannot take a second one from its input until out2 has taken the first.
     */
    @Test
    void teeReadsTheNextValueOnlyWhenBothHaveTheCurrentOne() throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            Chan<Integer> in = Chan.make();
            Channels.Tee<Integer> t = Channels.tee(done, in);
            in.send(1);
            assertEquals(1, t.out1().recv());
            assertFalse(in.trySend(2), "tee still owes value 1 to out2, it is not reading");
            assertEquals(1, t.out2().recv());
            in.send(2);
            assertEquals(2, t.out2().recv()); // whichever reader comes first is served first
            assertEquals(2, t.out1().recv());
            in.close();
            assertNull(t.out1().recv());
            assertNull(t.out2().recv());
        }
    }

    // ---- bridge -------------------------------------------------------------------------------

    /** C4-24: bridge, with a nil done, of ten one-element buffered channels gives 0 1 2 ... 9. */
    @Test
    void c4_24_bridgeFlattensInOrder() throws InterruptedException {
        Chan<RecvChan<Integer>> chanStream = Chan.make();
        Go.go(() -> {
            try (chanStream) {
                for (int i = 0; i < 10; i++) {
                    Chan<Integer> stream = Chan.make(1);
                    stream.send(i);
                    stream.close();
                    chanStream.send(stream);
                }
            }
        });
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), drain(Channels.bridge(Chan.nil(), chanStream)));
    }

    /** Closing done ends bridge while it waits on an inner channel that never closes; the output closes. */
    @Test
    void bridgeEndsWhenDoneClosesInsideAChannel() throws InterruptedException {
        Chan<Object> done = Chan.make();
        Chan<Integer> open = Chan.make(1);
        open.send(1);
        RecvChan<Integer> out = Channels.bridge(done, Pipelines.generator(done, List.<RecvChan<Integer>>of(open)));
        assertEquals(1, out.recv());
        done.close();
        assertNull(out.recv());
    }

    // ---- fan-in / fan-out ---------------------------------------------------------------------

    /** fanIn delivers the multiset of its inputs (count and sum) and closes after the last one closes. */
    @Test
    void fanInDeliversEveryValueOnce() throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            List<RecvChan<Integer>> inputs = new ArrayList<>();
            for (int k = 0; k < 5; k++) {
                inputs.add(Pipelines.generator(done, IntStream.range(k * 100, k * 100 + 100).boxed().toList()));
            }
            List<Integer> got = drain(Channels.fanIn(done, inputs));
            assertEquals(500, got.size());
            assertEquals(499L * 500 / 2, got.stream().mapToLong(Integer::longValue).sum());
            assertEquals(IntStream.range(0, 500).boxed().toList(), got.stream().sorted().toList());
        }
        assertTrue(Channels.fanIn(Chan.nil()).isDrained(), "no inputs: closed at once");
    }

    /** C4-20/C4-21: the prime finder fanned out over 4 copies finds exactly the primes the single stage finds. */
    @Test
    void c4_21_fanOutFindsTheSamePrimes() throws InterruptedException {
        Random random = new Random(42);
        List<Integer> numbers = IntStream.range(0, TestSupport.scaled(3000, 30_000))
                .mapToObj(i -> random.nextInt(50_000_000)).toList();
        try (Chan<Object> done = Chan.make()) {
            List<Integer> single = drain(Pipelines.filter(done, Pipelines.generator(done, numbers), ChannelsTest::isPrime));
            List<Integer> fanned = drain(Channels.fanOut(done, Pipelines.generator(done, numbers), 4,
                    Stage.filter(ChannelsTest::isPrime)));
            assertEquals(numbers.stream().filter(ChannelsTest::isPrime).toList(), single);
            assertEquals(single.stream().sorted().toList(), fanned.stream().sorted().toList());
            assertFalse(single.isEmpty());
        }
        assertThrows(IllegalArgumentException.class, () -> Channels.fanOut(Chan.nil(), Chan.nil(), 0, Stage.map(v -> v)));
    }

    /**
     * C4-21's shape: take(10) of NumCPU prime finders over an infinite random stream; closing done then
     * ends the generator, every finder and the fan-in.
     */
    @Test
    void c4_21_primeFinderOverAnInfiniteStreamEndsWithDone() throws InterruptedException {
        Random random = new Random(7);
        int finders = Runtime.getRuntime().availableProcessors();
        try (Chan<Object> done = Chan.make()) {
            RecvChan<Integer> randInts = Pipelines.repeatFn(done, () -> random.nextInt(50_000_000));
            List<Integer> primes = drain(Pipelines.take(done,
                    Channels.fanOut(done, randInts, finders, Stage.filter(ChannelsTest::isPrime)), 10));
            assertEquals(10, primes.size());
            assertTrue(primes.stream().allMatch(ChannelsTest::isPrime), primes.toString());
        }
    }

    static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
