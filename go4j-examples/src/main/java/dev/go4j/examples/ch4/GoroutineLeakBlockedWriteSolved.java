package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * C4-07, Preventing goroutine leaks: the producer selects on its send and on {@code done}, so closing
 * {@code done} ends it: {@code newRandStream closure exited.} is printed.
 */
public final class GoroutineLeakBlockedWriteSolved implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        Chan<Object> done = Chan.make();
        RecvChan<Integer> randStream = newRandStream(done, out);
        out.println("3 random ints:");
        for (int i = 1; i <= 3; i++) {
            out.printf("%d: %d%n", i, randStream.recv());
        }
        done.close();
        // Simulate ongoing work.
        Time.sleep(Duration.ofSeconds(1));
    }

    static RecvChan<Integer> newRandStream(RecvChan<?> done, PrintStream out) {
        Chan<Integer> randStream = Chan.make();
        Go.go(() -> {
            try (randStream) {
                for (boolean running = true; running; ) {
                    running = Select.select(
                            Select.send(randStream, ThreadLocalRandom.current().nextInt(), () -> true),
                            Select.recv(done, x -> false));
                }
            } finally {
                out.println("newRandStream closure exited.");
            }
        });
        return randStream;
    }
}
