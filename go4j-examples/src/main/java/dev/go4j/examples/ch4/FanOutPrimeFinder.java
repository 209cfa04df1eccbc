package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Channels;
import dev.go4j.pattern.Pipelines;
import java.io.PrintStream;

/**
 * C4-21, Fan-out, fan-in: one prime finder per CPU ({@link Channels#fanOut}, which fans the copies back
 * in as the book's {@code fanIn} does); the order of the primes may vary. The book's run took 4.10 s in
 * Go on 2 cores, against 7.89 s for one finder (C4-20).
 */
public final class FanOutPrimeFinder implements Example {
    private final int bound;
    private final long seed;

    /** The book's program. */
    public FanOutPrimeFinder() {
        this(FanOutNaivePrimeFinder.BOUND, System.nanoTime());
    }

    /** With a smaller bound (tests) and a fixed seed. */
    public FanOutPrimeFinder(int bound, long seed) {
        this.bound = bound;
        this.seed = seed;
    }

    @Override
    public void run(PrintStream out) {
        try (Chan<Object> done = Chan.make()) {
            long start = System.nanoTime();
            RecvChan<Integer> randIntStream = FanOutNaivePrimeFinder.randInts(done, bound, seed);
            int numFinders = Runtime.getRuntime().availableProcessors();
            out.printf("Spinning up %d prime finders.%n", numFinders);
            out.println("Primes:");
            RecvChan<Integer> primes = Channels.fanOut(done, randIntStream, numFinders,
                    FanOutNaivePrimeFinder.primeFinder());
            for (int prime : Pipelines.take(done, primes, 10)) {
                out.printf("\t%d%n", prime);
            }
            out.printf("Search took: %s (Go, in the book's run: 4.10s)%n", FanOutNaivePrimeFinder.took(start));
        }
    }
}
