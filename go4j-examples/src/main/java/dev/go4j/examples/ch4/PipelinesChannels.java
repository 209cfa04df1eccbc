package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Channels;
import java.io.PrintStream;
import java.util.function.IntUnaryOperator;

/**
 * C4-15, Best practices for constructing pipelines: generator → multiply → add → multiply over
 * channels, every stage a goroutine that honours {@code done}. The point of the example is how a stage
 * is written, so the stages are the book's inline code (the library's version is
 * {@code Pipelines.generator/map}).
 */
public final class PipelinesChannels implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            RecvChan<Integer> intStream = generator(done, 1, 2, 3, 4);
            RecvChan<Integer> pipeline = multiply(done, add(done, multiply(done, intStream, 2), 1), 2);
            for (int v : pipeline) {
                out.println(v);
            }
        }
    }

    static RecvChan<Integer> generator(RecvChan<?> done, int... integers) {
        Chan<Integer> intStream = Chan.make();
        Go.go(() -> {
            try (intStream) {
                for (int i : integers) {
                    if (!Channels.sendOrDone(done, intStream, i)) {
                        return;
                    }
                }
            }
        });
        return intStream;
    }

    static RecvChan<Integer> multiply(RecvChan<?> done, RecvChan<Integer> intStream, int multiplier) {
        return stage(done, intStream, i -> i * multiplier);
    }

    static RecvChan<Integer> add(RecvChan<?> done, RecvChan<Integer> intStream, int additive) {
        return stage(done, intStream, i -> i + additive);
    }

    /** The shape the book repeats in each stage: range over the input, select on the send and done. */
    private static RecvChan<Integer> stage(RecvChan<?> done, RecvChan<Integer> in, IntUnaryOperator fn) {
        Chan<Integer> out = Chan.make();
        Go.go(() -> {
            try (out) {
                for (int i : in) {
                    if (!Channels.sendOrDone(done, out, fn.applyAsInt(i))) {
                        return;
                    }
                }
            }
        });
        return out;
    }
}
