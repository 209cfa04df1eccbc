package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Channels;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * C4-08, The or-channel: {@link Channels#or} closes as soon as any of its inputs closes: the shortest of
 * five signals (2 h, 5 min, 1 s, 1 h, 1 min) wins after about 1 s. The library's {@code or} is the
 * book's recursive function. Unlike the book's {@code sig}, the signal goroutines here also stop when
 * the example ends, so that none is left sleeping for hours.
 */
public final class OrChannel implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        try (Chan<Object> stop = Chan.make()) {
            Instant start = Time.now();
            Channels.or(
                    sig(Duration.ofHours(2), stop),
                    sig(Duration.ofMinutes(5), stop),
                    sig(Duration.ofSeconds(1), stop),
                    sig(Duration.ofHours(1), stop),
                    sig(Duration.ofMinutes(1), stop)).recv();
            out.printf("done after %s%n", seconds(Time.since(start)));
        }
    }

    static RecvChan<?> sig(Duration after, RecvChan<?> stop) {
        Chan<Object> c = Chan.make();
        Go.go(() -> {
            try (c) {
                Select.select(Select.recv(Time.after(after), t -> t), Select.recv(stop, x -> x));
            }
        });
        return c;
    }

    /** Go's %v of a duration, to the millisecond: {@code 1.0s}. */
    static String seconds(Duration d) {
        return String.format("%.1fs", d.toMillis() / 1000.0);
    }
}
