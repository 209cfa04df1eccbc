package dev.go4j.examples.ch3;

import dev.go4j.ChannelException;
import dev.go4j.Chan;
import dev.go4j.examples.Example;
import java.io.PrintStream;

/**
 * C3-29, C3-30 and C3-31, Channels (table 3-2): closing a nil channel, sending on a closed channel and
 * closing a closed one panic in Go; go4j throws {@link ChannelException} with Go's message, printed
 * here as Go prints a panic.
 */
public final class ChannelPanics implements Example {
    /** Which of the programs. */
    public enum Variant { CLOSE_NIL, SEND_CLOSED, CLOSE_CLOSED }

    private final Variant variant;

    /** One of the programs. */
    public ChannelPanics(Variant variant) {
        this.variant = variant;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        try {
            switch (variant) {
                case CLOSE_NIL -> Chan.nil().close();
                case SEND_CLOSED -> {
                    Chan<Integer> c = Chan.make(1);
                    c.close();
                    c.send(1);
                }
                case CLOSE_CLOSED -> {
                    Chan<Integer> c = Chan.make();
                    c.close();
                    c.close();
                }
            }
        } catch (ChannelException e) {
            out.println("panic: " + e.getMessage());
        }
    }
}
