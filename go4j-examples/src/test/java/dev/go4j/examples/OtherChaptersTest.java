package dev.go4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.examples.Runs.Outcome;
import dev.go4j.examples.Runs.Stamped;
import dev.go4j.examples.Runs.Timeline;
import dev.go4j.examples.appa.GoroutineCount;
import dev.go4j.examples.appa.GoroutineError;
import dev.go4j.examples.ch1.RaceCondition;
import dev.go4j.examples.ch6.WorkStealing;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The observable property of the ported examples of chapters 1 and 6 and appendix A, per
 * book-examples.md.
 */
@Timeout(60)
class OtherChaptersTest {

    @Test
    void c1_01_raceIsOneOfThreeOutcomes() throws Exception {
        for (int i = 0; i < 20; i++) {
            List<String> lines = Runs.real(new RaceCondition()).lines();
            assertTrue(lines.isEmpty() || Set.of("the value is 0.", "the value is 1.").contains(lines.get(0)), lines.toString());
        }
    }

    @Test
    void c6_01_forkJoinFib() throws Exception {
        Outcome o = Runs.real(new WorkStealing());
        assertEquals(List.of("fib(4) = 3"), o.lines());
        assertEquals(0, o.leftovers());
    }

    @Test
    void a_01_goroutinePanicTraceNamesItsCreator() throws Exception {
        Outcome o = Runs.real(new GoroutineError());
        assertEquals("panic: test panic", o.lines().get(0), o.text());
        assertTrue(o.lines().get(2).matches("goroutine \\d+ \\[running\\]:"), o.text());
        assertTrue(o.lines().stream().anyMatch(l -> l.startsWith("created by dev.go4j.examples.appa.GoroutineError.run")), o.text());
        assertEquals("exit status 2", o.lines().get(o.lines().size() - 1));
    }

    /**
     * A-03 in a bubble: a count each second, exactly; a goroutine leaks every 500 ms, and the one due
     * at the same instant as a count may come before or after it, so the count grows by 2 a second, give
     * or take that one.
     */
    @Test
    void a_03_goroutineCountGrowsByTwoPerSecond() throws Exception {
        Timeline t = Runs.inBubble(new GoroutineCount());
        List<Stamped> lines = t.lines();
        assertEquals(5, lines.size(), lines.toString());
        for (int i = 0; i < 5; i++) {
            assertEquals(Duration.ofSeconds(i + 1), lines.get(i).at(), lines.toString());
        }
        List<Integer> counts = t.text().stream().map(l -> Integer.parseInt(l.replaceAll(".*goroutine count: ", ""))).toList();
        for (int i = 1; i < counts.size(); i++) {
            int step = counts.get(i) - counts.get(i - 1);
            assertTrue(step >= 1 && step <= 3, lines.toString());
        }
        int growth = counts.get(4) - counts.get(0);
        assertTrue(growth >= 7 && growth <= 9, "2 per second: " + lines);
    }
}
