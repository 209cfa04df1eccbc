package dev.go4j.examples.ch3;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import dev.go4j.sync.Pool;
import dev.go4j.sync.WaitGroup;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * C3-16 and C3-17, sync: Pool. {@code BASIC}: {@code Get, Get, Put, Get} on a pool whose {@code New}
 * prints {@code Creating new instance.}: printed exactly twice, as {@code New} runs only when the pool
 * is empty. {@code BUFFERS}: 1,048,576 goroutines each get a 1 KB buffer from a pool seeded with four
 * and put it back: {@code N calculators were created.} with N far below the number of goroutines (the
 * book: 8; Go, in this repository's runs: 4 to 17). The counter is atomic (the listing's is not; the
 * book repository's PR #4 adds a mutex).
 */
public final class Pools implements Example {
    /** Which of the programs. */
    public enum Variant { BASIC, BUFFERS }

    private final Variant variant;
    private final int numWorkers;

    /** One of the programs, {@code BUFFERS} with the book's 1,048,576 goroutines. */
    public Pools(Variant variant) {
        this(variant, 1024 * 1024);
    }

    /** One of the programs, {@code BUFFERS} with {@code numWorkers} goroutines (tests use fewer). */
    public Pools(Variant variant, int numWorkers) {
        this.variant = variant;
        this.numWorkers = numWorkers;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        switch (variant) {
            case BASIC -> {
                Pool<Object> myPool = new Pool<>(() -> {
                    out.println("Creating new instance.");
                    return new Object();
                });
                myPool.get();
                Object instance = myPool.get();
                myPool.put(instance);
                myPool.get();
            }
            case BUFFERS -> buffers(out);
        }
    }

    private void buffers(PrintStream out) throws InterruptedException {
        AtomicInteger numCalcsCreated = new AtomicInteger();
        Supplier<byte[]> newBuffer = () -> {
            numCalcsCreated.incrementAndGet();
            return new byte[1024];
        };
        Pool<byte[]> calcPool = new Pool<>(newBuffer);
        for (int i = 0; i < 4; i++) {
            calcPool.put(newBuffer.get()); // seed the pool with 4 KB
        }
        WaitGroup wg = new WaitGroup();
        wg.add(numWorkers);
        for (int i = numWorkers; i > 0; i--) {
            Go.go(() -> {
                byte[] mem = calcPool.get();
                // Assume something interesting, but quick, is being done with this memory.
                calcPool.put(mem);
                wg.done();
            });
        }
        wg.await();
        out.printf("%d calculators were created.%n", numCalcsCreated.get());
    }
}
