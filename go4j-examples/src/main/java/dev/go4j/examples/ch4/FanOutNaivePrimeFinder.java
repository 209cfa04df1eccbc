package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Pipelines;
import dev.go4j.pattern.Stage;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * C4-20, Fan-out, fan-in: a deliberately slow prime finder (trial division) as one pipeline stage over
 * random ints below 50,000,000; take the first 10 primes. The book's run took 7.89 s in Go.
 */
public final class FanOutNaivePrimeFinder implements Example {
    /** The book's bound for the random ints. */
    static final int BOUND = 50_000_000;

    private final int bound;
    private final long seed;

    /** The book's program. */
    public FanOutNaivePrimeFinder() {
        this(BOUND, System.nanoTime());
    }

    /** With a smaller bound (tests) and a fixed seed. */
    public FanOutNaivePrimeFinder(int bound, long seed) {
        this.bound = bound;
        this.seed = seed;
    }

    @Override
    public void run(PrintStream out) {
        try (Chan<Object> done = Chan.make()) {
            long start = System.nanoTime();
            RecvChan<Integer> randIntStream = randInts(done, bound, seed);
            out.println("Primes:");
            for (int prime : Pipelines.take(done, primeFinder().apply(done, randIntStream), 10)) {
                out.printf("\t%d%n", prime);
            }
            out.printf("Search took: %s (Go, in the book's run: 7.89s)%n", took(start));
        }
    }

    static RecvChan<Integer> randInts(RecvChan<?> done, int bound, long seed) {
        Random random = new Random(seed);
        return Pipelines.repeatFn(done, () -> random.nextInt(bound));
    }

    /** The book's primeFinder: filter by trial division, slow on purpose. */
    static Stage<Integer, Integer> primeFinder() {
        return Stage.filter(FanOutNaivePrimeFinder::isPrime);
    }

    static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int divisor = n - 1; divisor > 1; divisor--) {
            if (n % divisor == 0) {
                return false;
            }
        }
        return true;
    }

    static String took(long startNanos) {
        return String.format("%.2fs", Duration.ofNanos(System.nanoTime() - startNanos).toMillis() / 1000.0);
    }

    static List<Integer> parse(List<String> lines) {
        return lines.stream().filter(l -> l.startsWith("\t")).map(l -> Integer.parseInt(l.trim())).toList();
    }
}
