package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * C4-05, Preventing goroutine leaks: a {@code done} channel lets the parent cancel a goroutine blocked
 * in a select on a nil channel; after 1 s it does, and the goroutine exits.
 */
public final class GoroutineLeakCancellation implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        Chan<Object> done = Chan.make();
        RecvChan<?> terminated = doWork(done, Chan.nil(), out);
        Go.go(() -> {
            // Cancel the operation after 1 second.
            Time.sleep(Duration.ofSeconds(1));
            out.println("Canceling doWork goroutine...");
            done.close();
        });
        terminated.recv();
        out.println("Done.");
    }

    static RecvChan<?> doWork(RecvChan<?> done, RecvChan<String> strings, PrintStream out) {
        Chan<Object> terminated = Chan.make();
        Go.go(() -> {
            try {
                for (boolean running = true; running; ) {
                    running = Select.select(
                            Select.recv(strings, s -> {
                                out.println(s);
                                return true;
                            }),
                            Select.recv(done, x -> false));
                }
                out.println("doWork exited.");
            } finally {
                terminated.close();
            }
        });
        return terminated;
    }
}
