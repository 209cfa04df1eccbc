package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Channels;
import dev.go4j.pattern.Pipelines;
import java.io.PrintStream;

/** C4-23, The tee-channel: {@link Channels#tee} gives each value to both outputs, in order. */
public final class TeeChannel implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            Channels.Tee<Integer> tee = Channels.tee(done, Pipelines.take(done, Pipelines.repeat(done, 1, 2), 4));
            for (int val1 : tee.out1()) {
                out.printf("out1: %d, out2: %d%n", val1, tee.out2().recv());
            }
        }
    }
}
