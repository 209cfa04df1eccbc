package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Pipelines;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * C4-26, Queuing: one-byte writes to a temporary file, fed by {@code take(repeat(0))}, straight to the
 * file or through a buffered writer: the buffer (a queue) batches the writes, and the pipeline runs
 * about twice as fast in the book's Go run. A quick measurement next to the book's Go benchmark, not a
 * JMH benchmark.
 */
public final class QueuingBuffering implements Example {
    private final int n;

    /** 100,000 writes. */
    public QueuingBuffering() {
        this(100_000);
    }

    /** With {@code n} writes. */
    public QueuingBuffering(int n) {
        this.n = n;
    }

    @Override
    public void run(PrintStream out) throws IOException {
        Path file = Files.createTempFile("go4j-queuing", ".tmp");
        try {
            double unbuffered;
            try (OutputStream w = Files.newOutputStream(file)) {
                unbuffered = performWrite(w);
            }
            double buffered;
            try (OutputStream w = new BufferedOutputStream(Files.newOutputStream(file))) {
                buffered = performWrite(w);
            }
            out.printf("go4j: unbuffered %.1f ns/op, buffered %.1f ns/op (Go, in the book's run: 922.7 and 443.3 ns/op)%n",
                    unbuffered, buffered);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private double performWrite(OutputStream writer) throws IOException {
        long start = System.nanoTime();
        try (Chan<Object> done = Chan.make()) {
            for (byte b : Pipelines.take(done, Pipelines.repeat(done, (byte) 0), n)) {
                writer.write(b);
            }
        }
        return (System.nanoTime() - start) / (double) n;
    }
}
