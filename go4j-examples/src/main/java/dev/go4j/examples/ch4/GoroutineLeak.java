package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import java.io.PrintStream;

/**
 * C4-04, Preventing goroutine leaks: {@code doWork(nil)} ranges over a nil channel, so its goroutine
 * never ends: {@code doWork exited.} is never printed and the goroutine is leaked.
 */
public final class GoroutineLeak implements Example {
    @Override
    public void run(PrintStream out) {
        doWork(Chan.nil(), out);
        // Perhaps more work is done here
        out.println("Done.");
    }

    static RecvChan<?> doWork(RecvChan<String> strings, PrintStream out) {
        Chan<Object> completed = Chan.make();
        Go.go(() -> {
            try {
                for (String s : strings) {
                    out.println(s);
                }
                out.println("doWork exited.");
            } finally {
                completed.close();
            }
        });
        return completed;
    }
}
