package dev.go4j;

/**
 * The body of a goroutine: a {@code Runnable} that may throw checked exceptions.
 *
 * @see Go#go(Task)
 */
@FunctionalInterface
public interface Task {
    /**
     * Runs the task.
     *
     * @throws Exception anything; an exception escaping a goroutine goes to the panic handler
     *     ({@link Go#setPanicHandler})
     */
    void run() throws Exception;
}
