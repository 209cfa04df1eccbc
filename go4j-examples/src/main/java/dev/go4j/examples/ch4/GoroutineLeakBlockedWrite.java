package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import java.io.PrintStream;
import java.util.concurrent.ThreadLocalRandom;

/**
 * C4-06, Preventing goroutine leaks: the producer blocks forever on its fourth send once the consumer
 * has taken three values; {@code newRandStream closure exited.} is never printed.
 */
public final class GoroutineLeakBlockedWrite implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        RecvChan<Integer> randStream = newRandStream(out);
        out.println("3 random ints:");
        for (int i = 1; i <= 3; i++) {
            out.printf("%d: %d%n", i, randStream.recv());
        }
    }

    static RecvChan<Integer> newRandStream(PrintStream out) {
        Chan<Integer> randStream = Chan.make();
        Go.go(() -> {
            try (randStream) {
                for (;;) {
                    randStream.send(ThreadLocalRandom.current().nextInt());
                }
            } finally {
                out.println("newRandStream closure exited.");
            }
        });
        return randStream;
    }
}
