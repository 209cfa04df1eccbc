package dev.go4j.examples.ch3;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.examples.Example;
import java.io.PrintStream;

/**
 * C3-06, Goroutines: the cost of a context switch: two goroutines pass a token over an unbuffered
 * channel, started together by closing a {@code begin} channel; time per message. Go's figure is the
 * book's benchmark run with {@code -cpu=1}; go4j's runs on however many carrier threads the JVM has
 * (pass {@code -Djdk.virtualThreadScheduler.parallelism=1} for the same setting). A quick measurement,
 * not a JMH benchmark.
 */
public final class ContextSwitch implements Example {
    private final int n;

    /** A million messages. */
    public ContextSwitch() {
        this(1_000_000);
    }

    /** With {@code n} messages. */
    public ContextSwitch(int n) {
        this.n = n;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        measure(n / 10); // warm-up
        double nsPerOp = measure(n);
        out.printf("go4j: %.1f ns/op (Go, in the book's run with -cpu=1: 149.7 ns/op)%n", nsPerOp);
    }

    private static double measure(int n) throws InterruptedException {
        Chan<Object> begin = Chan.make();
        Chan<Object> c = Chan.make();
        Object token = new Object();
        Thread sender = Go.go(() -> {
            begin.recv();
            for (int i = 0; i < n; i++) {
                c.send(token);
            }
        });
        Thread receiver = Go.go(() -> {
            begin.recv();
            for (int i = 0; i < n; i++) {
                c.recv();
            }
        });
        long start = System.nanoTime();
        begin.close();
        sender.join();
        receiver.join();
        return (System.nanoTime() - start) / (double) n;
    }
}
