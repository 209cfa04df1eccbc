package dev.go4j.examples.ch5;

import dev.go4j.examples.Example;
import dev.go4j.examples.GoLog;
import dev.go4j.pattern.WrappedError;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/**
 * C5-01 and C5-02, Error Propagation: a low-level error ({@code stat /bad/job/binary}) crosses the
 * intermediate module. Raw (C5-01), it reaches the top as an unknown error: the user gets "unexpected
 * issue". Wrapped at the module boundary in the module's own {@link WrappedError} type (C5-02), it is
 * well-formed, and the user gets its message. Either way the log gets the whole story, keyed by log ID
 * (the book's hard-coded key 1).
 */
public final class ErrorPropagation implements Example {
    private final boolean wrapAtBoundary;

    /** C5-01 ({@code false}) or C5-02 ({@code true}). */
    public ErrorPropagation(boolean wrapAtBoundary) {
        this.wrapAtBoundary = wrapAtBoundary;
    }

    /** The low-level module's error type. */
    static final class LowLevelErr extends WrappedError {
        private static final long serialVersionUID = 1L;

        LowLevelErr(Throwable cause, String format, Object... args) {
            super(cause, format, args);
        }
    }

    /** The intermediate module's error type. */
    static final class IntermediateErr extends WrappedError {
        private static final long serialVersionUID = 1L;

        IntermediateErr(Throwable cause, String format, Object... args) {
            super(cause, format, args);
        }
    }

    static boolean isGloballyExec(String path) {
        try {
            return Files.getPosixFilePermissions(Path.of(path)).contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException err) {
            throw new LowLevelErr(err, "stat %s: no such file or directory", path);
        }
    }

    void runJob(String id) throws IOException, InterruptedException {
        String jobBinPath = "/bad/job/binary";
        boolean isExecutable;
        try {
            isExecutable = isGloballyExec(jobBinPath);
        } catch (LowLevelErr err) {
            if (!wrapAtBoundary) {
                throw err;
            }
            throw new IntermediateErr(err, "cannot run job \"%s\": requisite binaries not available", id);
        }
        if (!isExecutable) {
            throw new WrappedError(null, "job binary is not executable");
        }
        new ProcessBuilder(jobBinPath, "--id=" + id).start().waitFor();
    }

    static void handleError(PrintStream out, int key, Exception err, String message) {
        GoLog.printf(out, "[logID: %d]: %s", key, err instanceof WrappedError w ? w.details() : err);
        out.printf("[%d] %s%n", key, message);
    }

    @Override
    public void run(PrintStream out) throws Exception {
        try {
            runJob("1");
        } catch (Exception err) {
            String msg = "There was an unexpected issue; please report this as a bug.";
            if (err instanceof IntermediateErr) {
                msg = err.getMessage();
            }
            handleError(out, 1, err, msg);
        }
    }
}
