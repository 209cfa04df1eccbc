package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Channels;
import dev.go4j.pattern.Pipelines;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * C4-25, Queuing: {@code take(3) → short (1 s per value) → buffer(2) → long (4 s per value)}. The
 * buffer lets the short stage finish at 3 s instead of 9 s, but the whole pipeline still takes 13 s:
 * a queue frees a stage early, it does not make the pipeline faster.
 */
public final class Queuing implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            Instant start = Time.now();
            RecvChan<Integer> zeros = Pipelines.take(done, Pipelines.repeat(done, 0), 3);
            RecvChan<Integer> shortStage = sleep(done, Duration.ofSeconds(1), zeros, "short", start, out);
            RecvChan<Integer> bufferStage = Pipelines.buffer(done, shortStage, 2);
            RecvChan<Integer> longStage = sleep(done, Duration.ofSeconds(4), bufferStage, "long", start, out);
            for (int v : longStage) {
                out.println(v);
            }
            out.printf("elapsed: %s%n", OrChannel.seconds(Time.since(start)));
        }
    }

    /** A stage that takes {@code d} per value and says when it has sent its last value. */
    static RecvChan<Integer> sleep(RecvChan<?> done, Duration d, RecvChan<Integer> in, String name,
            Instant start, PrintStream out) {
        Chan<Integer> outStream = Chan.make();
        Go.go(() -> {
            try (outStream) {
                for (int v : in) {
                    Time.sleep(d);
                    if (!Channels.sendOrDone(done, outStream, v)) {
                        return;
                    }
                }
                out.printf("%s stage finished: %s%n", name, OrChannel.seconds(Time.since(start)));
            }
        });
        return outStream;
    }
}
