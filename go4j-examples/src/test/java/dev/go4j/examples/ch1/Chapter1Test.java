package dev.go4j.examples.ch1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.examples.Runs;
import dev.go4j.examples.Runs.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The observable property of the chapter-1 examples that use dev.go4j.sync, per book-examples.md:
 * the mutex-guarded read, the lock-order deadlock reported by the detector, the livelocked hallway on
 * the manual clock, and the greedy worker starving the polite one.
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

    @Test
    void c1_04_bothGiveUpInLockStep() throws Exception {
        Outcome o = Runs.virtual(new Livelock(), Duration.ofMillis(1));
        String scoot = " is trying to scoot: left right left right left right left right left right";
        String toss = " tosses her hands up in exasperation!";
        assertEquals(4, o.lines().size(), o.text());
        for (int i = 0; i < 4; i += 2) {
            String name = o.lines().get(i).startsWith("Alice") ? "Alice" : "Barbara";
            assertEquals(List.of(name + scoot, name + toss), o.lines().subList(i, i + 2), o.text());
        }
        assertTrue(o.text().contains("Alice") && o.text().contains("Barbara"), o.text());
        assertEquals(0, o.leftovers());
    }

    @Test
    void c1_05_greedyCompletesMoreLoops() throws Exception {
        Outcome o = Runs.real(new Starvation(Duration.ofMillis(200), Duration.ofNanos(100_000)));
        long greedy = count(o, "Greedy worker was able to execute (\\d+) work loops");
        long polite = count(o, "Polite worker was able to execute (\\d+) work loops\\.");
        assertTrue(greedy > polite, o.text());
        assertTrue(o.text().contains("mutex profile:") && o.text().contains("Mutex.unlock")
                && o.text().contains("Starvation.greedy("), "the profile names the greedy worker's unlock:\n" + o.text());
        assertEquals(0, o.leftovers());
    }

    @Test
    void c1_06_oppositeOrderBacksOffUntilEachEnds() throws Exception {
        for (int run = 0; run < 3; run++) {
            Outcome o = Runs.virtual(new BackOffLivelock(BackOffLivelock.Variant.OPPOSITE_ORDER), Duration.ofMillis(100));
            long ends = o.lines().stream().filter(l -> l.equals("canceling goroutine...") || l.equals("sum: 0")).count();
            assertEquals(2, ends, "each goroutine ends by canceling or summing:\n" + o.text());
            assertTrue(o.lines().stream().anyMatch(l -> l.matches("(first|second): [ab] locked, retrying")), o.text());
            assertTrue(o.lines().stream().allMatch(l -> l.matches(
                    "(first|second): (acquiring lock on [ab]|releasing lock on [ab]|[ab] locked, retrying)|canceling goroutine\\.\\.\\.|sum: 0")),
                    o.text());
            assertTrue(o.lines().stream().filter(l -> l.startsWith("first: acquiring lock on a")).count() <= 5, o.text());
            assertEquals(0, o.leftovers());
        }
    }

    @Test
    void c1_07_sameOrderBothSum() throws Exception {
        Outcome o = Runs.virtual(new BackOffLivelock(BackOffLivelock.Variant.SAME_ORDER), Duration.ofMillis(100));
        assertEquals(List.of("sum: 0", "sum: 0"), o.lines().stream().filter(l -> l.startsWith("sum") || l.startsWith("cancel")).toList(),
                o.text());
        assertTrue(o.lines().stream().noneMatch(l -> l.contains("retrying")), o.text());
        assertEquals(0, o.leftovers());
    }

    private static long count(Outcome o, String regex) {
        return o.lines().stream().filter(l -> l.matches(regex)).mapToLong(l -> Long.parseLong(l.replaceAll(regex, "$1")))
                .findFirst().orElseThrow(() -> new AssertionError(o.text()));
    }
}
