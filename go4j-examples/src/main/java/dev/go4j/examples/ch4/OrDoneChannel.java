package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Channels;
import dev.go4j.pattern.Pipelines;
import java.io.PrintStream;

/**
 * C4-22, The or-done-channel: {@code for val := range orDone(done, myChan)} reads a channel while
 * respecting {@code done}, without the nested select at every read; here it counts ten values.
 */
public final class OrDoneChannel implements Example {
    @Override
    public void run(PrintStream out) {
        try (Chan<Object> done = Chan.make()) {
            var myChan = Pipelines.take(done, Pipelines.repeat(done, "v"), 10);
            int count = 0;
            for (String val : Channels.orDone(done, myChan)) {
                count += val.length();
            }
            out.println(count);
        }
    }
}
