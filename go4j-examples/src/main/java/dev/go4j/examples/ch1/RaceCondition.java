package dev.go4j.examples.ch1;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import java.io.PrintStream;

/**
 * C1-01, Race Conditions: a goroutine increments {@code data} while main reads it, with no
 * synchronisation: a data race, on purpose. It prints nothing, {@code the value is 0.} or
 * {@code the value is 1.}, depending on the interleaving. (Java's memory model leaves the racy read
 * well-defined but unordered; go4j-race's agent reports the race as {@code go run -race} does .)
 */
public final class RaceCondition implements Example {
    /** The shared variable; plain, not volatile, on purpose. */
    private int data;

    @Override
    public void run(PrintStream out) throws InterruptedException {
        Thread g = Go.go(() -> data++);
        if (data == 0) {
            out.printf("the value is %d.%n", data);
        }
        g.join(); // not in the book (its main just exits); here so the example leaves nothing running
    }
}
