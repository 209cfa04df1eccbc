package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Channels;
import java.io.PrintStream;

/**
 * C4-24, The bridge-channel: {@link Channels#bridge} flattens a channel of ten one-value channels into
 * one stream; called, as in the book, with a nil {@code done}.
 */
public final class BridgeChannel implements Example {
    @Override
    public void run(PrintStream out) {
        for (int v : Channels.<Integer>bridge(Chan.nil(), genVals())) {
            out.printf("%d ", v);
        }
        out.println();
    }

    static RecvChan<RecvChan<Integer>> genVals() {
        Chan<RecvChan<Integer>> chanStream = Chan.make();
        Go.go(() -> {
            try (chanStream) {
                for (int i = 0; i < 10; i++) {
                    Chan<Integer> stream = Chan.make(1);
                    stream.send(i);
                    stream.close();
                    chanStream.send(stream);
                }
            }
        });
        return chanStream;
    }
}
