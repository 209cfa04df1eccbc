package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Pipelines;
import java.io.PrintStream;

/**
 * C4-19, Some handy generators: the cost of "generic" stages (values as {@code Object}, plus a
 * converting stage, the book's {@code interface{}} and {@code toString}) against typed ones, per value
 * through {@code take(repeat(...))}. Java's generics are erased, so go4j's typed stages cost what its
 * generic ones do; the extra stage is what the "generic" pipeline pays. A quick measurement next to the
 * book's Go benchmark, not a JMH benchmark.
 */
public final class GeneratorsBenchmark implements Example {
    private final int n;

    /** 200,000 values per pipeline. */
    public GeneratorsBenchmark() {
        this(200_000);
    }

    /** With {@code n} values per pipeline. */
    public GeneratorsBenchmark(int n) {
        this.n = n;
    }

    @Override
    public void run(PrintStream out) {
        generic(n / 10);
        typed(n / 10); // warm-up
        double generic = generic(n);
        double typed = typed(n);
        out.printf("go4j: generic %.1f ns/op, typed %.1f ns/op (Go, in the book's run: generic 661.1 ns/op, typed 425.8 ns/op)%n",
                generic, typed);
    }

    private static double generic(int n) {
        long start = System.nanoTime();
        try (Chan<Object> done = Chan.make()) {
            for (String s : Pipelines.map(done, Pipelines.take(done, Pipelines.<Object>repeat(done, "a"), n), v -> (String) v)) {
                s.length();
            }
        }
        return (System.nanoTime() - start) / (double) n;
    }

    private static double typed(int n) {
        long start = System.nanoTime();
        try (Chan<Object> done = Chan.make()) {
            for (String s : Pipelines.take(done, Pipelines.repeat(done, "a"), n)) {
                s.length();
            }
        }
        return (System.nanoTime() - start) / (double) n;
    }
}
