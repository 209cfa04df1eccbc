package dev.go4j.pattern;

import static dev.go4j.pattern.PatternTesting.awaitNoGoroutineLeft;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.TestSupport;
import dev.go4j.runtime.Goroutines;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Randomized stress of fan-in, tee and bridge: random shapes (number of inputs, sizes, buffer
 * capacities, goroutines filling channels while they are read), every value delivered exactly once
 * (checked by count, sum and a bit per value) and in order where the pattern keeps order; in a third of
 * the rounds the reader stops at a random point and closes done, and then what it got must still be
 * duplicate-free (and an in-order prefix where order is kept) and no goroutine may be left behind.
 * Port of the shape of Go's runtime/chan_test.go stress tests (TestMultiConsumer's exactly-once sum)
 * onto the book's combinators. CI-sized; {@code -Dgo4j.stress=long} runs many more and larger rounds.
 * Each test prints its seed on failure.
 */
@Timeout(120)
@ExtendWith(PatternTesting.NoGoroutineLeft.class)
class PatternStressTest {
    private static final int ROUNDS = TestSupport.scaled(100, 600);
    private static final int MAX_VALUES = TestSupport.scaled(2000, 20_000);

    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);

    @Test
    void fanInDeliversEachValueExactlyOnce() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            int baseline = Goroutines.numGoroutine();
            int n = random.nextInt(MAX_VALUES) + 1;
            Chan<Object> done = Chan.make();
            List<RecvChan<Integer>> inputs = new ArrayList<>();
            int k = random.nextInt(8) + 1;
            for (int i = 0; i < k; i++) {
                int from = i * n / k;
                int to = (i + 1) * n / k;
                inputs.add(feed(done, IntStream.range(from, to).boxed().toList(), random.nextInt(4)));
            }
            int stopAt = stopPoint(n);
            RecvChan<Integer> out = Channels.fanIn(done, inputs);
            BitSet seen = new BitSet(n);
            long count = 0;
            long sum = 0;
            for (Integer v; count < stopAt && (v = out.recv()) != null; count++) {
                assertFalse(seen.get(v), "duplicate " + v + seedInfo());
                seen.set(v);
                sum += v;
            }
            if (stopAt == n) {
                assertEquals(n, count, "count" + seedInfo());
                assertEquals((long) n * (n - 1) / 2, sum, "sum" + seedInfo());
                assertEquals(null, out.recv(), "closed after the last input" + seedInfo());
            }
            done.close();
            awaitNoGoroutineLeft(baseline);
        }
    }

    @Test
    void teeDeliversEveryValueToBothInOrder() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            int baseline = Goroutines.numGoroutine();
            int n = random.nextInt(MAX_VALUES) + 1;
            Chan<Object> done = Chan.make();
            List<Integer> values = IntStream.range(0, n).boxed().toList();
            Channels.Tee<Integer> t = Channels.tee(done, feed(done, values, random.nextInt(4)));
            int stopAt = stopPoint(n);
            CompletableFuture<List<Integer>> second = new CompletableFuture<>();
            Go.go(() -> second.complete(PatternTesting.drain(t.out2())));
            List<Integer> first = stopAt == n ? PatternTesting.drain(t.out1()) : new ArrayList<>();
            for (Integer v; first.size() < stopAt && (v = t.out1().recv()) != null; ) {
                first.add(v);
            }
            done.close();
            List<Integer> got2 = second.get(TestSupport.BOUND.toSeconds(), TimeUnit.SECONDS);
            assertCountsUp(first, "out1");
            assertCountsUp(got2, "out2");
            if (stopAt == n) {
                assertEquals(n, first.size(), "out1 got every value" + seedInfo());
                assertEquals(n, got2.size(), "out2 got every value" + seedInfo());
            } else {
                assertTrue(Math.abs(first.size() - got2.size()) <= 1, "lock-step" + seedInfo());
            }
            awaitNoGoroutineLeft(baseline);
        }
    }

    @Test
    void bridgeKeepsOrderAcrossChannels() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            int baseline = Goroutines.numGoroutine();
            int n = random.nextInt(MAX_VALUES) + 1;
            Chan<Object> done = Chan.make();
            List<RecvChan<Integer>> streams = new ArrayList<>();
            for (int from = 0; from < n; ) {
                int to = Math.min(n, from + random.nextInt(50) + 1);
                streams.add(feed(done, IntStream.range(from, to).boxed().toList(), random.nextInt(4)));
                from = to;
            }
            int stopAt = stopPoint(n);
            RecvChan<Integer> out = Channels.bridge(done, Pipelines.generator(done, streams));
            List<Integer> got = new ArrayList<>();
            for (Integer v; got.size() < stopAt && (v = out.recv()) != null; ) {
                got.add(v);
            }
            assertCountsUp(got, "bridge");
            if (stopAt == n) {
                assertEquals(n, got.size(), seedInfo());
                assertEquals(null, out.recv(), "closed after the last stream" + seedInfo());
            }
            done.close();
            awaitNoGoroutineLeft(baseline);
        }
    }

    /** Checks that {@code got} is 0, 1, 2, ...: in order, each value once, none skipped. */
    private void assertCountsUp(List<Integer> got, String what) {
        for (int i = 0; i < got.size(); i++) {
            if (got.get(i) != i) {
                fail(what + ": value " + i + " is " + got.get(i) + seedInfo());
            }
        }
    }

    /** n (read to the end) in two rounds of three, else a random prefix length. */
    private int stopPoint(int n) {
        return random.nextInt(3) == 0 ? random.nextInt(n) : n;
    }

    /**
     * A channel with {@code values}, filled by a goroutine of its own while it is read, through a
     * buffer of {@code capacity}; the goroutine selects on done, so it never outlives it.
     */
    private static RecvChan<Integer> feed(RecvChan<?> done, List<Integer> values, int capacity) {
        RecvChan<Integer> gen = Pipelines.generator(done, values);
        return capacity == 0 ? gen : Pipelines.buffer(done, gen, capacity);
    }

    private String seedInfo() {
        return " (seed " + seed + ")";
    }
}
