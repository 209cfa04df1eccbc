package dev.go4j.examples.ch5;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import java.io.PrintStream;
import java.util.concurrent.ThreadLocalRandom;

/**
 * C5-05, Heartbeats: a pulse before each unit of work, on a heartbeat channel buffered to 1 and sent
 * without blocking, so that a slow listener never holds up the work. Ten results; at most ten pulses.
 */
public final class WorkUnitPulse implements Example {
    record Worker(RecvChan<Object> heartbeat, RecvChan<Integer> results) {}

    static Worker doWork(RecvChan<?> done) {
        Chan<Object> heartbeatStream = Chan.make(1);
        Chan<Integer> workStream = Chan.make();
        Go.go(() -> {
            try {
                for (int i = 0; i < 10; i++) {
                    Heartbeats.sendPulse(heartbeatStream);
                    boolean sent = Select.select(
                            Select.recv(done, x -> false),
                            Select.send(workStream, ThreadLocalRandom.current().nextInt(10), () -> true));
                    if (!sent) {
                        return;
                    }
                }
            } finally {
                workStream.close();
                heartbeatStream.close();
            }
        });
        return new Worker(heartbeatStream, workStream);
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            Worker w = doWork(done);
            for (boolean more = true; more; ) {
                more = Select.select(
                        Select.recv(w.heartbeat(), p -> {
                            if (p != null) {
                                out.println("pulse");
                            }
                            return p != null;
                        }),
                        Select.recv(w.results(), r -> {
                            if (r != null) {
                                out.printf("results %d%n", r);
                            }
                            return r != null;
                        }));
            }
        }
    }
}
