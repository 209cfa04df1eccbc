package dev.go4j.examples;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The demo (the tour's first stop): a producer/consumer pipeline that shows goroutines,
 * unbuffered and buffered channels, directional channels, select with a timeout and a default, close,
 * and range.
 *
 * <pre>
 *   numbers (producer) --&gt; squares (stage) --&gt; main (consumer, select over results and a quit channel)
 * </pre>
 */
public final class Demo implements Example {

    /** The producer owns its channel: it creates, writes and closes it, and hands out the read end. */
    static RecvChan<Integer> numbers(int n, PrintStream out) {
        Chan<Integer> numbers = Chan.make();
        Go.go(() -> {
            try (numbers) {
                for (int i = 1; i <= n; i++) {
                    out.println("producer: sending " + i);
                    numbers.send(i);
                }
                out.println("producer: done, closing");
            }
        });
        return numbers;
    }

    /** A pipeline stage: ranges over its input until it is closed, then closes its output. */
    static RecvChan<Integer> squares(RecvChan<Integer> in) {
        Chan<Integer> out = Chan.make(2);
        Go.go(() -> {
            try (out) {
                for (int v : in) {
                    out.send(v * v);
                }
            }
        });
        return out;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        RecvChan<Integer> results = squares(numbers(5, out));
        Chan<String> quit = Chan.make();

        int sum = 0;
        for (boolean open = true; open; ) {
            // select { case v, ok := <-results: ...  case <-quit: ...  case <-time.After(1s): ... }
            Integer v = Select.select(
                    Select.recv(results, x -> x == null ? -1 : x),
                    Select.recv(quit, x -> -2),
                    Select.timeout(Duration.ofSeconds(1), () -> -3));
            switch (v) {
                case -1 -> {
                    out.println("consumer: results closed, sum of squares = " + sum);
                    open = false;
                }
                case -2, -3 -> {
                    out.println("consumer: stopped early");
                    open = false;
                }
                default -> {
                    out.println("consumer: received " + v);
                    sum += v;
                }
            }
        }

        // A receive from a closed channel never blocks; a select with default never blocks either.
        String polled = Select.select(
                Select.recv(results, x -> "results closed, receive is ready: " + x),
                Select.defaultCase(() -> "nothing ready"));
        out.println("consumer: " + polled);
    }
}
