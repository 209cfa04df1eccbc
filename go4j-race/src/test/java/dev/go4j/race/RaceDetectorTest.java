package dev.go4j.race;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.examples.Catalog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import racecases.Cases;

/**
 * Runs each program of {@link Cases} in a JVM of its own under the agent jar (built by the package
 * phase; this test runs in integration-test): every {@code racy*} program is reported in Go's format
 * and exits with status 66, no {@code free*} program is reported.
 */
class RaceDetectorTest {
    private static final String AGENT = System.getProperty("go4j.race.agentJar");

    static Stream<String> racy() {
        return cases("racy");
    }

    static Stream<String> free() {
        return cases("free");
    }

    private static Stream<String> cases(String prefix) {
        return Arrays.stream(Cases.class.getDeclaredMethods()).map(Method::getName)
                .filter(n -> n.startsWith(prefix)).sorted();
    }

    @ParameterizedTest
    @MethodSource
    void racy(String name) throws Exception {
        Run r = run(name);
        assertTrue(r.err.contains("==================\nWARNING: DATA RACE\n"), r::toString);
        assertTrue(r.err.matches("(?s).*\nFound \\d+ data race\\(s\\)\n.*"), r::toString);
        assertEquals(66, r.status, r::toString);
        assertClean(r);
    }

    @ParameterizedTest
    @MethodSource
    void free(String name) throws Exception {
        Run r = run(name);
        assertFalse(r.err.contains("WARNING: DATA RACE"), r::toString);
        assertEquals(0, r.status, r::toString);
        assertClean(r);
    }

    /** The report of C1-01's race, section by section as Go prints it. */
    @Test
    void reportHasGoFormat() throws Exception {
        Run r = run("racyGoroutineAndMain");
        String addr = "0x[0-9a-f]{12}";
        String frame = "  racecases\\.Cases\\.[\\w$]+\\(\\)\n      Cases\\.java:\\d+\n";
        assertTrue(r.err.matches("(?s)==================\nWARNING: DATA RACE\n"
                + "(Write|Read) at " + addr + " by (goroutine \\d+|main goroutine):\n(" + frame + ")+"
                + "\nPrevious (write|read) at " + addr + " by (goroutine \\d+|main goroutine):\n(" + frame + ")+"
                + "\nLocation is field racecases\\.Cases\\$Box\\.n of racecases\\.Cases\\$Box@[0-9a-f]+\n"
                + "\nGoroutine \\d+ \\((running|finished)\\) created at:\n(" + frame + ")+"
                + "==================\nFound 1 data race\\(s\\)\n"), r::toString);
    }

    /** The previous access, made three calls deep by a goroutine that has ended since, is shown with its whole stack. */
    @Test
    void previousAccessHasItsWholeStack() throws Exception {
        Run r = run("racyThreeCallsDeep");
        assertPreviousWrite(r, frame("third", "third"), frame("second", "second"), frame("first", "first"),
                frame("lambda\\$racyThreeCallsDeep\\$\\d+", "goroutine"));
    }

    /**
     * An exception thrown through checked methods leaves the shadow stack as it was before their calls,
     * whether a checked method catches it (its handler sets the stack back) or code outside the checked
     * classes does (each method the exception leaves pops its calls): the write after it has none of them.
     */
    @Test
    void exceptionsKeepTheShadowStackBalanced() throws Exception {
        assertPreviousWrite(run("racyAfterThrowCaughtInside"),
                frame("lambda\\$racyAfterThrowCaughtInside\\$\\d+", "caught inside"));
        assertPreviousWrite(run("racyAfterThrowCaughtOutside", "-Dgo4j.race.exclude=racecases.Cases$Driver"),
                frame("lambda\\$racyAfterThrowCaughtOutside\\$\\d+", "driver"),
                frame("lambda\\$racyAfterThrowCaughtOutside\\$\\d+", "driver"));
    }

    /** Asserts that {@code r} reports one race whose previous access is a write by a goroutine with exactly {@code frames}. */
    private static void assertPreviousWrite(Run r, String... frames) {
        assertEquals(66, r.status, r::toString);
        assertTrue(r.err.matches("(?s).*\nPrevious write at 0x[0-9a-f]{12} by goroutine \\d+:\n" + String.join("", frames)
                + "\nLocation is .*"), r::toString);
        assertTrue(r.err.endsWith("Found 1 data race(s)\n"), r::toString);
        assertClean(r);
    }

    /** A report's frame of method {@code method} (a regex) of {@code Cases} at the line marked {@code // stack: mark}. */
    private static String frame(String method, String mark) {
        return "  racecases\\.Cases\\." + method + "\\(\\)\n      Cases\\.java:" + CASE_LINES.get(mark) + "\n";
    }

    /** The line of each {@code // stack:} mark in Cases.java. */
    private static final Map<String, Integer> CASE_LINES = caseLines();

    private static Map<String, Integer> caseLines() {
        try {
            List<String> lines = Files.readAllLines(Path.of("src/test/java/racecases/Cases.java"));
            Map<String, Integer> out = new HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                int at = lines.get(i).indexOf("// stack: ");
                if (at >= 0) {
                    out.put(lines.get(i).substring(at + "// stack: ".length()).strip(), i + 1);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The book's C1-01 (go4j-examples) is reported as {@code go run -race} reports it. */
    @Test
    void bookExampleC101() throws Exception {
        Run r = launch("C1-01", List.of("-Dgo4j.race.include=dev.go4j.examples.", "dev.go4j.examples.Main", "run", "C1-01"));
        assertEquals(66, r.status, r::toString);
        assertTrue(r.err.matches("(?s)==================\nWARNING: DATA RACE\n(Write|Read) at .*"
                + "\nPrevious (read|write) at .*"
                + "\nLocation is field dev\\.go4j\\.examples\\.ch1\\.RaceCondition\\.data of .*"
                + "\nGoroutine 1 \\((running|finished)\\) created at:\n  dev\\.go4j\\.examples\\.ch1\\.RaceCondition\\.run\\(\\)\n.*"),
                r::toString);
        assertTrue(r.err.endsWith("==================\nFound 1 data race(s)\n"), r::toString);
    }

    /** The appendix's A-02 ({@code go run -race} on C1-01) runs C1-01 under the agent and prints Go's report and status. */
    @Test
    void bookExampleA02() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Catalog.find("A-02").orElseThrow().example().get().run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.matches("(?s).*==================\nWARNING: DATA RACE\n.*"
                + "\nLocation is field dev\\.go4j\\.examples\\.ch1\\.RaceCondition\\.data of .*"), out);
        assertTrue(out.endsWith("==================\nFound 1 data race(s)\nexit status 66\n"), out);
    }

    /** halt_on_error: the program stops at the first report with Go's status 66. */
    @Test
    void haltOnError() throws Exception {
        Run r = run("racyCounter", "-Dgo4j.race.halt_on_error=true");
        assertEquals(66, r.status, r::toString);
        assertTrue(r.err.endsWith("==================\n"), r::toString);
        assertFalse(r.err.contains("Found"), r::toString);
    }

    /** Accesses outside the included packages are not checked. */
    @Test
    void excludedPackagesAreNotChecked() throws Exception {
        Run r = run("racyCounter", "-Dgo4j.race.include=com.example.");
        assertEquals(0, r.status, r::toString);
        assertFalse(r.err.contains("WARNING"), r::toString);
    }

    /** Clock slots of joined goroutines are reused: 50,000 goroutines, 100 at a time, fit in 64 MB, with no report. */
    @Test
    void manyGoroutinesFitInASmallHeap() throws Exception {
        assertRunsCleanIn("manyGoroutines", "64m");
    }

    /**
     * Clocks share what they have in common: 20,000 goroutines alive at once, each knowing thousands of
     * others, fit in 192 MB (their virtual threads' stacks take half of it; dense clocks took over 2 GB).
     */
    @Test
    void manyGoroutinesAliveAtOnceFitInASmallHeap() throws Exception {
        assertRunsCleanIn("manyGoroutinesAliveAtOnce", "192m");
    }

    /** Slots of goroutines that ended unseen are not reused but cost little: 100,000 of them fit in 64 MB (over 1 GB before). */
    @Test
    void manyGoroutinesEndingUnseenFitInASmallHeap() throws Exception {
        assertRunsCleanIn("manyGoroutinesEndingUnseen", "64m");
    }

    /** A thread's shadow stack keeps a bounded table of the paths it took: 8 million of them fit in 64 MB. */
    @Test
    void manyCallPathsFitInASmallHeap() throws Exception {
        assertRunsCleanIn("manyCallPaths", "64m");
    }

    /**
     * Goroutines blocked for good on channels nothing else refers to are collected under the agent (go4j's
     * leak profile finds them so): the detector's state holds no thread.
     */
    @Test
    void leakedGoroutinesAreCollected() throws Exception {
        Run r = run("leakedGoroutinesAreCollected", "-Djdk.trackAllThreads=false", "-Dgo4j.leakProfile=true");
        assertEquals(0, r.status, r::toString);
        assertClean(r);
    }

    /** Runs {@code program} under the agent in a heap of {@code heap}: it ends normally, with no report. */
    private static void assertRunsCleanIn(String program, String heap) throws Exception {
        Run r = run(program, "-Xmx" + heap);
        assertEquals(0, r.status, r::toString);
        assertFalse(r.err.contains("WARNING: DATA RACE"), r::toString);
        assertClean(r);
    }

    /** A user's exclude wins over includeLocations: a test that races on purpose is left unchecked. */
    @Test
    void excludesWinOverIncludedLocations() throws Exception {
        Run r = run("racyCounter", "-Dgo4j.race.include=com.example.", "-Dgo4j.race.includeLocations=/test-classes/",
                "-Dgo4j.race.exclude=racecases.");
        assertEquals(0, r.status, r::toString);
        assertFalse(r.err.contains("WARNING"), r::toString);
    }

    /** A class path entry named by includeLocations is checked whatever its packages (go4j's tests share go4j's). */
    @Test
    void includedLocationsAreChecked() throws Exception {
        Run r = run("racyCounter", "-Dgo4j.race.include=com.example.", "-Dgo4j.race.includeLocations=/test-classes/");
        assertEquals(66, r.status, r::toString);
        assertTrue(r.err.contains("WARNING: DATA RACE"), r::toString);
    }

    private static void assertClean(Run r) {
        assertFalse(r.err.contains("not instrumented"), r::toString);
        assertFalse(r.err.contains("Exception") || r.err.contains("Error") || r.err.contains("panic:"), r::toString);
    }

    private record Run(String name, int status, String err) {
        @Override
        public String toString() {
            return name + " exited with " + status + ", stderr:\n" + err;
        }
    }

    /** Runs case {@code name} of {@link Cases} under the agent, checking the package of the cases. */
    private static Run run(String name, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        args.add("-Dgo4j.race.include=racecases.");
        args.addAll(List.of(options)); // a later -D wins
        args.addAll(List.of(Cases.class.getName(), name));
        return launch(name, args);
    }

    /** Runs {@code java -javaagent:go4j-race.jar -cp <this test's class path> args}. */
    private static Run launch(String name, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-javaagent:" + AGENT);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path")));
        cmd.addAll(args);
        Path err = Files.createTempFile("race-" + name, ".err");
        try {
            Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(name + " did not finish: " + Files.readString(err));
            }
            return new Run(name, p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(err);
        }
    }
}
