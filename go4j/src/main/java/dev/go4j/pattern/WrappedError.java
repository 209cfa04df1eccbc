package dev.go4j.pattern;

import dev.go4j.time.Clock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A well-formed error, as chapter 5 of <i>Concurrency in Go</i> ("Error Propagation") asks for: what
 * happened (the wrapped cause), when and where (the time, and the stack trace captured when the error
 * was made), a message meant for users, and an ID a user can quote so that an operator finds the full
 * story in the logs, plus free-form data. Mirrors the book's
 * <pre>
 * type MyError struct {
 *     Inner      error
 *     Message    string
 *     StackTrace string
 *     Misc       map[string]interface{}
 * }
 * func wrapError(err error, messagef string, msgArgs ...interface{}) MyError
 * </pre>
 *
 * <p>The book's rule: at the boundary of each module, wrap every error coming from below in the
 * module's own error type, with a message that makes sense at that level. At the top, an error of a
 * known type is well-formed, and its message can be shown to the user; any other error is a bug that
 * escaped, and the user gets a generic message and the ID. The layers are types, so this class is
 * meant to be extended, one subclass per module:
 *
 * <pre>{@code
 * // given: final class LowLevelErr extends WrappedError { LowLevelErr(Throwable c, String f) { super(c, f); } }
 * // given: void isGloballyExec(String path) throws LowLevelErr; java.util.logging.Logger log
 * final class IntermediateErr extends WrappedError {
 *     IntermediateErr(Throwable cause, String format, Object... args) { super(cause, format, args); }
 * }
 *
 * // in the intermediate module:
 * void runJob(String id) throws IntermediateErr {
 *     try { isGloballyExec("/bad/job/binary"); }
 *     catch (LowLevelErr e) { throw new IntermediateErr(e, "cannot run job %s: requisite binaries not available", id); }
 * }
 *
 * // at the top:
 * void handleError(Exception e) {
 *     String msg = e instanceof IntermediateErr w ? w.getMessage()
 *             : "There was an unexpected issue; please report this as a bug.";
 *     long id = e instanceof WrappedError w ? w.id() : 0;
 *     log.severe("[logID: " + id + "]: " + (e instanceof WrappedError w ? w.details() : e));
 *     System.out.printf("[%d] %s%n", id, msg);
 * }
 * }</pre>
 *
 * <p>{@link #getMessage()} is the user message (Go's {@code Error()} returns {@code Message}); the cause
 * is {@link #getCause()}. The error is unchecked, so that it can cross lambdas and stages; it also
 * travels well inside a {@link Result}. {@link #misc()} may be added to with {@link #with} until the
 * error is handed on; the other fields never change.
 */
public class WrappedError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong IDS = new AtomicLong();

    private final long id;
    private final Instant time;
    private final Map<String, Object> misc = new LinkedHashMap<>();

    /**
     * Wraps {@code cause} with a message for users: the book's {@code wrapError(err, messagef, msgArgs...)}.
     * Captures the stack trace and the time ({@link Clock#current()}) now, and takes the next ID.
     *
     * @param cause the error being wrapped, or {@code null} for an error that starts here
     * @param format the user message, a {@link String#format} format
     * @param args the format's arguments
     */
    public WrappedError(Throwable cause, String format, Object... args) {
        super(String.format(Objects.requireNonNull(format, "format"), args), cause);
        this.id = IDS.incrementAndGet();
        this.time = Clock.current().now();
    }

    /** The ID of this error, unique in this process (counting up from 1): quote it to the user, log it. */
    public long id() {
        return id;
    }

    /** When this error was made, by the clock of the thread that made it. */
    public Instant time() {
        return time;
    }

    /** Adds {@code key → value} to the free-form data (the book's {@code Misc}); returns this error. */
    public synchronized WrappedError with(String key, Object value) {
        misc.put(Objects.requireNonNull(key, "key"), value);
        return this;
    }

    /** A copy of the free-form data, in insertion order. */
    public synchronized Map<String, Object> misc() {
        return new LinkedHashMap<>(misc);
    }

    /**
     * The stack trace captured when this error was made, with those of its causes: the book's
     * {@code StackTrace} field, as text.
     */
    public String stackTrace() {
        StringWriter w = new StringWriter();
        printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** Everything, for the logs: ID, time, data, then the stack trace with the causes. */
    public String details() {
        return "id=" + id + " time=" + time + " misc=" + misc() + "\n" + stackTrace();
    }
}
