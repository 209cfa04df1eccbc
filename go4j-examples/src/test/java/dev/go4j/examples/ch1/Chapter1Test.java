package dev.go4j.examples.ch1;

import static dev.go4j.examples.Runs.Stamped.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.examples.Runs;
import dev.go4j.examples.Runs.Outcome;
import dev.go4j.examples.Runs.Timeline;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The observable property of the chapter-1 examples that use dev.go4j.sync, per book-examples.md:
 * the mutex-guarded read, the lock-order deadlock reported by the detector, the livelocked hallway in
 * a bubble, and the greedy worker starving the polite one.
 */
@Timeout(60)
class Chapter1Test {

    @Test
    void c1_02_exactlyOneLine() throws Exception {
        for (int i = 0; i < 20; i++) {
            Outcome o = Runs.real(new MemoryAccessSync());
            assertEquals(1, o.lines().size(), o.text());
            assertTrue(Set.of("the value is 0.", "the value is 1.").contains(o.lines().get(0)), o.text());
        }
    }

    @Test
    void c1_03_lockOrderInversionIsReported() throws Exception {
        Outcome o = Runs.onTestThread(new MutexDeadlock(Duration.ofMillis(20)));
        // The lock-cycle detector prints the cycle as it forms, then Go.main the deadlock: each once.
        assertEquals(List.of("go4j: lock cycle (deadlock) detected:", "fatal error: all goroutines are asleep - deadlock!"),
                o.lines().stream().filter(l -> l.startsWith("go4j: ") || l.startsWith("fatal error: ")).toList(), o.text());
        int report = o.lines().indexOf("fatal error: all goroutines are asleep - deadlock!");
        assertEquals(2, o.lines().subList(report, o.lines().size()).stream()
                .filter(l -> l.matches("goroutine \\d+ \\[sync\\.Mutex\\.Lock.*")).count(), o.text());
        assertTrue(o.lines().stream().anyMatch(l -> l.matches("goroutine \\d+ \\[sync\\.WaitGroup\\.Wait.*")), o.text());
        assertTrue(o.lines().stream().noneMatch(l -> l.startsWith("sum")), o.text());
        assertEquals(3, o.leftovers(), "main and the two printers stay stuck");
    }

    /**
     * C1-04 in a bubble: the cadence's ticks come only when both walkers wait for them, so they step in
     * exact lock step, four 1 ms steps per try, and both give up after their fifth, at 20 ms.
     */
    @Test
    void c1_04_bothGiveUpInLockStep() throws Exception {
        Timeline t = Runs.inBubble(new Livelock());
        String scoot = " is trying to scoot: left right left right left right left right left right";
        String toss = " tosses her hands up in exasperation!";
        List<String> lines = t.text();
        assertEquals(4, lines.size(), lines.toString());
        for (int i = 0; i < 4; i += 2) {
            String name = lines.get(i).startsWith("Alice") ? "Alice" : "Barbara";
            assertEquals(List.of(name + scoot, name + toss), lines.subList(i, i + 2), lines.toString());
        }
        assertEquals(List.of(at(20, "Alice" + scoot), at(20, "Alice" + toss), at(20, "Barbara" + scoot), at(20, "Barbara" + toss)),
                t.sorted());
        assertEquals(Duration.ofMillis(20), t.elapsed());
    }

    @Test
    void c1_05_greedyCompletesMoreLoops() throws Exception {
        Outcome o = Runs.real(new Starvation(Duration.ofMillis(200), Duration.ofMillis(1)));
        long greedy = count(o, "Greedy worker was able to execute (\\d+) work loops");
        long polite = count(o, "Polite worker was able to execute (\\d+) work loops\\.");
        assertTrue(greedy > polite, o.text());
        assertTrue(o.text().contains("mutex profile:") && o.text().contains("Mutex.unlock")
                && o.text().contains("Starvation.greedy("), "the profile names the greedy worker's unlock:\n" + o.text());
        assertEquals(0, o.leftovers());
    }

    /**
     * C1-06 in a bubble: both take their first lock at once, and whichever looks first after the 2 s
     * sleep finds the other's taken; each ends by canceling or summing, and every step falls on a whole 2 s.
     */
    @Test
    void c1_06_oppositeOrderBacksOffUntilEachEnds() throws Exception {
        for (int run = 0; run < 100; run++) {
            Timeline t = Runs.inBubble(new BackOffLivelock(BackOffLivelock.Variant.OPPOSITE_ORDER));
            List<String> lines = t.text();
            long ends = lines.stream().filter(l -> l.equals("canceling goroutine...") || l.equals("sum: 0")).count();
            assertEquals(2, ends, "each goroutine ends by canceling or summing: " + t.lines());
            assertEquals(List.of(at(0, "first: acquiring lock on a"), at(0, "second: acquiring lock on b")), t.sorted().subList(0, 2));
            assertTrue(t.lines().stream().anyMatch(l -> l.at().equals(Duration.ofSeconds(2))
                    && l.line().matches("(first|second): [ab] locked, retrying")), "whoever looks first at 2 s backs off: " + t.lines());
            assertTrue(lines.stream().allMatch(l -> l.matches(
                    "(first|second): (acquiring lock on [ab]|releasing lock on [ab]|[ab] locked, retrying)|canceling goroutine\\.\\.\\.|sum: 0")),
                    t.lines().toString());
            assertTrue(t.lines().stream().allMatch(l -> l.at().toNanos() % 2_000_000_000L == 0), t.lines().toString());
            assertTrue(lines.stream().filter(l -> l.startsWith("first: acquiring lock on a")).count() <= 5, t.lines().toString());
        }
    }

    /** C1-07 in a bubble: the second waits for the first's locks, so the sums come at 2 s and 4 s. */
    @Test
    void c1_07_sameOrderBothSum() throws Exception {
        Timeline t = Runs.inBubble(new BackOffLivelock(BackOffLivelock.Variant.SAME_ORDER));
        assertEquals(List.of(at(2000, "sum: 0"), at(4000, "sum: 0")),
                t.lines().stream().filter(l -> l.line().startsWith("sum") || l.line().startsWith("cancel")).toList(), t.lines().toString());
        assertTrue(t.text().stream().noneMatch(l -> l.contains("retrying")), t.lines().toString());
        assertEquals(Duration.ofSeconds(4), t.elapsed());
    }

    private static long count(Outcome o, String regex) {
        return o.lines().stream().filter(l -> l.matches(regex)).mapToLong(l -> Long.parseLong(l.replaceAll(regex, "$1")))
                .findFirst().orElseThrow(() -> new AssertionError(o.text()));
    }
}
