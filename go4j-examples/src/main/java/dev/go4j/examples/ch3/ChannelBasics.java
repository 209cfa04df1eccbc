package dev.go4j.examples.ch3;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.examples.Example;
import java.io.PrintStream;

/**
 * C3-20, C3-22, C3-23, C3-24 and C3-26, Channels: an unbuffered send and receive; the comma-ok receive
 * on an open channel and on a closed one (go4j's {@code recv} returns {@code null} for Go's
 * {@code ok == false}, and the zero value is printed as Go does); {@code range} until close; and a
 * buffered channel of capacity 4 that lets the producer finish before the consumer reads. (C3-26's
 * listing shares a buffer between the two goroutines, a data race; here both print to one stream.)
 */
public final class ChannelBasics implements Example {
    /** Which of the programs. */
    public enum Variant { SIMPLE, COMMA_OK, CLOSED, RANGE, BUFFERED }

    private final Variant variant;

    /** One of the programs. */
    public ChannelBasics(Variant variant) {
        this.variant = variant;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        switch (variant) {
            case SIMPLE -> {
                Chan<String> stringStream = Chan.make();
                Go.go(() -> stringStream.send("Hello channels!"));
                out.println(stringStream.recv());
            }
            case COMMA_OK -> {
                Chan<String> stringStream = Chan.make();
                Go.go(() -> stringStream.send("Hello channels!"));
                String salutation = stringStream.recv();
                out.printf("(%b): %s%n", salutation != null, salutation);
            }
            case CLOSED -> {
                Chan<Integer> intStream = Chan.make();
                intStream.close();
                Integer integer = intStream.recv();
                out.printf("(%b): %d%n", integer != null, integer == null ? 0 : integer);
            }
            case RANGE -> {
                Chan<Integer> intStream = Chan.make();
                Go.go(() -> {
                    try (intStream) {
                        for (int i = 1; i <= 5; i++) {
                            intStream.send(i);
                        }
                    }
                });
                for (int integer : intStream) {
                    out.printf("%d ", integer);
                }
                out.println();
            }
            case BUFFERED -> {
                buffered(out);
            }
        }
    }

    private static void buffered(PrintStream out) throws InterruptedException {
        Chan<Integer> intStream = Chan.make(4);
        Go.go(() -> {
            try {
                for (int i = 0; i < 5; i++) {
                    out.printf("Sending: %d%n", i);
                    intStream.send(i);
                }
                out.println("Producer Done.");
            } finally {
                intStream.close();
            }
        });
        for (int integer : intStream) {
            out.printf("Received %d.%n", integer);
        }
    }
}
