package dev.go4j.examples.ch4;

import dev.go4j.examples.Example;
import java.io.PrintStream;

/** C4-14, Pipelines: a stage is added without touching the others: {@code multiply(add(multiply(ints,2),1),2)}. */
public final class PipelinesAddStage implements Example {
    @Override
    public void run(PrintStream out) {
        for (int v : PipelinesBatch.multiply(PipelinesBatch.add(PipelinesBatch.multiply(new int[] {1, 2, 3, 4}, 2), 1), 2)) {
            out.println(v);
        }
    }
}
