package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Pipelines;
import java.io.PrintStream;
import java.util.concurrent.ThreadLocalRandom;

/** C4-17, Some handy generators: {@code repeatFn(rand)} repeats a function call; take 10 random ints. */
public final class GeneratorsRepeatFn implements Example {
    @Override
    public void run(PrintStream out) {
        try (Chan<Object> done = Chan.make()) {
            for (long num : Pipelines.take(done,
                    Pipelines.repeatFn(done, () -> ThreadLocalRandom.current().nextLong(Long.MAX_VALUE)), 10)) {
                out.println(num);
            }
        }
    }
}
