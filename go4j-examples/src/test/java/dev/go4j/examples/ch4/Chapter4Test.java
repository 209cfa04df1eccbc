package dev.go4j.examples.ch4;

import static dev.go4j.examples.Runs.Stamped.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.examples.Runs;
import dev.go4j.examples.Runs.Outcome;
import dev.go4j.examples.Runs.Timeline;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The observable property of each chapter-4 example, per book-examples.md: exact lines where the
 * book's output is deterministic, the same set of lines where only the order varies, the property
 * (leak, exact virtual times in a bubble, primality) otherwise.
 */
@Timeout(60)
class Chapter4Test {

    @Test
    void c4_01_adHocConfinementPrintsFourZeros() throws Exception {
        assertEquals(List.of("0", "0", "0", "0"), Runs.real(new Confinement()).lines());
    }

    @Test
    void c4_02_ownerSendsZeroToFiveThenDone() throws Exception {
        assertEquals(List.of("Received: 0", "Received: 1", "Received: 2", "Received: 3", "Received: 4",
                "Received: 5", "Done receiving!"), Runs.real(new ConfinementOwnership()).lines());
    }

    @Test
    void c4_03_disjointSlicesPrintGolAndAng() throws Exception {
        assertEquals(Set.of("gol", "ang"), new HashSet<>(Runs.real(new ConfinementStructs()).lines()));
    }

    @Test
    void c4_04_doWorkOnNilChannelLeaks() throws Exception {
        Outcome o = Runs.real(new GoroutineLeak());
        assertEquals(List.of("Done."), o.lines());
        assertEquals(1, o.leftovers(), "the doWork goroutine is leaked");
    }

    /** C4-05 in a bubble: the goroutine ends exactly when done closes, at 1 s. */
    @Test
    void c4_05_doneCancelsTheGoroutineAfterOneSecond() throws Exception {
        Timeline t = Runs.inBubble(new GoroutineLeakCancellation());
        assertEquals(List.of(at(1000, "Canceling doWork goroutine..."), at(1000, "doWork exited."), at(1000, "Done.")), t.lines());
        assertEquals(Duration.ofSeconds(1), t.elapsed());
    }

    @Test
    void c4_06_producerBlockedOnSendLeaks() throws Exception {
        Outcome o = Runs.real(new GoroutineLeakBlockedWrite());
        assertEquals(4, o.lines().size(), o.text());
        assertEquals("3 random ints:", o.lines().get(0));
        assertTrue(o.lines().get(3).startsWith("3: "));
        assertEquals(1, o.leftovers(), "the producer is leaked");
    }

    /** C4-07 in a bubble: the producer ends at once when done closes, before main's second of work. */
    @Test
    void c4_07_doneEndsTheProducer() throws Exception {
        Timeline t = Runs.inBubble(new GoroutineLeakBlockedWriteSolved());
        List<String> lines = t.text();
        assertEquals(5, lines.size(), lines.toString());
        assertEquals("3 random ints:", lines.get(0));
        assertEquals("newRandStream closure exited.", lines.get(4));
        assertTrue(t.lines().stream().allMatch(l -> l.at().isZero()), t.lines().toString());
        assertEquals(Duration.ofSeconds(1), t.elapsed());
    }

    /** C4-08 in a bubble: or closes at the 1 s signal, and the other signals' goroutines end then. */
    @Test
    void c4_08_orClosesWithTheShortestSignal() throws Exception {
        Timeline t = Runs.inBubble(new OrChannel());
        assertEquals(List.of(at(1000, "done after 1.0s")), t.lines());
        assertEquals(Duration.ofSeconds(1), t.elapsed());
    }

    @Test
    void c4_09_goroutinePrintsItsOwnError() throws Exception {
        assertEquals(List.of("Response: 200 OK",
                "Get \"https://badhost\": dial tcp: lookup badhost: no such host"),
                sortedByOrigin(Runs.real(new ErrorHandlingImproper()).lines()));
    }

    /** The goroutine's error line and main's response line may interleave either way. */
    private static List<String> sortedByOrigin(List<String> lines) {
        return lines.stream().sorted((a, b) -> Boolean.compare(a.startsWith("Get"), b.startsWith("Get"))).toList();
    }

    @Test
    void c4_10_consumerSeesTheErrors() throws Exception {
        assertEquals(List.of("Response: 200 OK",
                "error: Get \"https://badhost\": dial tcp: lookup badhost: no such host"),
                Runs.real(new ErrorHandlingProper()).lines());
    }

    @Test
    void c4_11_consumerStopsAfterThreeErrors() throws Exception {
        Outcome o = Runs.real(new ErrorHandlingStopAfterThree());
        assertEquals(List.of("error: Get \"a\": unsupported protocol scheme \"\"", "Response: 200 OK",
                "error: Get \"b\": unsupported protocol scheme \"\"",
                "error: Get \"c\": unsupported protocol scheme \"\"", "Too many errors, breaking!"), o.lines());
        assertEquals(0, o.leftovers(), "closing done stopped the producer");
    }

    @Test
    void c4_12_to_15_pipelines() throws Exception {
        assertEquals(List.of("6", "10", "14", "18"), Runs.real(new PipelinesFuncStream()).lines());
        assertEquals(List.of("3", "5", "7", "9"), Runs.real(new PipelinesBatch()).lines());
        assertEquals(List.of("6", "10", "14", "18"), Runs.real(new PipelinesAddStage()).lines());
        Outcome channels = Runs.real(new PipelinesChannels());
        assertEquals(List.of("6", "10", "14", "18"), channels.lines());
        assertEquals(0, channels.leftovers());
    }

    @Test
    void c4_16_takeTenOfRepeat() throws Exception {
        Outcome o = Runs.real(new GeneratorsRepeatTake());
        assertEquals(List.of("1 1 1 1 1 1 1 1 1 1 "), o.lines());
        assertEquals(0, o.leftovers());
    }

    @Test
    void c4_17_repeatFnGivesExactlyTenValues() throws Exception {
        Outcome o = Runs.real(new GeneratorsRepeatFn());
        assertEquals(10, o.lines().size());
        o.lines().forEach(Long::parseLong);
        assertEquals(0, o.leftovers());
    }

    @Test
    void c4_18_toStringStage() throws Exception {
        assertEquals(List.of("message: Iam.Iam.I..."), Runs.real(new GeneratorsToString()).lines());
    }

    @Test
    void c4_19_genericAndTypedStagesAreMeasured() throws Exception {
        Outcome o = Runs.real(new GeneratorsBenchmark(5_000));
        assertTrue(o.lines().get(0).matches("go4j: generic \\d+\\.\\d ns/op, typed \\d+\\.\\d ns/op \\(Go, .*\\)"), o.text());
        assertEquals(0, o.leftovers());
    }

    @Test
    void c4_26_bufferedAndUnbufferedWritesAreMeasured() throws Exception {
        Outcome o = Runs.real(new QueuingBuffering(5_000));
        assertTrue(o.lines().get(0).matches("go4j: unbuffered \\d+\\.\\d ns/op, buffered \\d+\\.\\d ns/op \\(Go, .*\\)"), o.text());
        assertEquals(0, o.leftovers());
    }

    @Test
    void c4_20_and_21_primeFindersFindTenPrimes() throws Exception {
        List<Integer> naive = FanOutNaivePrimeFinder.parse(Runs.real(new FanOutNaivePrimeFinder(200_000, 42)).lines());
        Outcome fanned = Runs.real(new FanOutPrimeFinder(200_000, 42));
        List<Integer> parallel = FanOutNaivePrimeFinder.parse(fanned.lines());
        assertEquals(10, naive.size());
        assertEquals(10, parallel.size());
        naive.forEach(p -> assertTrue(FanOutNaivePrimeFinder.isPrime(p), p + " is prime"));
        parallel.forEach(p -> assertTrue(FanOutNaivePrimeFinder.isPrime(p), p + " is prime"));
        assertTrue(fanned.lines().get(0).matches("Spinning up \\d+ prime finders\\."));
        assertEquals(0, fanned.leftovers());
    }

    @Test
    void c4_22_orDoneReadsTenValues() throws Exception {
        assertEquals(List.of("10"), Runs.real(new OrDoneChannel()).lines());
    }

    @Test
    void c4_23_teeDeliversEachValueToBothInOrder() throws Exception {
        Outcome o = Runs.real(new TeeChannel());
        assertEquals(List.of("out1: 1, out2: 1", "out1: 2, out2: 2", "out1: 1, out2: 1", "out1: 2, out2: 2"), o.lines());
        assertEquals(0, o.leftovers());
    }

    @Test
    void c4_24_bridgeFlattensInOrder() throws Exception {
        assertEquals(List.of("0 1 2 3 4 5 6 7 8 9 "), Runs.real(new BridgeChannel()).lines());
    }

    /**
     * C4-25 in a bubble: the short stage sends at 1, 2 and 3 s into the buffer and finishes; the long
     * stage takes 4 s for each, so the pipeline still ends at 13 s.
     */
    @Test
    void c4_25_bufferFreesTheShortStageButNotThePipeline() throws Exception {
        Timeline t = Runs.inBubble(new Queuing());
        assertEquals(List.of(at(3000, "short stage finished: 3.0s"), at(5000, "0"), at(9000, "0"),
                at(13000, "0"), at(13000, "elapsed: 13.0s"), at(13000, "long stage finished: 13.0s")), t.sorted());
        assertEquals(at(13000, "elapsed: 13.0s"), t.lines().get(t.lines().size() - 1));
        assertEquals(Duration.ofSeconds(13), t.elapsed());
    }

    /** C4-27 in a bubble: both lookups take exactly their minute. */
    @Test
    void c4_27_greeterAndFarewellAfterAMinute() throws Exception {
        Timeline t = Runs.inBubble(new ContextGreeterDone());
        assertEquals(List.of(at(60_000, "goodbye world!"), at(60_000, "hello world!")), t.sorted());
        assertEquals(Duration.ofMinutes(1), t.elapsed());
    }

    /** C4-28 in a bubble: the greeting's 1 s timeout cancels the farewell at that instant. */
    @Test
    void c4_28_timeoutInGreetingCancelsFarewell() throws Exception {
        Timeline t = Runs.inBubble(new ContextGreeter(false));
        assertEquals(List.of(at(1000, "cannot print greeting: context deadline exceeded"),
                at(1000, "cannot print farewell: context canceled")), t.lines());
        assertEquals(Duration.ofSeconds(1), t.elapsed());
    }

    /** C4-29 in a bubble: the greeting fails before any time passes, not at its 1 s timeout. */
    @Test
    void c4_29_failFastOnDeadline() throws Exception {
        Timeline t = Runs.inBubble(new ContextGreeter(true));
        assertEquals(List.of(at(0, "cannot print greeting: context deadline exceeded"),
                at(0, "cannot print farewell: context canceled")), t.lines());
        assertEquals(Duration.ZERO, t.elapsed());
    }

    @Test
    void c4_30_to_32_contextValues() throws Exception {
        assertEquals(List.of("handling response for jane (abc123)"), Runs.real(new ContextValues(false)).lines());
        String map = Runs.real(new ContextKeyTypes()).lines().get(0);
        assertTrue(map.equals("map[1:1 1:2]") || map.equals("map[1:2 1:1]"), map);
        assertEquals(List.of("handling response for jane (auth: abc123)"), Runs.real(new ContextValues(true)).lines());
    }
}
