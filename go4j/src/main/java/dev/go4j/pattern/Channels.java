package dev.go4j.pattern;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.Selector;
import dev.go4j.SendChan;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The book's channel combinators (chapter 4 of <i>Concurrency in Go</i>): or-channel, or-done, tee,
 * bridge, fan-in and fan-out, and the two one-line idioms every stage is made of.
 *
 * <pre>{@code
 * // given: boolean isPrime(int n)
 * Chan<Object> done = Chan.make();
 * RecvChan<Integer> numbers = Pipelines.repeatFn(done, () -> ThreadLocalRandom.current().nextInt(50_000_000));
 * RecvChan<Integer> primes = Channels.fanOut(done, numbers, 4, Stage.filter(n -> isPrime(n)));
 * for (int p : Pipelines.take(done, primes, 10)) System.out.println(p);
 * done.close();                          // defer close(done): every goroutine above ends
 * }</pre>
 *
 * <p><b>Cancellation.</b> Every method takes a done channel first, as the book's functions do. Closing
 * it ends every goroutine the method started, promptly, even if nobody reads the output any more: each
 * of them selects on {@code done} in every send and every receive it blocks in. Pass
 * {@link Chan#nil()} for "never cancelled" (the book passes {@code nil}); a {@code Context}'s done
 * channel is a {@link RecvChan} too. {@code done} is only ever closed, never sent to.
 *
 * <p><b>Ownership.</b> Each method returns channels that it created and that its own goroutines close:
 * when the input is drained, or when {@code done} closes. Once that happened and the output was read
 * to its end (or {@code done} was closed), no goroutine of this class is left behind. Channels given as
 * input are only read, never closed.
 *
 * <p><b>Blocking and memory consistency.</b> The methods returning channels do not block. The outputs
 * are unbuffered, so a stage runs at most one value ahead of its reader. Values travel only through
 * channels, so sending a value into a combinator happens-before receiving it from its output.
 */
public final class Channels {
    /*
     * Implementation overview.
     *
     * Every goroutine here is a loop of recvOrDone / sendOrDone: two-case selects that prefer done, so
     * that each blocking step of each goroutine can be ended by closing done. Invariant: a goroutine of
     * this class blocks only inside such a select (or, for or(), in one select over all its inputs), and
     * the goroutine that returns a channel is the only one that closes it, exactly once, on every path out.
     *
     * Where the book adds goroutines, these do not: or() is one select over all inputs instead of a
     * recursive tree; tee and bridge receive with recvOrDone instead of ranging over orDone(...); fanIn's
     * forwarders count themselves out with an AtomicInteger (the last one closes the output) instead of a
     * WaitGroup and a closer goroutine.
     */

    private Channels() {}

    /**
     * One value from {@code in}, unless {@code done} closes first: the book's
     * <pre>
     * select {
     * case &lt;-done:
     * case v, ok := &lt;-in:
     * }
     * </pre>
     * and the body of {@code for v := range orDone(done, in)} without the extra goroutine. If both are
     * ready, {@code done} wins.
     *
     * @return the value, or {@code null} if {@code done} closed or {@code in} is closed and drained
     * @throws InterruptedException if interrupted while waiting; nothing was received
     */
    public static <T> T recvOrDone(RecvChan<?> done, RecvChan<? extends T> in) throws InterruptedException {
        return Select.selectBiased(Select.recv(done, x -> null), Select.recv(in, v -> v));
    }

    /**
     * Sends {@code v} on {@code out}, unless {@code done} closes first: the book's
     * <pre>
     * select {
     * case &lt;-done:
     *     return
     * case out &lt;- v:
     * }
     * </pre>
     * Every stage sends this way, so that a stage whose reader went away still ends when {@code done}
     * closes. If both are ready, {@code done} wins.
     *
     * @return true if sent, false if {@code done} closed (then {@code v} was not sent)
     * @throws InterruptedException if interrupted while waiting; nothing was sent
     */
    public static <T> boolean sendOrDone(RecvChan<?> done, SendChan<? super T> out, T v)
            throws InterruptedException {
        return Select.selectBiased(Select.recv(done, x -> false), Select.send(out, v, () -> true));
    }

    /**
     * The or-channel: a channel that closes as soon as any of {@code channels} closes (or delivers a
     * value). Mirrors the book's {@code func or(channels ...<-chan interface{}) <-chan interface{}}.
     *
     * <p>As the book: no channels gives the nil channel (never closes), one channel gives that channel
     * itself. For two or more, the book recurses into a tree of goroutines; here one goroutine waits in
     * a single select over all of them, and closes the result when the first one fires. That goroutine
     * ends then, and not before: if none of the inputs ever closes it waits forever, so include a done
     * channel among them when the inputs might all stay open. The inputs are meant to be done channels,
     * only ever closed; a value sent on one is taken by the or-channel's goroutine, as in the book.
     *
     * @return a channel that is closed when any input closes; it never carries a value
     */
    public static RecvChan<?> or(RecvChan<?>... channels) {
        return or(List.of(channels));
    }

    /** {@link #or(RecvChan...)} over a list. */
    public static RecvChan<?> or(List<? extends RecvChan<?>> channels) {
        List<? extends RecvChan<?>> inputs = List.copyOf(channels);
        if (inputs.isEmpty()) {
            return Chan.nil();
        }
        if (inputs.size() == 1) {
            return inputs.get(0);
        }
        @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation
        Select.Case<?, RuntimeException>[] anyOf = inputs.stream().map(c -> Select.recv(c, v -> v)).toArray(Select.Case[]::new);
        return Producer.start(0, out -> Select.select(anyOf));
    }

    /**
     * The or-done-channel: the values of {@code c}, until {@code c} closes or {@code done} closes.
     * Mirrors the book's {@code func orDone(done, c <-chan interface{}) <-chan interface{}}, which lets
     * a consumer write a plain {@code for v := range orDone(done, c)} that still honours done.
     *
     * <p>Its goroutine closes the output when {@code c} is drained or {@code done} closes, and then
     * ends, also if it was blocked handing a value to a reader that went away. Inside a goroutine of
     * your own, {@link #recvOrDone} does the same without the extra goroutine.
     */
    public static <T> RecvChan<T> orDone(RecvChan<?> done, RecvChan<? extends T> c) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(c, "c");
        return Producer.start(0, out -> {
            for (T v; (v = recvOrDone(done, c)) != null; ) {
                if (!sendOrDone(done, out, v)) {
                    return;
                }
            }
        });
    }

    /**
     * The two outputs of {@link #tee}: the book's {@code out1, out2}.
     *
     * @param out1 the first copy of the stream
     * @param out2 the second copy of the stream
     * @param <T> the element type
     */
    public record Tee<T>(RecvChan<T> out1, RecvChan<T> out2) {}

    /**
     * The tee-channel: every value of {@code in} on both outputs, in order. Mirrors the book's
     * {@code func tee(done <-chan interface{}, in <-chan interface{}) (_, _ <-chan interface{})}.
     *
     * <p>Each value is delivered to both outputs, in whichever order their readers come, before the
     * next value is read from {@code in}: the two readers proceed in lock-step, and a reader that stops
     * reading stops the other one too (until {@code done} closes). Its goroutine closes both outputs
     * when {@code in} is drained or {@code done} closes, and then ends.
     */
    public static <T> Tee<T> tee(RecvChan<?> done, RecvChan<? extends T> in) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(in, "in");
        Chan<T> out1 = Chan.make();
        Chan<T> out2 = Chan.make();
        Go.go(() -> {
            try (out1; out2) {
                // The book's inner select: each value goes to both outputs, whichever reader is first; the
                // output already served is switched off (the book sets it to nil) so it cannot fire again.
                Selector s = new Selector();
                var onDone = s.recv(done);
                var to1 = s.send(out1);
                var to2 = s.send(out2);
                for (T v; (v = recvOrDone(done, in)) != null; ) {
                    to1.enabled(true).value(v);
                    to2.enabled(true).value(v);
                    for (int served = 0; served < 2; served++) {
                        Selector.Case fired = s.selectBiased();
                        if (fired == onDone) {
                            return;
                        }
                        (fired == to1 ? to1 : to2).enabled(false);
                    }
                }
            } catch (InterruptedException stopped) {
                // Both outputs are closed: their readers see the end of the stream.
            }
        });
        return new Tee<>(out1, out2);
    }

    /**
     * The bridge-channel: the values of a sequence of channels, as one channel. Mirrors the book's
     * {@code func bridge(done <-chan interface{}, chanStream <-chan <-chan interface{}) <-chan interface{}}.
     *
     * <p>Reads each channel of {@code chanStream} to its end before taking the next one, so the order
     * of values is kept within and across channels. Its goroutine closes the output when
     * {@code chanStream} is drained (after the last inner channel is drained) or when {@code done}
     * closes, and then ends, whether it was waiting for the next channel, for a value of the current
     * one, or for a reader.
     */
    public static <T> RecvChan<T> bridge(RecvChan<?> done, RecvChan<? extends RecvChan<? extends T>> chanStream) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(chanStream, "chanStream");
        return Producer.start(0, out -> {
            for (RecvChan<? extends T> stream; (stream = recvOrDone(done, chanStream)) != null; ) {
                for (T v; (v = recvOrDone(done, stream)) != null; ) {
                    if (!sendOrDone(done, out, v)) {
                        return;
                    }
                }
            }
        });
    }

    /**
     * Fan-in: the values of all {@code channels}, multiplexed onto one channel. Mirrors the book's
     * {@code func fanIn(done <-chan interface{}, channels ...<-chan interface{}) <-chan interface{}}.
     *
     * <p>Every value of every input comes out exactly once; values of one input keep their order, values
     * of different inputs interleave in no particular order. One goroutine per input forwards its
     * values; the last one to finish closes the output (the book uses a WaitGroup and one more
     * goroutine for that). The output is closed once every input is drained, or when {@code done}
     * closes; then no goroutine is left. No inputs: the output is closed at once.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // List.of copies the array
    public static <T> RecvChan<T> fanIn(RecvChan<?> done, RecvChan<? extends T>... channels) {
        return fanIn(done, List.of(channels));
    }

    /** {@link #fanIn(RecvChan, RecvChan...)} over a list. */
    public static <T> RecvChan<T> fanIn(RecvChan<?> done, List<? extends RecvChan<? extends T>> channels) {
        Objects.requireNonNull(done, "done");
        List<? extends RecvChan<? extends T>> inputs = List.copyOf(channels);
        if (inputs.isEmpty()) {
            return Producer.closed();
        }
        Chan<T> out = Chan.make();
        AtomicInteger running = new AtomicInteger(inputs.size());
        for (RecvChan<? extends T> in : inputs) {
            Go.go(() -> {
                try {
                    for (T v; (v = recvOrDone(done, in)) != null; ) {
                        if (!sendOrDone(done, out, v)) {
                            return;
                        }
                    }
                } catch (InterruptedException stopped) {
                    // Counted out below like a finished input.
                } finally {
                    if (running.decrementAndGet() == 0) {
                        out.close();
                    }
                }
            });
        }
        return out;
    }

    /**
     * Fan-out, then fan-in: starts {@code n} copies of {@code stage}, all reading {@code in}, and
     * multiplexes their outputs with {@link #fanIn}. The book's prime finder:
     * <pre>
     * finders := make([]&lt;-chan interface{}, numFinders)
     * for i := 0; i &lt; numFinders; i++ {
     *     finders[i] = primeFinder(done, randIntStream)
     * }
     * for prime := range take(done, fanIn(done, finders...), 10) { ... }
     * </pre>
     * is {@code take(done, fanOut(done, randIntStream, numFinders, Stage.filter(isPrime)), 10)}.
     *
     * <p>Worth it when the stage is slow and its values independent of each other (order is not kept).
     * Every copy closes its output when {@code in} is drained or {@code done} closes; the result closes
     * when all have, and then no goroutine is left.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static <I, O> RecvChan<O> fanOut(RecvChan<?> done, RecvChan<? extends I> in, int n,
            Stage<I, O> stage) {
        if (n < 1) {
            throw new IllegalArgumentException("fanOut: n must be at least 1, is " + n);
        }
        Objects.requireNonNull(stage, "stage");
        RecvChan<O>[] workers = newArray(n);
        for (int i = 0; i < n; i++) {
            workers[i] = stage.apply(done, in);
        }
        return fanIn(done, workers);
    }

    @SuppressWarnings("unchecked")
    private static <T> RecvChan<T>[] newArray(int n) {
        return (RecvChan<T>[]) new RecvChan<?>[n];
    }
}
