package dev.go4j.examples;

import dev.go4j.Go;
import dev.go4j.runtime.GoroutineInfo;
import dev.go4j.runtime.Goroutines;
import dev.go4j.synctest.Synctest;
import dev.go4j.time.Clock;
import dev.go4j.time.Time;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs an example for a test and hands back what it printed and which of its goroutines outlived it
 * (those are then interrupted, so that no test leaves goroutines behind for the next).
 *
 * <p>{@link #inBubble} runs it in a virtual-time bubble ({@link Synctest}), where time moves exactly when
 * every goroutine is durably blocked, and stamps each line with the virtual time at which it was
 * printed: a minute of the book's time passes in milliseconds, and no timing is left to the machine's
 * load.
 */
public final class Runs {
    private Runs() {}

    /** What an example printed, line by line, and how many of its goroutines were still alive after it. */
    public record Outcome(List<String> lines, int leftovers) {
        /** Everything printed, as one string. */
        public String text() {
            return String.join("\n", lines);
        }

        /** How many of the lines are {@code line}. */
        public long count(String line) {
            return lines.stream().filter(line::equals).count();
        }
    }

    /** A line an example printed, and when: the virtual time since its bubble started. */
    public record Stamped(Duration at, String line) {
        /** {@code line}, printed {@code millis} ms after its bubble started. */
        public static Stamped at(long millis, String line) {
            return new Stamped(Duration.ofMillis(millis), line);
        }
    }

    /** What an example printed in a bubble, each line stamped, and how much virtual time its run took. */
    public record Timeline(List<Stamped> lines, Duration elapsed) {
        /** The lines printed, in order. */
        public List<String> text() {
            return lines.stream().map(Stamped::line).toList();
        }

        /** The lines printed, sorted by time and then by text: what is certain of lines printed at once. */
        public List<Stamped> sorted() {
            return lines.stream().sorted(Comparator.comparing((Stamped s) -> s.at()).thenComparing(Stamped::line)).toList();
        }
    }

    /** Where a bubble's clock starts: Go's 2000-01-01T00:00:00Z. */
    private static final Instant BUBBLE_EPOCH = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * How many times slower than usual the tests run: {@code -Dgo4j.stress.slowdown=k}, which the race
     * profile sets, as go4j's own tests read it (their TestSupport): bounds are k times longer, and tests
     * that repeat an example repeat it k times fewer.
     */
    public static final int SLOWDOWN = Math.max(1, Integer.getInteger("go4j.stress.slowdown", 1));

    /** How long {@link #real} lets an example run before it fails the test. */
    private static final Duration BOUND = Duration.ofSeconds(30L * SLOWDOWN);

    /** Runs {@code example} on the real clock. */
    public static Outcome real(Example example) throws Exception {
        Set<Long> before = ids();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Exception[] failure = new Exception[1];
        Thread main = Go.go(() -> {
            try {
                example.run(out);
            } catch (Exception e) {
                failure[0] = e;
            }
        });
        if (!main.join(BOUND)) {
            cleanUp(before);
            throw new AssertionError("example still running after " + BOUND.toSeconds() + " s; it printed:\n" + bytes);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        int leftovers = cleanUp(before);
        if (failure[0] != null) {
            throw failure[0];
        }
        List<String> lines = text.isEmpty() ? List.of() : List.of(text.split("\n", -1));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines = lines.subList(0, lines.size() - 1);
        }
        return new Outcome(lines, leftovers);
    }

    /**
     * Runs {@code example} on the calling (test) thread, not in a goroutine: for examples that run
     * {@link Go#main}, whose deadlock detector needs its caller to be outside the goroutines it watches.
     * JUnit's {@code @Timeout} watcher, a live platform thread that waits with a deadline, is named in
     * {@code go4j.deadlock.ignoreThreads} meanwhile, as go4j's own DeadlockTest does. What the example
     * prints to {@code System.err} (where {@code Go.main} reports a deadlock) is read with what it prints
     * to its stream, in order, as a terminal shows both.
     */
    public static Outcome onTestThread(Example example) throws Exception {
        Set<Long> before = ids();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream err = System.err;
        System.setProperty("go4j.deadlock.ignoreThreads", "junit-jupiter-timeout-watcher");
        try {
            System.setErr(out);
            example.run(out);
        } finally {
            System.setErr(err);
            System.clearProperty("go4j.deadlock.ignoreThreads");
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        return new Outcome(List.of(text.split("\n")), cleanUp(before));
    }

    /**
     * Runs {@code example} in a new bubble: fails if it leaves a goroutine behind (blocked), as
     * {@link Synctest#test} does.
     */
    public static Timeline inBubble(Example example) throws Exception {
        StampedLines out = new StampedLines();
        Duration[] elapsed = new Duration[1];
        Synctest.test(() -> {
            Instant start = Time.now();
            example.run(new PrintStream(out, true, StandardCharsets.UTF_8));
            elapsed[0] = Time.since(start);
        });
        return new Timeline(out.lines(), elapsed[0]);
    }

    /** Splits what is written into lines, each stamped with the current clock when its newline is written. */
    private static final class StampedLines extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        private final List<Stamped> lines = new ArrayList<>();

        @Override
        public synchronized void write(int b) {
            if (b != '\n') {
                line.write(b);
                return;
            }
            lines.add(new Stamped(Duration.between(BUBBLE_EPOCH, Clock.current().now()), line.toString(StandardCharsets.UTF_8)));
            line.reset();
        }

        synchronized List<Stamped> lines() {
            return List.copyOf(lines);
        }
    }

    private static Set<Long> ids() {
        return Goroutines.all().stream().map(GoroutineInfo::id).collect(Collectors.toSet());
    }

    private static List<Thread> started(Set<Long> before) {
        List<Thread> threads = new ArrayList<>();
        for (GoroutineInfo g : Goroutines.all()) {
            if (!before.contains(g.id())) {
                threads.add(g.thread());
            }
        }
        return threads;
    }

    /**
     * Gives the example's goroutines up to 1 s to end, then interrupts those left (a leaked goroutine is
     * the point of some examples) and returns how many there were.
     */
    private static int cleanUp(Set<Long> before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        List<Thread> left = started(before);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            left.get(0).join(Duration.ofMillis(10));
            left = started(before);
        }
        if (left.isEmpty()) {
            return 0;
        }
        var previous = Go.setPanicHandler((t, e) -> { });
        try {
            for (Thread t : left) {
                t.interrupt();
            }
            for (Thread t : left) {
                t.join(Duration.ofSeconds(5));
            }
        } finally {
            Go.setPanicHandler(previous);
        }
        return left.size();
    }
}
