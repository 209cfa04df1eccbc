package dev.go4j.examples.ch5;

import static dev.go4j.examples.Runs.Stamped.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.examples.Runs;
import dev.go4j.examples.Runs.Outcome;
import dev.go4j.examples.Runs.Stamped;
import dev.go4j.examples.Runs.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The observable property of each chapter-5 example, per book-examples.md. Every timed example runs in
 * virtual time, in a bubble ({@link Runs#inBubble}), so the book's 10 s to 60 s runs take milliseconds:
 * each line is stamped with its exact virtual time, and each run is repeated 1,000 times to show that
 * none differs.
 */
@Timeout(60)
class Chapter5Test {
    /** How many times each bubble test runs its example: none of the runs may differ. */
    private static final int RUNS = 1000 / Runs.SLOWDOWN;

    @Test
    void c5_01_rawErrorIsAnUnexpectedIssue() throws Exception {
        Outcome o = Runs.real(new ErrorPropagation(false));
        assertTrue(o.lines().get(0).matches("\\d\\d:\\d\\d:\\d\\d \\[logID: 1\\]: .*"), o.text());
        assertTrue(o.text().contains("stat /bad/job/binary"), o.text());
        assertEquals("[1] There was an unexpected issue; please report this as a bug.", o.lines().get(o.lines().size() - 1));
    }

    @Test
    void c5_02_wrappedErrorGivesTheUserItsMessage() throws Exception {
        Outcome o = Runs.real(new ErrorPropagation(true));
        assertTrue(o.lines().get(0).contains("[logID: 1]: "), o.text());
        assertEquals("[1] cannot run job \"1\": requisite binaries not available", o.lines().get(o.lines().size() - 1));
    }

    /** True if {@code d} is a whole number of seconds. */
    private static boolean wholeSeconds(Duration d) {
        return d.toNanosPart() == 0;
    }

    /** C5-03 in a bubble, 1,000 times: pulses on the seconds, each result at the second it reports. */
    @Test
    void c5_03_intervalHeartbeatPulsesAndResultsForTenSeconds() throws Exception {
        for (int run = 0; run < RUNS; run++) {
            Timeline t = Runs.inBubble(new IntervalHeartbeat(false));
            for (Stamped l : t.lines()) {
                assertTrue(wholeSeconds(l.at()) && l.at().toSeconds() >= 1 && l.at().toSeconds() <= 10, l.toString());
                if (!l.line().equals("pulse")) {
                    assertEquals("results " + l.at().toSeconds(), l.line(), "a result at the second of its tick");
                    assertEquals(0, l.at().toSeconds() % 2, "the work ticks every 2 s: " + l);
                }
            }
            List<String> lines = t.text();
            long pulses = lines.stream().filter("pulse"::equals).count();
            long results = lines.size() - pulses;
            // At every even second the pulse and the work ticker are due at the same instant; when select
            // takes the work first, the pulse tick of that instant can be dropped (a slow ticker receiver
            // misses ticks). Odd seconds have only the pulse, so there are at least five pulses, and a pulse
            // between any two results.
            assertTrue(pulses >= 5 && pulses <= 10, lines.toString());
            String order = String.join(",", lines).replaceAll("results \\d+", "R");
            assertTrue(!order.contains("R,R"), "a pulse between two results: " + lines);
            assertTrue(results >= 4 && results <= 5, lines.toString());
            assertEquals(Duration.ofSeconds(10), t.elapsed());
        }
    }

    /** C5-04 in a bubble, 1,000 times: the silent worker is called unhealthy exactly 2 s after the last word. */
    @Test
    void c5_04_silentWorkerIsFoundUnhealthy() throws Exception {
        for (int run = 0; run < RUNS; run++) {
            Timeline t = Runs.inBubble(new IntervalHeartbeat(true));
            // The book's Go run printed two pulses; at 2 s the pulse and the work ticker are both due, and
            // they fire at the same instant, so the second iteration may be a result (with the pulse it
            // sends while it waits to deliver it).
            List<Stamped> lines = t.lines();
            assertTrue(lines.size() == 3 || lines.size() == 4, lines.toString());
            assertEquals(new Stamped(SECOND, "pulse"), lines.get(0));
            lines.subList(1, lines.size() - 1).forEach(l -> assertTrue(
                    l.line().equals("pulse") || l.line().equals("results 2"), lines.toString()));
            Duration lastWord = lines.get(lines.size() - 2).at();
            assertEquals(Duration.ofSeconds(2), lastWord, lines.toString());
            assertEquals(new Stamped(lastWord.plusSeconds(2), "worker goroutine is not healthy!"), lines.get(lines.size() - 1));
            assertEquals(lastWord.plusSeconds(2), t.elapsed());
        }
    }

    @Test
    void c5_05_tenResultsAtMostTenPulses() throws Exception {
        Outcome o = Runs.real(new WorkUnitPulse());
        assertEquals(10, o.lines().stream().filter(l -> l.startsWith("results ")).count(), o.text());
        assertTrue(o.lines().stream().filter("pulse"::equals).count() <= 10);
        assertEquals(0, o.leftovers());
    }

    /**
     * C5-07 to C5-09 in a bubble, each 1,000 times: the book's verdicts at exact virtual times (the bad
     * test's 1 s timeout, the first heartbeat after the 2 s start-up, the first interval pulse at 3 s).
     */
    @Test
    void c5_07_to_09_heartbeatsMakeTestsDeterministic() throws Exception {
        for (int run = 0; run < RUNS; run++) {
            assertEquals(List.of(at(1000, "--- FAIL: TestDoWork_GeneratesAllNumbers (1.00s)"), at(1000, "    test timed out")),
                    Runs.inBubble(new HeartbeatTesting(HeartbeatTesting.Variant.BAD)).lines(), "run " + run);
            assertEquals(List.of(at(2000, "--- PASS: TestDoWork_GeneratesAllNumbers (2.00s)")),
                    Runs.inBubble(new HeartbeatTesting(HeartbeatTesting.Variant.FIRST_HEARTBEAT)).lines(), "run " + run);
            assertEquals(List.of(at(3000, "--- PASS: TestDoWork_GeneratesAllNumbers (3.00s)")),
                    Runs.inBubble(new HeartbeatTesting(HeartbeatTesting.Variant.INTERVAL)).lines(), "run " + run);
        }
    }

    /**
     * C5-10 in a bubble, 1,000 load draws: every replica reports its own load, the answer comes from a
     * replica of the least load, exactly when that load has passed, and the others are cancelled then.
     */
    @Test
    void c5_10_fastestReplicaWinsAndTheOthersAreCancelledAtOnce() throws Exception {
        for (int seed = 0; seed < RUNS; seed++) {
            Duration[] loads = ReplicatedRequests.loads(seed);
            Duration min = Arrays.stream(loads).min(Comparator.naturalOrder()).orElseThrow();
            Timeline t = Runs.inBubble(new ReplicatedRequests(seed));
            assertEquals(loads.length + 1, t.lines().size(), "seed " + seed + ": " + t.lines());
            assertEquals(min, t.elapsed(), "seed " + seed);
            List<Stamped> expected = new ArrayList<>();
            for (int id = 0; id < loads.length; id++) {
                expected.add(new Stamped(min, String.format("%d took %d.0s", id, loads[id].toSeconds())));
            }
            assertEquals(expected, t.sorted().subList(0, loads.length).stream()
                    .sorted(Comparator.comparing(l -> Integer.parseInt(l.line().split(" ")[0]))).toList(), "seed " + seed);
            Stamped last = t.lines().get(loads.length);
            assertEquals(min, last.at(), "seed " + seed);
            Matcher winner = Pattern.compile("Received first answer from #(\\d+)\\.").matcher(last.line());
            assertTrue(winner.matches(), last.line());
            assertEquals(min, loads[Integer.parseInt(winner.group(1))], "seed " + seed + ": " + t.text());
        }
    }

    /** The virtual times of the requests of a rate-limiting run, by kind ("ReadFile", "ResolveAddress"). */
    private static Map<String, List<Duration>> requestTimes(Timeline t) {
        Map<String, List<Duration>> times = new TreeMap<>();
        for (Stamped l : t.sorted()) {
            String kind = l.line().substring(9);
            if (!kind.equals("Done.")) {
                times.computeIfAbsent(kind, k -> new ArrayList<>()).add(l.at());
            }
        }
        return times;
    }

    /** All the requests' times, sorted. */
    private static List<Duration> allTimes(Map<String, List<Duration>> times) {
        return times.values().stream().flatMap(List::stream).sorted().toList();
    }

    /** The times {@code first}, {@code first + step}, ... up to {@code last}. */
    private static List<Duration> series(Duration first, Duration step, Duration last) {
        List<Duration> out = new ArrayList<>();
        for (Duration d = first; d.compareTo(last) <= 0; d = d.plus(step)) {
            out.add(d);
        }
        return out;
    }

    private static final Duration SECOND = Duration.ofSeconds(1);

    /** C5-11 to C5-14 in a bubble, each 1,000 times: every request at its exact virtual time. */
    @Test
    void c5_11_noLimitAllAtOnce() throws Exception {
        for (int run = 0; run < RUNS; run++) {
            Timeline t = Runs.inBubble(new RateLimiting(RateLimiting.Variant.NONE));
            assertEquals(Collections.nCopies(20, Duration.ZERO), allTimes(requestTimes(t)), "run " + run);
            assertEquals(at(0, "00:00:00 Done."), t.lines().get(20));
        }
    }

    @Test
    void c5_12_oneRequestPerSecond() throws Exception {
        for (int run = 0; run < RUNS; run++) {
            Timeline t = Runs.inBubble(new RateLimiting(RateLimiting.Variant.SIMPLE));
            Map<String, List<Duration>> times = requestTimes(t);
            assertEquals(series(Duration.ZERO, SECOND, Duration.ofSeconds(19)), allTimes(times), "run " + run + ": 20 requests take 19 s");
            times.values().forEach(ts -> assertEquals(10, ts.size(), times.toString()));
            assertEquals(at(19_000, "00:00:19 Done."), t.lines().get(20));
        }
    }

    /**
     * The book's 11 requests in the first 6 s, then one every 6 s: the ten of the per-minute burst at
     * the 2/s pace (0, 0.5, ... 4.5 s), then one per per-minute token (6, 12, ... 60 s).
     */
    @Test
    void c5_13_multiLimiterElevenInSixSecondsThenOnePerSix() throws Exception {
        List<Duration> expected = new ArrayList<>(series(Duration.ZERO, Duration.ofMillis(500), Duration.ofMillis(4500)));
        expected.addAll(series(Duration.ofSeconds(6), Duration.ofSeconds(6), Duration.ofSeconds(60)));
        for (int run = 0; run < RUNS; run++) {
            Timeline t = Runs.inBubble(new RateLimiting(RateLimiting.Variant.MULTI));
            Map<String, List<Duration>> times = requestTimes(t);
            assertEquals(expected, allTimes(times), "run " + run);
            times.values().forEach(ts -> assertEquals(10, ts.size(), times.toString()));
            assertEquals(at(60_000, "00:01:00 Done."), t.lines().get(20));
        }
    }

    /**
     * Tiered limits: the API limiter hands out the same slots as in C5-13, in the order the twenty
     * goroutines reach it (a race between them, as in Go). A ResolveAddress goes at its API slot (the
     * 3/s network limit never holds it back); a ReadFile goes at its API slot or one second after the
     * previous ReadFile, whichever is later (the 1/s disk limit). Whatever the order, every request
     * runs exactly then.
     */
    @Test
    void c5_14_tieredLimitsApiSlotsThenDisk() throws Exception {
        List<Duration> apiSlots = new ArrayList<>(series(Duration.ZERO, Duration.ofMillis(500), Duration.ofMillis(4500)));
        apiSlots.addAll(series(Duration.ofSeconds(6), Duration.ofSeconds(6), Duration.ofSeconds(60)));
        for (int run = 0; run < RUNS; run++) {
            Timeline t = Runs.inBubble(new RateLimiting(RateLimiting.Variant.TIERED));
            Map<String, List<Duration>> times = requestTimes(t);
            List<Duration> readFileSlots = new ArrayList<>(apiSlots);
            times.get("ResolveAddress").forEach(at -> assertTrue(readFileSlots.remove(at), "an API slot: " + times));
            List<Duration> readFiles = new ArrayList<>();
            Duration disk = null;
            for (Duration slot : readFileSlots) {
                disk = disk == null || slot.compareTo(disk.plus(SECOND)) >= 0 ? slot : disk.plus(SECOND);
                readFiles.add(disk);
            }
            assertEquals(readFiles, times.get("ReadFile"), "run " + run + ": " + times);
            assertEquals(at(60_000, "00:01:00 Done."), t.lines().get(20));
        }
    }

    /**
     * C5-15 in a bubble, 1,000 times: exactly two restarts, at 4 s and 8 s, each with a new ward while
     * the old one halts; main halts everything at 9 s, and the last ward's halting is always seen.
     */
    @Test
    void c5_15_stewardRestartsTheWardTwice() throws Exception {
        List<Stamped> expected = List.of(
                at(0, "00:00:00 ward: Hello, I'm irresponsible!"),
                at(4000, "00:00:04 steward: ward unhealthy; restarting"),
                at(4000, "00:00:04 ward: Hello, I'm irresponsible!"),
                at(4000, "00:00:04 ward: I am halting."),
                at(8000, "00:00:08 steward: ward unhealthy; restarting"),
                at(8000, "00:00:08 ward: Hello, I'm irresponsible!"),
                at(8000, "00:00:08 ward: I am halting."),
                at(9000, "00:00:09 Done"),
                at(9000, "00:00:09 main: halting steward and ward."),
                at(9000, "00:00:09 ward: I am halting."));
        for (int run = 0; run < RUNS; run++) {
            Timeline t = Runs.inBubble(new HealingIrresponsibleWard());
            assertEquals(expected, t.sorted(), "run " + run);
            List<String> text = t.text();
            assertTrue(text.indexOf(expected.get(1).line()) < text.indexOf(expected.get(2).line()), "restart, then Hello: " + text);
            assertTrue(text.indexOf(expected.get(8).line()) < text.indexOf(expected.get(7).line()), "halt, then Done: " + text);
            assertEquals(Duration.ofSeconds(9), t.elapsed());
        }
    }

    /**
     * C5-16 in a bubble, 1,000 times: exactly 1, 2, 1, 2, 1, 2, each ward dying on -1 at once and
     * restarted by the steward's 1 ms timeout, at exactly 1 ms and 2 ms.
     */
    @Test
    void c5_16_bridgeKeepsOneStreamAcrossRestarts() throws Exception {
        List<Stamped> received = new ArrayList<>();
        List<Stamped> others = new ArrayList<>();
        for (int ms = 0; ms < 3; ms++) {
            Duration at = Duration.ofMillis(ms);
            received.add(new Stamped(at, "Received: 1"));
            received.add(new Stamped(at, "Received: 2"));
            if (ms > 0) {
                others.add(new Stamped(at, "00:00:00 steward: ward unhealthy; restarting"));
            }
            others.add(new Stamped(at, "00:00:00 negative value: -1"));
        }
        for (int run = 0; run < RUNS; run++) {
            Timeline t = Runs.inBubble(new HealingWardWithBridge());
            assertEquals(received, t.lines().stream().filter(l -> l.line().startsWith("Received")).toList(), "run " + run);
            assertEquals(others, t.lines().stream().filter(l -> !l.line().startsWith("Received")).toList(), "run " + run);
            assertEquals(Duration.ofMillis(2), t.elapsed());
        }
    }
}
