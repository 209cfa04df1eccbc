package dev.go4j.runtime;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.TestSupport;
import dev.go4j.internal.diag.Goroutine;
import dev.go4j.internal.diag.Jfr;
import dev.go4j.sync.Mutex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * go4j's JFR events, read back from a recording dumped to a file: a goroutine parked in a channel receive
 * or a mutex for longer than the threshold (0 ms here, so "longer" needs no timing) gives a
 * {@code dev.go4j.GoroutineBlocked} event with Go's wait reason, the go4j call and the goroutine id; the
 * deadlock and leak events carry what their emitters pass. An event not enabled in the recording is not
 * emitted.
 */
@Timeout(60)
class JfrEventsTest {

    @Test
    void aParkedGoroutineGivesABlockedEventWithReasonAndId() throws Exception {
        long recvId;
        long lockId;
        List<RecordedEvent> events;
        try (Recording r = new Recording()) {
            r.enable("dev.go4j.GoroutineBlocked").withThreshold(Duration.ZERO);
            r.start();
            try (TestSupport.Goroutines gs = new TestSupport.Goroutines()) {
                recvId = parkedReceive(gs);

                Mutex mu = new Mutex();
                mu.lock();
                Thread locker = gs.go(() -> {
                    mu.lock();
                    mu.unlock();
                });
                awaitParked(locker);
                mu.unlock();
                join(locker);
                lockId = Goroutine.idOf(locker);
                gs.joinAll();
            }
            r.stop();
            events = read(r, "dev.go4j.GoroutineBlocked");
        }
        RecordedEvent recv = of(events, recvId);
        assertEquals("chan receive", recv.getString("reason"));
        assertEquals("dev.go4j.Chan.recv", recv.getString("object"));
        assertTrue(recv.getStackTrace() != null && !recv.getStackTrace().getFrames().isEmpty());
        RecordedEvent lock = of(events, lockId);
        assertEquals("sync.Mutex.Lock", lock.getString("reason"));
        assertEquals("dev.go4j.sync.Mutex.lock", lock.getString("object"));
    }

    @Test
    void notEnabledNotEmitted() throws Exception {
        List<RecordedEvent> events;
        long id;
        try (Recording r = new Recording()) {
            // A bare recording enables every event at its defaults (GoroutineBlocked: over 20 ms), and a
            // first park can take that long: the recording must say no.
            r.enable("dev.go4j.GoroutineLeak");
            r.disable("dev.go4j.GoroutineBlocked");
            r.start();
            try (TestSupport.Goroutines gs = new TestSupport.Goroutines()) {
                id = parkedReceive(gs);
                gs.joinAll();
            }
            r.stop();
            events = read(r, "dev.go4j.GoroutineBlocked");
        }
        assertTrue(events.stream().noneMatch(e -> e.getLong("goroutineId") == id), events.toString());
    }

    /** A goroutine that parks in a receive until it gets a value; returns its goroutine id once it ended. */
    private static long parkedReceive(TestSupport.Goroutines gs) throws Exception {
        Chan<Integer> ch = Chan.make();
        Thread receiver = gs.go(ch::recv);
        awaitParked(receiver);
        ch.send(1);
        join(receiver);
        return Goroutine.idOf(receiver);
    }

    @Test
    void deadlockAndLeakEventsCarryTheirDumps() throws Exception {
        List<RecordedEvent> deadlocks;
        List<RecordedEvent> leaks;
        try (Recording r = new Recording()) {
            r.enable("dev.go4j.DeadlockDetected");
            r.enable("dev.go4j.GoroutineLeak");
            r.start();
            Jfr.deadlockDetected("goroutine 1 [chan receive]:\n");
            Jfr.goroutineLeak(42, "chan send", "goroutine 42 [chan send]:\n");
            r.stop();
            deadlocks = read(r, "dev.go4j.DeadlockDetected");
            leaks = read(r, "dev.go4j.GoroutineLeak");
        }
        assertEquals(1, deadlocks.size());
        assertEquals("goroutine 1 [chan receive]:\n", deadlocks.get(0).getString("dump"));
        assertEquals(1, leaks.size());
        assertEquals(42, leaks.get(0).getLong("goroutineId"));
        assertEquals("chan send", leaks.get(0).getString("reason"));
        assertEquals("goroutine 42 [chan send]:\n", leaks.get(0).getString("dump"));
    }

    /**
     * No JFR machinery on a program's first park (it cost 100 ms or more) unless a recording is running:
     * in a fresh JVM, a goroutine's first park loads no event class; with a recording, the same park
     * loads go4j's blocked event (so the log being read is the right one).
     */
    @Test
    void theFirstParkLoadsJfrOnlyUnderARecording() throws Exception {
        List<String> plain = loadedClasses();
        assertTrue(plain.contains("dev.go4j.runtime.FirstParkProbe"), "the probe ran: " + plain.size() + " classes");
        assertTrue(plain.stream().noneMatch(c -> c.equals("jdk.jfr.Event") || c.startsWith("jdk.jfr.internal.")
                || c.equals("dev.go4j.internal.diag.GoroutineBlockedEvent")), "JFR classes loaded: "
                + plain.stream().filter(c -> c.contains("jfr") || c.contains("Event")).toList());
        List<String> recorded = loadedClasses("-XX:StartFlightRecording:filename=" + Files.createTempDirectory("go4j-jfr"));
        assertTrue(recorded.contains("dev.go4j.internal.diag.GoroutineBlockedEvent"), "loaded under a recording");
    }

    /** A line of {@code -Xlog:class+load=info:stdout:tags} (the tags column is padded to align). */
    private static final Pattern CLASS_LOAD = Pattern.compile("\\[class,load *\\] (\\S+) .*");

    /** The classes a fresh JVM running {@link FirstParkProbe} loaded, in order, with {@code jvmArgs} added. */
    private static List<String> loadedClasses(String... jvmArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("-Xlog:class+load=info:stdout:tags"));
        args.addAll(List.of(jvmArgs));
        TestSupport.JavaRun run = TestSupport.runJava(args, FirstParkProbe.class);
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.lines().contains("probe: handed off"), run.output());
        return run.lines().stream().map(CLASS_LOAD::matcher).filter(Matcher::matches).map(m -> m.group(1)).toList();
    }

    private static List<RecordedEvent> read(Recording r, String type) throws Exception {
        Path file = Files.createTempFile("go4j-jfr", ".jfr");
        try {
            r.dump(file);
            return RecordingFile.readAllEvents(file).stream()
                    .filter(e -> e.getEventType().getName().equals(type)).toList();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static RecordedEvent of(List<RecordedEvent> events, long goroutineId) {
        return events.stream().filter(e -> e.getLong("goroutineId") == goroutineId).findFirst()
                .orElseThrow(() -> new AssertionError("no event for goroutine " + goroutineId + ": " + events));
    }
}
