package dev.go4j.pattern;

import static dev.go4j.pattern.Channels.recvOrDone;
import static dev.go4j.pattern.Channels.sendOrDone;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The book's generators and pipeline stages (chapter 4 of <i>Concurrency in Go</i>, "Pipelines" and
 * "Some Handy Generators"), each a goroutine between two channels, cancelled by a done channel.
 *
 * <pre>{@code
 * // generator → multiply(2) → add(1) → multiply(2): prints 6 10 14 18
 * Chan<Object> done = Chan.make();
 * try (done) {                                       // defer close(done)
 *     RecvChan<Integer> ints = Pipelines.generator(done, 1, 2, 3, 4);
 *     RecvChan<Integer> pipeline = Pipelines.map(done,
 *             Pipelines.map(done, Pipelines.map(done, ints, v -> v * 2), v -> v + 1), v -> v * 2);
 *     for (int v : pipeline) System.out.println(v);
 * }
 * }</pre>
 * {@link Stage} writes the same pipeline left to right:
 * {@code Stage.map(v -> v * 2).then(Stage.map(v -> v + 1)).then(Stage.map(v -> v * 2)).apply(done, ints)}.
 *
 * <p><b>Batch and stream style.</b> The book first shows stages as plain functions: batch style, each
 * stage takes a whole slice and returns a new one ({@code add(multiply(ints, 2), 1)}), and stream style,
 * each stage takes one value and returns one. Neither needs this package: in Java they are
 * {@code int[] multiply(int[] values, int m)} and {@code IntUnaryOperator}s composed with
 * {@code andThen}, or a {@link java.util.stream.Stream}. The methods here are the book's channel
 * version, where each stage runs concurrently with the others and hands values on one at a time, so
 * that a slow stage does not hold up the ones before it longer than one value (see {@link #buffer}).
 *
 * <p><b>Contract of every method.</b> It starts one goroutine and returns its output channel. The
 * goroutine closes the output when its input is drained (or, for the generators, when it has nothing
 * more to send) and when {@code done} closes, whichever is first, and then ends; it selects on
 * {@code done} in every blocking step, so closing {@code done} ends it even if nobody reads its output
 * any more. Outputs are unbuffered except for {@link #buffer}. Input channels are read, never closed.
 * Values are kept in order. Channels carry no {@code null}: a function that returns {@code null} makes
 * its stage fail. An exception thrown by a user function ends the stage, closes its output (downstream
 * sees an ordinary end) and goes to the panic handler of {@link dev.go4j.Go}; to let errors travel with
 * the data, as the book teaches, return a {@link Result}. Pass {@link Chan#nil()} as done for "never".
 * Sending a value into a stage happens-before receiving its image from the stage's output.
 */
public final class Pipelines {
    private Pipelines() {}

    /**
     * The values given, in order, then the end of the stream. Mirrors the book's
     * {@code func generator(done <-chan interface{}, integers ...int) <-chan int}: it turns a discrete
     * set of values into a stream. The output closes after the last value, or when {@code done} closes.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array
    public static <T> RecvChan<T> generator(RecvChan<?> done, T... values) {
        return generator(done, List.of(values));
    }

    /** {@link #generator(RecvChan, Object...)} over a list. */
    public static <T> RecvChan<T> generator(RecvChan<?> done, List<? extends T> values) {
        Objects.requireNonNull(done, "done");
        List<? extends T> copy = List.copyOf(values);
        return Producer.start(0, out -> {
            for (T v : copy) {
                if (!sendOrDone(done, out, v)) {
                    return;
                }
            }
        });
    }

    /**
     * The values given, repeated forever, in order, until {@code done} closes. Mirrors the book's
     * {@code func repeat(done <-chan interface{}, values ...interface{}) <-chan interface{}}. The output
     * closes, and the goroutine ends, only when {@code done} closes: an infinite generator is what
     * {@link #take} is for, and it is done that stops it.
     *
     * @throws IllegalArgumentException if no values are given (the book's loop would spin forever)
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array
    public static <T> RecvChan<T> repeat(RecvChan<?> done, T... values) {
        Objects.requireNonNull(done, "done");
        List<T> copy = List.of(values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("repeat: no values");
        }
        return Producer.start(0, out -> {
            while (true) {
                for (T v : copy) {
                    if (!sendOrDone(done, out, v)) {
                        return;
                    }
                }
            }
        });
    }

    /**
     * The results of calling {@code fn} over and over, until {@code done} closes. Mirrors the book's
     * {@code func repeatFn(done <-chan interface{}, fn func() interface{}) <-chan interface{}}. Calls
     * {@code fn} once per value sent, plus at most one whose result is dropped when done closes. The
     * output closes, and the goroutine ends, when {@code done} closes (or if {@code fn} throws).
     */
    public static <T> RecvChan<T> repeatFn(RecvChan<?> done, Supplier<? extends T> fn) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(fn, "fn");
        return Producer.start(0, out -> {
            while (sendOrDone(done, out, fn.get())) {
                // next value
            }
        });
    }

    /**
     * The first {@code n} values of {@code in}. Mirrors the book's
     * {@code func take(done <-chan interface{}, valueStream <-chan interface{}, num int) <-chan interface{}}.
     * The output closes after {@code n} values, or earlier when {@code in} is drained or {@code done}
     * closes; {@code n == 0} gives a closed channel and no goroutine. Unlike the book's, which receives
     * from {@code valueStream} outside its select, it also honours {@code done} while waiting for input.
     *
     * <p>Take does not stop its producer: after the {@code n}-th value the stage ends, but an infinite
     * generator upstream stays blocked until {@code done} closes, as in the book.
     *
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public static <T> RecvChan<T> take(RecvChan<?> done, RecvChan<? extends T> in, long n) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(in, "in");
        if (n < 0) {
            throw new IllegalArgumentException("take: negative count " + n);
        }
        if (n == 0) {
            return Producer.closed();
        }
        return Producer.start(0, out -> {
            for (long i = 0; i < n; i++) {
                T v = recvOrDone(done, in);
                if (v == null || !sendOrDone(done, out, v)) {
                    return;
                }
            }
        });
    }

    /**
     * Each value of {@code in} converted by {@code fn}: the typed stage. Mirrors the book's
     * {@code func toString(done <-chan interface{}, valueStream <-chan interface{}) <-chan string}
     * (and {@code toInt}, {@code multiply}, {@code add}): in Java the conversion is a function and the
     * types are checked by the compiler, so no type assertion can fail at run time. The output closes
     * when {@code in} is drained or {@code done} closes.
     */
    public static <I, O> RecvChan<O> map(RecvChan<?> done, RecvChan<? extends I> in,
            Function<? super I, ? extends O> fn) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(fn, "fn");
        return Producer.start(0, out -> {
            for (I v; (v = recvOrDone(done, in)) != null; ) {
                if (!sendOrDone(done, out, fn.apply(v))) {
                    return;
                }
            }
        });
    }

    /**
     * The values of {@code in} that satisfy {@code keep}: a stage that drops values, such as the book's
     * {@code func primeFinder(done <-chan interface{}, intStream <-chan int) <-chan interface{}}. The
     * output closes when {@code in} is drained or {@code done} closes.
     */
    public static <T> RecvChan<T> filter(RecvChan<?> done, RecvChan<? extends T> in, Predicate<? super T> keep) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(keep, "keep");
        return Producer.start(0, out -> {
            for (T v; (v = recvOrDone(done, in)) != null; ) {
                if (keep.test(v) && !sendOrDone(done, out, v)) {
                    return;
                }
            }
        });
    }

    /**
     * A queue in the pipeline: the values of {@code in}, through a buffer of {@code capacity}, so that the
     * stage before it can run up to {@code capacity + 1} values ahead of the stage after it (the buffer,
     * plus the value this stage holds). The book's "Queuing" section, where a stage's output is made with
     * {@code make(chan interface{}, n)} instead of {@code make(chan interface{})}. The output closes when {@code in}
     * is drained (the values still buffered then stay readable) or when {@code done} closes.
     *
     * <p><b>What a queue does, and what it does not.</b> A pipeline's throughput is that of its slowest
     * stage; a queue changes how long the other stages wait, not how fast the whole runs. Little's law
     * says why: in a stable system {@code L = λW}, where L is the number of values in the system, λ the
     * rate at which they arrive (and leave) and W the time each spends inside. A queue adds to L; it
     * does not raise λ, which the slowest stage fixes, so all it can do is make W longer. If a stage
     * takes 1 ms per value (λ at most 1000 values/s), a buffer of 100 in front of it, once full (and
     * before a stage that is always slower it always is), adds 100 / 1000 s = 100 ms of latency to every
     * value and nothing to the throughput: it only hides the slow stage, and uses memory for the values
     * in flight (lost if the process dies). To go faster, make the slow stage faster, or run copies of
     * it ({@link Channels#fanOut}).
     *
     * <p>Where a queue does help, as the book says: (1) in front of a stage that works in batches, when
     * batching saves time (a buffered writer that writes chunks instead of single values; the book's
     * {@code bufio} benchmark runs about twice as fast); (2) at the entrance of a pipeline, when a delay
     * would otherwise feed back into more load (clients that time out and retry while the pipeline
     * blocks them: the queue takes their requests, so the pipeline does not spiral into collapse);
     * (3) to let an upstream stage finish its own work early and release what it holds (the book's
     * sketch: a 1 s stage feeding a 4 s stage three values through a buffer of 2 is done after 3 s
     * instead of 9 s; the pipeline still takes 13 s), or to absorb bursts of a stage whose speed varies.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative
     */
    public static <T> RecvChan<T> buffer(RecvChan<?> done, RecvChan<? extends T> in, int capacity) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(in, "in");
        if (capacity < 0) {
            throw new IllegalArgumentException("buffer: negative capacity " + capacity);
        }
        return Producer.start(capacity, out -> {
            for (T v; (v = recvOrDone(done, in)) != null; ) {
                if (!sendOrDone(done, out, v)) {
                    return;
                }
            }
        });
    }
}
