package dev.go4j.runtime;

import java.util.List;

/**
 * Go's {@code fatal error: all goroutines are asleep - deadlock!}: thrown by {@link dev.go4j.Go#main} when
 * every goroutine is parked in a go4j primitive that only another goroutine could release. The message
 * is Go's; {@link #dump()} holds the goroutine dump taken when it was found, and {@link #lockCycles()}
 * the cycles of goroutines waiting for each other's go4j locks among them, if any.
 */
public final class DeadlockError extends Error {
    private static final long serialVersionUID = 1L;
    private final transient String dump;
    private final transient List<LockCycle> lockCycles;

    /** A deadlock, with the dump of the goroutines found asleep. */
    public DeadlockError(String dump) {
        this(dump, List.of());
    }

    /** A deadlock, with the dump of the goroutines found asleep and the lock cycles among them. */
    public DeadlockError(String dump, List<LockCycle> lockCycles) {
        this("all goroutines are asleep - deadlock!", dump, lockCycles);
    }

    /**
     * A deadlock described by {@code message} (a synctest bubble's: Go's
     * {@code deadlock: all goroutines in bubble are blocked}), with the dump and the lock cycles.
     */
    public DeadlockError(String message, String dump, List<LockCycle> lockCycles) {
        super(message);
        this.dump = dump;
        this.lockCycles = List.copyOf(lockCycles);
    }

    /** The lock cycles found among the goroutines asleep (see {@link Goroutines#lockCycles()}); often empty. */
    public List<LockCycle> lockCycles() {
        return lockCycles;
    }

    /** The goroutine dump taken when the deadlock was found, in Go's format. */
    public String dump() {
        return dump;
    }
}
