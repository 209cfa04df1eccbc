package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import java.io.PrintStream;

/**
 * C4-02, Confinement: lexical confinement; the owner creates, writes and closes the channel and only
 * hands out its read end, and the consumer only takes a read end. (C3-32 is the same program.)
 */
public final class ConfinementOwnership implements Example {
    @Override
    public void run(PrintStream out) {
        consumer(chanOwner(), out);
        out.println("Done receiving!");
    }

    static RecvChan<Integer> chanOwner() {
        Chan<Integer> results = Chan.make(5);
        Go.go(() -> {
            try (results) {
                for (int i = 0; i <= 5; i++) {
                    results.send(i);
                }
            }
        });
        return results;
    }

    static void consumer(RecvChan<Integer> results, PrintStream out) {
        for (int result : results) {
            out.printf("Received: %d%n", result);
        }
    }
}
