package dev.go4j.examples.ch3;

import dev.go4j.examples.Example;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.WaitGroup;
import java.io.PrintStream;

/**
 * C3-09, sync: Mutex: six incrementers and six decrementers of a shared count, each a critical
 * section with a deferred {@code Unlock}: twelve {@code Incrementing: n} / {@code Decrementing: n}
 * lines, each value one off the previous, then {@code Arithmetic complete.}; the count ends at 0.
 */
public final class MutexCounter implements Example {
    private final Mutex lock = new Mutex();
    private int count;

    @Override
    public void run(PrintStream out) throws InterruptedException {
        WaitGroup arithmetic = new WaitGroup();
        for (int i = 0; i <= 5; i++) {
            arithmetic.go(() -> step(+1, "Incrementing", out));
        }
        for (int i = 0; i <= 5; i++) {
            arithmetic.go(() -> step(-1, "Decrementing", out));
        }
        arithmetic.await();
        out.println("Arithmetic complete.");
    }

    private void step(int delta, String what, PrintStream out) throws InterruptedException {
        lock.lock();
        try {
            count += delta;
            out.printf("%s: %d%n", what, count);
        } finally {
            lock.unlock();
        }
    }
}
