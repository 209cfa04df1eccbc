package dev.go4j.examples.ch4;

import dev.go4j.examples.Example;
import java.io.PrintStream;

/** C4-13, Pipelines: batch stages, each takes a whole slice and returns a new one: {@code add(multiply(ints,2),1)}. */
public final class PipelinesBatch implements Example {
    @Override
    public void run(PrintStream out) {
        for (int v : add(multiply(new int[] {1, 2, 3, 4}, 2), 1)) {
            out.println(v);
        }
    }

    static int[] multiply(int[] values, int multiplier) {
        int[] multiplied = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            multiplied[i] = values[i] * multiplier;
        }
        return multiplied;
    }

    static int[] add(int[] values, int additive) {
        int[] added = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            added[i] = values[i] + additive;
        }
        return added;
    }
}
