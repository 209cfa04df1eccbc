package dev.go4j.examples.ch3;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import dev.go4j.runtime.DeadlockError;
import java.io.PrintStream;

/**
 * C3-21, C3-27, C3-28 and C3-38: programs Go ends with {@code fatal error: all goroutines are asleep -
 * deadlock!}: the sender returns without sending; a receive from and a send to a nil channel; and
 * {@code select {}}. Each runs under {@link Go#main}, go4j's deadlock detector, which prints the
 * deadlock with the goroutine dump to {@code System.err}, as Go does (the stuck goroutine stays parked,
 * as the process would die in Go).
 */
public final class ChannelDeadlocks implements Example {
    /** Which of the programs. */
    public enum Variant { NEVER_SENT, NIL_RECV, NIL_SEND, EMPTY_SELECT }

    private final Variant variant;

    /** One of the programs. */
    public ChannelDeadlocks(Variant variant) {
        this.variant = variant;
    }

    @Override
    public void run(PrintStream out) throws Exception {
        try {
            Go.main(() -> {
                switch (variant) {
                    case NEVER_SENT -> {
                        Chan<String> stringStream = Chan.make();
                        Go.go(() -> {
                            if (0 != 1) {
                                return;
                            }
                            stringStream.send("Hello channels!");
                        });
                        out.println(stringStream.recv());
                    }
                    case NIL_RECV -> Chan.<Object>nil().recv();
                    case NIL_SEND -> Chan.<Object>nil().send(new Object());
                    case EMPTY_SELECT -> Select.select();
                }
            });
        } catch (DeadlockError reported) {
            // Go.main printed the report to System.err, once, as Go's runtime does; Go's process would
            // end here with exit status 2, the example just ends.
        }
    }
}
