package dev.go4j.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.time.Clock;
import dev.go4j.time.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The book's layered error propagation (chapter 5, "Error Propagation": fig-error-propagation.go and
 * fig-error-propagation-corrected.go, C5-01/C5-02) with {@link WrappedError}: a low-level module wraps
 * the raw error, the intermediate module either forgets to wrap it (the bug: the user gets the generic
 * message) or wraps it with a message for users; the top logs everything under an ID and shows the
 * user the message and the ID.
 */
class WrappedErrorTest {

    /** The low-level module's error type (the book's {@code LowLevelErr}). */
    static final class LowLevelErr extends WrappedError {
        LowLevelErr(Throwable cause) {
            super(cause, "%s", cause.getMessage());
        }
    }

    /** The intermediate module's error type (the book's {@code IntermediateErr}). */
    static final class IntermediateErr extends WrappedError {
        IntermediateErr(Throwable cause, String format, Object... args) {
            super(cause, format, args);
        }
    }

    /** Low-level module: is the binary executable by all? Wraps the raw I/O error. */
    static boolean isGloballyExec(String path) {
        try {
            PosixFileAttributes info = Files.readAttributes(Path.of(path), PosixFileAttributes.class);
            return info.permissions().toString().contains("OTHERS_EXECUTE");
        } catch (IOException e) {
            throw new LowLevelErr(e);
        }
    }

    /** Intermediate module, first version: lets the low-level error escape as it is. */
    static void runJob(String id) {
        if (!isGloballyExec("/bad/job/binary")) {
            throw new IllegalStateException("job binary is not executable");
        }
    }

    /** Intermediate module, corrected: wraps at its boundary with a message for users. */
    static void runJobCorrected(String id) {
        try {
            runJob(id);
        } catch (LowLevelErr e) {
            throw new IntermediateErr(e, "cannot run job \"%s\": requisite binaries not available", id);
        }
    }

    /** The top: logs everything under the error's ID, shows the user a message and the ID. */
    static void handleError(RuntimeException err, List<String> log, List<String> user) {
        String msg = err instanceof IntermediateErr ? err.getMessage()
                : "There was an unexpected issue; please report this as a bug.";
        long id = err instanceof WrappedError w ? w.id() : 0;
        log.add("[logID: " + id + "]: " + (err instanceof WrappedError w ? w.details() : err.toString()));
        user.add("[" + id + "] " + msg);
    }

    /** C5-01: the unwrapped low-level error reaches the top, which calls it a bug. */
    @Test
    void c5_01_anUnwrappedErrorIsReportedAsABug() {
        List<String> log = new ArrayList<>();
        List<String> user = new ArrayList<>();
        RuntimeException caught = null;
        try {
            runJob("1");
        } catch (RuntimeException e) {
            caught = e;
            handleError(e, log, user);
        }
        LowLevelErr low = assertInstanceOf(LowLevelErr.class, caught);
        assertEquals(List.of("[" + low.id() + "] There was an unexpected issue; please report this as a bug."), user);
        assertTrue(log.get(0).startsWith("[logID: " + low.id() + "]: "), log.get(0));
        assertTrue(log.get(0).contains("NoSuchFileException: /bad/job/binary"), log.get(0));
    }

    /** C5-02: wrapped at the module boundary, the user gets a message that makes sense, the log the whole chain. */
    @Test
    void c5_02_aWrappedErrorShowsItsMessage() {
        List<String> log = new ArrayList<>();
        List<String> user = new ArrayList<>();
        IntermediateErr err = null;
        try {
            runJobCorrected("1");
        } catch (IntermediateErr e) {
            err = e;
            handleError(e, log, user);
        }
        assertEquals(List.of("[" + err.id() + "] cannot run job \"1\": requisite binaries not available"), user);
        LowLevelErr low = assertInstanceOf(LowLevelErr.class, err.getCause());
        assertInstanceOf(NoSuchFileException.class, low.getCause());
        assertNotEquals(low.id(), err.id());
        String entry = log.get(0);
        assertTrue(entry.contains("IntermediateErr: cannot run job \"1\""), entry);
        assertTrue(entry.contains("Caused by: " + LowLevelErr.class.getName() + ": /bad/job/binary"), entry);
        assertTrue(entry.contains("isGloballyExec"), "the stack trace says where: " + entry);
    }

    @Test
    void fieldsOfAWellFormedError() throws Exception {
        Instant start = Instant.parse("2017-07-01T00:00:00Z");
        WrappedError e = Clock.using(new ManualClock(start), () -> new WrappedError(null, "job %d failed", 7));
        WrappedError next = new WrappedError(e, "again");
        assertEquals("job 7 failed", e.getMessage());
        assertEquals(start, e.time());
        assertTrue(next.id() > e.id(), "IDs count up");
        assertSame(e, next.getCause());
        assertSame(e, e.with("host", "node-3").with("attempt", 2));
        assertEquals(Map.of("host", "node-3", "attempt", 2), e.misc());
        assertEquals(List.of("host", "attempt"), List.copyOf(e.misc().keySet()));
        assertTrue(e.stackTrace().contains("fieldsOfAWellFormedError"), e.stackTrace());
        assertTrue(e.details().startsWith("id=" + e.id() + " time=" + start + " misc={host=node-3, attempt=2}"));
    }
}
