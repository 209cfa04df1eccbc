package dev.go4j.examples.ch5;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import dev.go4j.examples.GoLog;
import dev.go4j.pattern.Channels;
import dev.go4j.pattern.Pipelines;
import dev.go4j.time.Ticker;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * C5-16, Healing Unhealthy Goroutines: the ward emits 1, 2, then dies on -1; the steward (1 ms
 * timeout) restarts it, and {@link Channels#bridge} keeps one output stream across the restarts, so
 * the consumer reads exactly 1, 2, 1, 2, 1, 2. The steward is the book's inline code ({@link Steward}).
 */
public final class HealingWardWithBridge implements Example {
    @Override
    public void run(PrintStream out) {
        try (Chan<Object> done = Chan.make()) {
            Chan<RecvChan<Integer>> intChanStream = Chan.make();
            RecvChan<Integer> intStream = Channels.bridge(done, intChanStream);
            Steward.StartGoroutineFn doWork = ward(intChanStream, List.of(1, 2, -1, 3, 4, 5), out);
            Steward.newSteward(out, Duration.ofMillis(1), doWork).start(done, Duration.ofHours(1));
            for (int intVal : Pipelines.take(done, intStream, 6)) {
                out.printf("Received: %d%n", intVal);
            }
        }
    }

    /** The book's {@code doWorkFn}: each start of the ward hands a new stream to the bridge. */
    private static Steward.StartGoroutineFn ward(Chan<RecvChan<Integer>> intChanStream, List<Integer> intList,
            PrintStream out) {
        return (done, pulseInterval) -> {
            Chan<Integer> intStream = Chan.make();
            Chan<Object> heartbeat = Chan.make();
            Go.go(() -> {
                try (intStream) {
                    if (!Channels.sendOrDone(done, intChanStream, intStream)) {
                        return;
                    }
                    Ticker pulse = Time.newTicker(pulseInterval);
                    try {
                        for (;;) {
                            valueLoop:
                            for (int intVal : intList) {
                                if (intVal < 0) {
                                    GoLog.printf(out, "negative value: %d", intVal);
                                    return;
                                }
                                for (;;) {
                                    String what = Select.select(
                                            Select.recv(pulse.c(), t -> "pulse"),
                                            Select.send(intStream, intVal, () -> "sent"),
                                            Select.recv(done, x -> "done"));
                                    switch (what) {
                                        case "pulse" -> Heartbeats.sendPulse(heartbeat);
                                        case "sent" -> {
                                            continue valueLoop;
                                        }
                                        default -> {
                                            return;
                                        }
                                    }
                                }
                            }
                        }
                    } finally {
                        pulse.stop();
                    }
                }
            });
            return heartbeat;
        };
    }
}
