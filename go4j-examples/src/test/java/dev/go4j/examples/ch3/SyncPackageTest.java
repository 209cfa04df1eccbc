package dev.go4j.examples.ch3;

import static dev.go4j.examples.Runs.Stamped.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.examples.Runs;
import dev.go4j.examples.Runs.Outcome;
import dev.go4j.examples.Runs.Stamped;
import dev.go4j.examples.Runs.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The observable property of the chapter-3 examples of "The sync Package" (C3-07 to C3-17), per
 * book-examples.md: exact lines or the same set where the book's output is determined, the invariant
 * (count steps, queue bound, pool size) where it is not, and the Once deadlock reported by the detector.
 */
@Timeout(60)
class SyncPackageTest {

    @Test
    void c3_07_waitReturnsAfterBoth() throws Exception {
        Outcome o = Runs.real(new WaitGroups(WaitGroups.Variant.ADD_EACH));
        assertEquals(3, o.lines().size(), o.text());
        assertEquals(Set.of("1st goroutine sleeping...", "2nd goroutine sleeping..."), new HashSet<>(o.lines().subList(0, 2)));
        assertEquals("All goroutines complete.", o.lines().get(2));
        assertEquals(0, o.leftovers());
    }

    @Test
    void c3_08_bulkAddGreetsFive() throws Exception {
        Outcome o = Runs.real(new WaitGroups(WaitGroups.Variant.BULK_ADD));
        assertEquals(5, o.lines().size(), o.text());
        assertEquals(Set.of("Hello from 1!", "Hello from 2!", "Hello from 3!", "Hello from 4!", "Hello from 5!"),
                new HashSet<>(o.lines()));
    }

    @Test
    void c3_09_eachValueIsOneOffThePrevious() throws Exception {
        Outcome o = Runs.real(new MutexCounter());
        assertEquals(13, o.lines().size(), o.text());
        int previous = 0;
        for (String line : o.lines().subList(0, 12)) {
            int value = Integer.parseInt(line.replaceAll("(Incrementing|Decrementing): ", ""));
            assertEquals(previous + (line.startsWith("Incrementing") ? 1 : -1), value, o.text());
            previous = value;
        }
        assertEquals(0, previous, "final count");
        assertEquals(6, o.lines().stream().filter(l -> l.startsWith("Incrementing")).count());
        assertEquals("Arithmetic complete.", o.lines().get(12));
    }

    @Test
    void c3_10_tableIsMeasured() throws Exception {
        Outcome o = Runs.real(new RWMutexReaders(8));
        assertEquals(10, o.lines().size(), o.text());
        assertTrue(o.lines().get(0).matches("Readers\\s+RWMutext\\s+Mutex"), o.text());
        for (int i = 0; i < 8; i++) {
            assertTrue(o.lines().get(i + 1).matches((1 << i) + "\\s+[\\d.]+(ns|µs|ms|s)\\s+[\\d.]+(ns|µs|ms|s)"), o.text());
        }
        assertTrue(o.lines().get(9).matches("go4j: Mutex/RWMutex \\d+\\.\\d\\d at 128 readers \\(Go, .*\\)"), o.text());
        assertEquals(0, o.leftovers());
    }

    /**
     * C3-11 in a bubble: two adds at once, then each second two removals (each a second after its add)
     * let two more in; main returns after the tenth add, at 4 s, and the last two removals follow at 5 s.
     */
    @Test
    void c3_11_queueNeverHoldsMoreThanTwo() throws Exception {
        Timeline t = Runs.inBubble(new CondQueue());
        int held = 0;
        for (String line : t.text()) {
            held += line.equals("Adding to queue") ? 1 : -1;
            assertTrue(held >= 0 && held <= 2, t.lines().toString());
        }
        List<Stamped> expected = new ArrayList<>();
        for (int second = 0; second <= 5; second++) {
            for (String line : second == 0 ? List.of("Adding to queue") : second == 5 ? List.of("Removed from queue")
                    : List.of("Adding to queue", "Removed from queue")) {
                expected.add(at(second * 1000L, line));
                expected.add(at(second * 1000L, line));
            }
        }
        assertEquals(expected, t.sorted());
        assertEquals(Duration.ofSeconds(4), t.elapsed(), "main returns after the tenth add");
    }

    @Test
    void c3_12_broadcastRunsEachHandlerOnce() throws Exception {
        for (int i = 0; i < 20; i++) {
            Outcome o = Runs.real(new CondBroadcast());
            assertEquals(3, o.lines().size(), o.text());
            assertEquals(Set.of("Mouse clicked.", "Maximizing window.", "Displaying annoying dialogue box!"), new HashSet<>(o.lines()));
            assertEquals(0, o.leftovers());
        }
    }

    @Test
    void c3_13_14_onceRunsOnce() throws Exception {
        assertEquals(List.of("Count is 1"), Runs.real(new Onces(Onces.Variant.HUNDRED)).lines());
        assertEquals(List.of("Count: 1"), Runs.real(new Onces(Onces.Variant.DIFF_FUNCS)).lines());
    }

    @Test
    void c3_15_circularOnceIsReported() throws Exception {
        Outcome o = Runs.onTestThread(new Onces(Onces.Variant.CIRCULAR));
        assertEquals("fatal error: all goroutines are asleep - deadlock!", o.lines().get(0), o.text());
        assertEquals(1, o.count(o.lines().get(0)), "reported once:\n" + o.text());
        // As Go, the goroutine parks in the Once's mutex: [sync.Mutex.Lock].
        assertTrue(o.lines().stream().anyMatch(l -> l.matches("goroutine \\d+ \\[sync\\.Mutex\\.Lock.*")), o.text());
        assertEquals(1, o.leftovers(), "the stuck main goroutine");
    }

    @Test
    void c3_16_newOnlyWhenEmpty() throws Exception {
        assertEquals(List.of("Creating new instance.", "Creating new instance."), Runs.real(new Pools(Pools.Variant.BASIC)).lines());
    }

    @Test
    void c3_17_fewBuffersServeManyGoroutines() throws Exception {
        int workers = 1 << 16;
        Outcome o = Runs.real(new Pools(Pools.Variant.BUFFERS, workers));
        assertEquals(1, o.lines().size(), o.text());
        int created = Integer.parseInt(o.lines().get(0).replace(" calculators were created.", ""));
        // a slowdown makes each goroutine's get and put slower, not its start: more overlap, more buffers
        assertTrue(created >= 4 && created < workers / 100 * Runs.SLOWDOWN, o.text());
        assertEquals(0, o.leftovers());
    }

    @Test
    void c3_18_19_pooledServiceConnectsOnlyForTheWarmUp() throws Exception {
        String bench = "BenchmarkNetworkRequest-2\t20\t\\d+ ns/op \\(Go, .*\\)";
        Outcome slow = Runs.real(new NetworkService(NetworkService.Variant.SLOW, Duration.ofMillis(2), 20));
        assertTrue(slow.lines().get(0).matches(bench), slow.text());
        assertEquals("service connections made: 20", slow.lines().get(1), "one per request");
        assertEquals(0, slow.leftovers());
        Outcome pooled = Runs.real(new NetworkService(NetworkService.Variant.POOLED, Duration.ofMillis(2), 20));
        assertTrue(pooled.lines().get(0).matches(bench), pooled.text());
        assertEquals("service connections made: 10", pooled.lines().get(1), "only the warm ones");
        assertEquals(0, pooled.leftovers());
    }
}
