package dev.go4j.pattern;

import dev.go4j.RecvChan;
import dev.go4j.Task;
import java.util.function.Function;

/**
 * Opens the package-private seams of {@link Broadcast} and {@link Topics} that choose how their
 * goroutines start, for the Lincheck model checks in {@code dev.go4j.lincheck}: Lincheck manages only
 * platform threads, so there every goroutine of the pattern must start as one.
 */
public final class PatternSeams {
    private PatternSeams() {}

    /** {@link Broadcast#of}, its distributing goroutine started by {@code starter}. */
    public static <T> Broadcast<T> broadcast(RecvChan<?> done, RecvChan<? extends T> source,
            Function<Task, Thread> starter) {
        return Broadcast.start(done, source, starter);
    }

    /** {@link Topics#of}, its publishing goroutine and topic broadcasts started by {@code starter}. */
    public static <T, K> Topics<T, K> topics(RecvChan<?> done, RecvChan<? extends T> source,
            Function<? super T, ? extends K> topicOf, Function<Task, Thread> starter) {
        return Topics.start(done, source, topicOf, starter);
    }
}
