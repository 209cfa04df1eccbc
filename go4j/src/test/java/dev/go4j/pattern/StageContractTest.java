package dev.go4j.pattern;

import static dev.go4j.pattern.PatternTesting.awaitNoGoroutineLeft;
import static dev.go4j.pattern.PatternTesting.drain;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.runtime.Goroutines;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every stage of the package shares, checked on each one: the book's rule from
 * "Preventing Goroutine Leaks" (fig-goroutine-leaks-cancellation.go, fig-leak-from-blocked-channel-write-solved.go:
 * "if a goroutine is responsible for creating a goroutine, it is also responsible for ensuring it can
 * stop the goroutine") and from "Best Practices for Constructing Pipelines" (a stage closes its output
 * when its input closes). For every stage:
 * <ul>
 *   <li>drained: when its input closes, its output delivers what it should (in order, where the stage
 *       keeps order) and closes, and its goroutines end, with done never closed;</li>
 *   <li>reader gone: fed by an infinite generator, read a little and then abandoned, it ends once done
 *       closes, although its goroutines are blocked sending to nobody;</li>
 *   <li>input silent: waiting on an input nobody sends to, it ends and closes its output once done closes.</li>
 * </ul>
 */
@Timeout(60)
@ExtendWith(PatternTesting.NoGoroutineLeft.class)
class StageContractTest {

    /** A stage under test, and what it makes of an input list (null ⇒ compare as multisets). */
    record Subject(String name, Stage<Integer, Integer> stage, UnaryOperator<List<Integer>> expected, boolean ordered) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Subject> stages() {
        return Stream.of(
                new Subject("map", Stage.map(v -> v * 2), in -> in.stream().map(v -> v * 2).toList(), true),
                new Subject("filter", Stage.filter(v -> v % 3 == 0), in -> in.stream().filter(v -> v % 3 == 0).toList(), true),
                new Subject("take", Stage.take(5), in -> in.subList(0, Math.min(5, in.size())), true),
                new Subject("buffer", Stage.buffer(4), in -> in, true),
                new Subject("map.then(filter).then(buffer)",
                        Stage.<Integer, Integer>map(v -> v + 1).then(Stage.filter(v -> v % 2 == 0)).then(Stage.buffer(2)),
                        in -> in.stream().map(v -> v + 1).filter(v -> v % 2 == 0).toList(), true),
                new Subject("orDone", Channels::orDone, in -> in, true),
                new Subject("tee, both outputs fanned in", (done, in) -> {
                    Channels.Tee<Integer> t = Channels.tee(done, in);
                    return Channels.fanIn(done, t.out1(), t.out2());
                }, in -> Stream.concat(in.stream(), in.stream()).toList(), false),
                new Subject("bridge of one channel", (done, in) -> Channels.bridge(done, Pipelines.generator(done, List.of(in))),
                        in -> in, true),
                new Subject("fanIn of one channel", (done, in) -> Channels.fanIn(done, in), in -> in, true),
                new Subject("fanOut(3, map)", (done, in) -> Channels.fanOut(done, in, 3, Stage.map(v -> v * 2)),
                        in -> in.stream().map(v -> v * 2).toList(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void outputClosesWhenInputIsDrained(Subject s) throws InterruptedException {
        int baseline = Goroutines.numGoroutine();
        List<Integer> input = IntStream.range(0, 20).boxed().toList();
        Chan<Object> feederDone = Chan.make(); // only for the feeder: take leaves it with values unsent
        RecvChan<Integer> out = s.stage().apply(Chan.nil(), Pipelines.generator(feederDone, input));
        List<Integer> got = drain(out);
        List<Integer> want = s.expected().apply(input);
        if (s.ordered()) {
            assertEquals(want, got);
        } else {
            assertEquals(sorted(want), sorted(got));
        }
        feederDone.close();
        awaitNoGoroutineLeft(baseline);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void doneEndsItWhenTheReaderIsGone(Subject s) throws InterruptedException {
        int baseline = Goroutines.numGoroutine();
        Chan<Object> done = Chan.make();
        RecvChan<Integer> out = s.stage().apply(done, Pipelines.repeat(done, 3, 6, 9, 12));
        for (int i = 0; i < 3; i++) {
            assertNotNull(out.recv());
        }
        done.close(); // the reader stops here; every goroutine is, or soon will be, blocked in a send
        awaitNoGoroutineLeft(baseline);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stages")
    void doneEndsItWhileItWaitsForInput(Subject s) throws InterruptedException {
        int baseline = Goroutines.numGoroutine();
        Chan<Object> done = Chan.make();
        RecvChan<Integer> out = s.stage().apply(done, Chan.make()); // nobody ever sends
        done.close();
        assertNull(out.recv(), "the output closes, empty");
        awaitNoGoroutineLeft(baseline);
    }

    private static List<Integer> sorted(List<Integer> values) {
        List<Integer> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}
