package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Pipelines;
import java.io.PrintStream;

/** C4-16, Some handy generators: {@code take(10)} of the infinite {@code repeat(1)}. */
public final class GeneratorsRepeatTake implements Example {
    @Override
    public void run(PrintStream out) {
        try (Chan<Object> done = Chan.make()) {
            for (int num : Pipelines.take(done, Pipelines.repeat(done, 1), 10)) {
                out.printf("%d ", num);
            }
            out.println();
        }
    }
}
