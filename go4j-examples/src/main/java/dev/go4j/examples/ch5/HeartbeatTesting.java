package dev.go4j.examples.ch5;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import dev.go4j.time.Ticker;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * C5-07, C5-08 and C5-09, Heartbeats: testing a goroutine that takes 2 s to start. The book's three Go
 * tests run here as a program that prints {@code go test}'s verdict. C5-07 waits 1 s per value and fails
 * however correct the code is; C5-08 waits for the first heartbeat (one per unit of work), then reads
 * every value; C5-09 uses an interval heartbeat and a 2 s timeout between values.
 */
public final class HeartbeatTesting implements Example {
    /** Which of the book's tests. */
    public enum Variant { BAD, FIRST_HEARTBEAT, INTERVAL }

    private static final List<Integer> INT_SLICE = List.of(0, 1, 2, 3, 5);

    private final Variant variant;

    /** One of the book's three tests. */
    public HeartbeatTesting(Variant variant) {
        this.variant = variant;
    }

    record Worker(RecvChan<Object> heartbeat, RecvChan<Integer> ints) {}

    /** The book's DoWork: starts after 2 s; a pulse per value, or (with an interval) a pulse per tick. */
    static Worker doWork(RecvChan<?> done, Duration pulseInterval, List<Integer> nums) {
        Chan<Object> heartbeat = Chan.make(1);
        Chan<Integer> intStream = Chan.make();
        Go.go(() -> {
            try {
                Time.sleep(Duration.ofSeconds(2));
                if (pulseInterval == null) {
                    for (int n : nums) {
                        Heartbeats.sendPulse(heartbeat);
                        if (!Select.select(Select.recv(done, x -> false), Select.send(intStream, n, () -> true))) {
                            return;
                        }
                    }
                } else {
                    Ticker pulse = Time.newTicker(pulseInterval);
                    try {
                        numLoop:
                        for (int n : nums) {
                            for (;;) {
                                String what = Select.select(
                                        Select.recv(done, x -> "done"),
                                        Select.recv(pulse.c(), t -> "pulse"),
                                        Select.send(intStream, n, () -> "sent"));
                                switch (what) {
                                    case "done" -> {
                                        return;
                                    }
                                    case "pulse" -> Heartbeats.sendPulse(heartbeat);
                                    default -> {
                                        continue numLoop;
                                    }
                                }
                            }
                        }
                    } finally {
                        pulse.stop();
                    }
                }
            } finally {
                intStream.close();
                heartbeat.close();
            }
        });
        return new Worker(heartbeat, intStream);
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        Instant start = Time.now();
        String failure;
        try (Chan<Object> done = Chan.make()) {
            failure = switch (variant) {
                case BAD -> bad(done);
                case FIRST_HEARTBEAT -> firstHeartbeat(done);
                case INTERVAL -> interval(done);
            };
        }
        String name = "TestDoWork_GeneratesAllNumbers";
        String took = String.format("%.2fs", Time.since(start).toMillis() / 1000.0);
        if (failure == null) {
            out.printf("--- PASS: %s (%s)%n", name, took);
        } else {
            out.printf("--- FAIL: %s (%s)%n    %s%n", name, took, failure);
        }
    }

    private static String bad(RecvChan<?> done) throws InterruptedException {
        Worker w = doWork(done, null, INT_SLICE);
        for (int i = 0; i < INT_SLICE.size(); i++) {
            int expected = INT_SLICE.get(i);
            int index = i;
            String err = Select.select(
                    Select.recv(w.ints(), r -> r != expected
                            ? String.format("index %d: expected %d, but received %d,", index, expected, r) : ""),
                    Select.timeout(Duration.ofSeconds(1), () -> "test timed out"));
            if (!err.isEmpty()) {
                return err;
            }
        }
        return null;
    }

    private static String firstHeartbeat(RecvChan<?> done) throws InterruptedException {
        Worker w = doWork(done, null, INT_SLICE);
        w.heartbeat().recv();
        int i = 0;
        for (int r : w.ints()) {
            if (r != INT_SLICE.get(i)) {
                return String.format("index %d: expected %d, but received %d,", i, INT_SLICE.get(i), r);
            }
            i++;
        }
        return null;
    }

    private static String interval(RecvChan<?> done) throws InterruptedException {
        Duration timeout = Duration.ofSeconds(2);
        Worker w = doWork(done, timeout.dividedBy(2), INT_SLICE);
        w.heartbeat().recv();
        int[] i = {0};
        for (;;) {
            String verdict = Select.select(
                    Select.recv(w.ints(), r -> {
                        if (r == null) {
                            return "end";
                        }
                        int expected = INT_SLICE.get(i[0]);
                        i[0]++;
                        return r != expected
                                ? String.format("index %d: expected %d, but received %d,", i[0] - 1, expected, r) : "";
                    }),
                    Select.recv(w.heartbeat(), p -> ""),
                    Select.timeout(timeout, () -> "test timed out"));
            if (verdict.equals("end")) {
                return null;
            }
            if (!verdict.isEmpty()) {
                return verdict;
            }
        }
    }
}
