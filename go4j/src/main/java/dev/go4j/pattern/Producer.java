package dev.go4j.pattern;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;

/**
 * The goroutine behind every stage of this package: it owns its output channel, writes to it, and
 * closes it when it returns, whatever way it returns (the book's {@code defer close(out)}).
 */
final class Producer {
    private Producer() {}

    /** What a stage's goroutine does with its output; it returns when done closes or its input ends. */
    @FunctionalInterface
    interface Body<T> {
        void run(Chan<T> out) throws InterruptedException;
    }

    /**
     * Makes the output channel (of {@code capacity}), starts {@code body} in a goroutine, and returns
     * the receive-only view. The output is closed when the body returns or throws; an exception other
     * than an interrupt goes on to {@link Go}'s panic handler. An interrupt ends the stage quietly:
     * nobody holds a stage's thread, so it can only come from whoever means to stop everything.
     */
    static <T> RecvChan<T> start(int capacity, Body<T> body) {
        Chan<T> out = Chan.make(capacity);
        Go.go(() -> {
            try (out) {
                body.run(out);
            } catch (InterruptedException stopped) {
                // The output is closed: downstream sees the end of the stream.
            }
        });
        return out;
    }

    /** A channel that is already closed: the output of a stage with nothing to do. */
    static <T> RecvChan<T> closed() {
        Chan<T> out = Chan.make();
        out.close();
        return out;
    }
}
