package dev.go4j.runtime;

import java.time.Instant;
import java.util.List;

/**
 * One goroutine that the leak profile found leaked: blocked where nothing can ever wake it, and since
 * collected (see {@link Goroutines#leaked()}). Go 1.26's goroutine leak profile reports the same.
 *
 * @param id        Go's goroutine id
 * @param reason    Go's wait reason it was blocked in ({@code chan receive}, {@code chan send},
 *                  {@code select}, {@code sync.Mutex.Lock}, ...), or null if it was blocked in a wait go4j
 *                  does not see (a JDK lock or queue that became unreachable)
 * @param since     when it blocked there, or null when {@code reason} is null
 * @param stack     where it blocked, from the go4j call down to the goroutine's task (deep stacks cut
 *                  short); empty when {@code reason} is null
 * @param createdBy the frame that started it ({@code Go.go}'s caller), or null if not recorded
 * @param parentId  the goroutine that started it, 0 if it was started by a thread that is not a goroutine
 */
public record GoroutineLeak(long id, String reason, Instant since, List<StackTraceElement> stack,
        StackTraceElement createdBy, long parentId) {

    /**
     * The report's line: {@code goroutine 7 leaked: blocked on chan receive since 2026-11-23T16:40:01.5Z,
     * created by app.Server.handle(Server.java:42) in goroutine 1}.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(160).append("goroutine ").append(id).append(" leaked: ");
        if (reason == null) {
            sb.append("blocked in a wait go4j does not see (a JDK lock or queue)");
        } else {
            sb.append("blocked on ").append(reason).append(" since ").append(since);
        }
        if (createdBy != null) {
            sb.append(", created by ").append(createdBy);
            if (parentId != 0) {
                sb.append(" in goroutine ").append(parentId);
            }
        }
        return sb.toString();
    }
}
