package dev.go4j.runtime;

/**
 * Go's {@code fatal error: all goroutines are asleep - deadlock!}: thrown by {@link dev.go4j.Go#main} when
 * every goroutine is parked in a go4j primitive that only another goroutine could release. The message
 * is Go's; {@link #dump()} holds the goroutine dump taken when it was found.
 */
public final class DeadlockError extends Error {
    private static final long serialVersionUID = 1L;
    private final transient String dump;

    /** A deadlock, with the dump of the goroutines found asleep. */
    public DeadlockError(String dump) {
        super("all goroutines are asleep - deadlock!");
        this.dump = dump;
    }

    /** The goroutine dump taken when the deadlock was found, in Go's format. */
    public String dump() {
        return dump;
    }
}
