package dev.go4j.runtime;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.TestSupport;
import dev.go4j.internal.Goroutine;
import dev.go4j.internal.Jfr;
import dev.go4j.sync.Mutex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            r.enable("dev.go4j.GoroutineLeak"); // something else: GoroutineBlocked stays off
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
