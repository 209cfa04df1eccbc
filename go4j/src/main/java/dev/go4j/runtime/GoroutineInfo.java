package dev.go4j.runtime;

import dev.go4j.internal.diag.Goroutine;
import java.time.Duration;
import java.util.List;

/**
 * A snapshot of one goroutine, as a line of Go's goroutine dump: {@code goroutine 7 [chan receive, 2 minutes]:}.
 *
 * @param id        Go's goroutine id
 * @param thread    the goroutine's virtual thread
 * @param state     Go's wait reason ({@code chan receive}, {@code chan send}, {@code select},
 *                  {@code sync.Mutex.Lock}, {@code sleep}, ...) or {@code running}/{@code runnable}; for a
 *                  wait go4j does not own, {@code waiting} or {@code IO wait}
 * @param blocked   true when parked in a go4j primitive that only another goroutine can release
 * @param waited    how long it has been parked in a go4j primitive, or null if it is not
 * @param stack     its stack, from the go4j call it waits in down to the goroutine's task (runtime
 *                  frames above and below are left out, as Go does)
 * @param createdBy the frame that started it ({@code Go.go}'s caller), or null if not recorded
 * @param parentId  the goroutine that started it, 0 if it was started by a thread that is not a goroutine
 */
public record GoroutineInfo(long id, Thread thread, String state, boolean blocked, Duration waited,
        List<StackTraceElement> stack, StackTraceElement createdBy, long parentId) {

    /** This goroutine in Go's dump format: header, frames, "created by". */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(256);
        sb.append("goroutine ").append(id).append(" [").append(state);
        if (waited != null && waited.toMinutes() >= 1) {
            sb.append(", ").append(waited.toMinutes()).append(waited.toMinutes() == 1 ? " minute" : " minutes");
        }
        sb.append("]:\n");
        for (StackTraceElement e : stack) {
            sb.append("\tat ").append(e).append('\n');
        }
        Goroutine.appendCreatedBy(sb, createdBy, parentId);
        return sb.toString();
    }
}
