package dev.go4j.pattern;

import dev.go4j.RecvChan;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A pipeline stage as a value: given a done channel and an input channel, starts its goroutine and
 * returns its output channel. Stages compose in order with {@link #then}, so the book's
 * {@code multiply(done, add(done, multiply(done, intStream, 2), 1), 2)} reads left to right:
 *
 * <pre>{@code
 * Stage<Integer, Integer> pipeline = Stage.<Integer, Integer>map(v -> v * 2)
 *         .then(Stage.map(v -> v + 1))
 *         .then(Stage.map(v -> v * 2));
 * Chan<Object> done = Chan.make();
 * try (done) {
 *     for (int v : pipeline.apply(done, Pipelines.generator(done, 1, 2, 3, 4))) {
 *         System.out.println(v);                            // 6 10 14 18
 *     }
 * }
 * }</pre>
 *
 * <p>A stage made by this interface's factories follows the contract of {@link Pipelines}: its output
 * closes when its input is drained or when {@code done} closes, and its goroutine then ends. A stage of
 * your own should do the same (write it with {@link Channels#recvOrDone} and
 * {@link Channels#sendOrDone}); then a whole pipeline built with {@code then} ends, leaving no
 * goroutine behind, once done closes or its source is drained. A stage may be applied any number of
 * times: each {@code apply} starts a new goroutine ({@link Channels#fanOut} relies on it).
 *
 * @param <I> the input element type
 * @param <O> the output element type
 */
@FunctionalInterface
public interface Stage<I, O> {

    /**
     * Starts this stage on {@code in}; the book's signature of a stage,
     * {@code func stage(done <-chan interface{}, in <-chan interface{}) <-chan interface{}}.
     *
     * @return the stage's output, closed when {@code in} is drained or {@code done} closes
     */
    RecvChan<O> apply(RecvChan<?> done, RecvChan<? extends I> in);

    /** This stage, then {@code next} on its output: the stages run concurrently, values flow in order. */
    default <P> Stage<I, P> then(Stage<? super O, P> next) {
        Objects.requireNonNull(next, "next");
        return (done, in) -> next.apply(done, apply(done, in));
    }

    /** The stage of {@link Pipelines#map}: each value converted by {@code fn}. */
    static <I, O> Stage<I, O> map(Function<? super I, ? extends O> fn) {
        Objects.requireNonNull(fn, "fn");
        return (done, in) -> Pipelines.map(done, in, fn);
    }

    /** The stage of {@link Pipelines#filter}: the values that satisfy {@code keep}. */
    static <T> Stage<T, T> filter(Predicate<? super T> keep) {
        Objects.requireNonNull(keep, "keep");
        return (done, in) -> Pipelines.filter(done, in, keep);
    }

    /** The stage of {@link Pipelines#take}: the first {@code n} values. */
    static <T> Stage<T, T> take(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("take: negative count " + n);
        }
        return (done, in) -> Pipelines.take(done, in, n);
    }

    /** The stage of {@link Pipelines#buffer}: a queue of {@code capacity} values. */
    static <T> Stage<T, T> buffer(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("buffer: negative capacity " + capacity);
        }
        return (done, in) -> Pipelines.buffer(done, in, capacity);
    }
}
