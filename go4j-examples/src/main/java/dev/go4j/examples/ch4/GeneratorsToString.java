package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Pipelines;
import java.io.PrintStream;

/**
 * C4-18, Some handy generators: the book's {@code toString} stage type-asserts {@code interface{}}
 * values to strings; here {@code Pipelines.map} with a cast plays that part.
 */
public final class GeneratorsToString implements Example {
    @Override
    public void run(PrintStream out) {
        try (Chan<Object> done = Chan.make()) {
            StringBuilder message = new StringBuilder();
            for (String token : Pipelines.map(done,
                    Pipelines.take(done, Pipelines.<Object>repeat(done, "I", "am."), 5), v -> (String) v)) {
                message.append(token);
            }
            out.printf("message: %s...%n", message);
        }
    }
}
