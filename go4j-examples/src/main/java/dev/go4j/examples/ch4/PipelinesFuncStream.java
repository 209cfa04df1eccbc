package dev.go4j.examples.ch4;

import dev.go4j.examples.Example;
import java.io.PrintStream;

/** C4-12, Pipelines: stream processing with plain functions, one value at a time: {@code multiply(add(multiply(v,2),1),2)}. */
public final class PipelinesFuncStream implements Example {
    @Override
    public void run(PrintStream out) {
        for (int v : new int[] {1, 2, 3, 4}) {
            out.println(multiply(add(multiply(v, 2), 1), 2));
        }
    }

    static int multiply(int value, int multiplier) {
        return value * multiplier;
    }

    static int add(int value, int additive) {
        return value + additive;
    }
}
