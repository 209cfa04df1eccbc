package dev.go4j.examples.ch5;

import dev.go4j.Chan;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Replicas;
import dev.go4j.pattern.Result;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * C5-10, Replicated Requests: ten replicas of a request with a random load of 1 to 5 s; the first
 * answer wins and the others are cancelled ({@link Replicas#first}, the book's
 * {@code close(done); wg.Wait()}). Each replica reports how long it took, the cancelled ones their
 * simulated load, as in the book.
 */
public final class ReplicatedRequests implements Example {
    private final long seed;

    /** The book's program. */
    public ReplicatedRequests() {
        this(System.nanoTime());
    }

    /** With a fixed seed for the loads. */
    public ReplicatedRequests(long seed) {
        this.seed = seed;
    }

    /** The simulated load of each of the ten replicas: 1 to 5 s, drawn from {@code seed}. */
    static Duration[] loads(long seed) {
        Random random = new Random(seed);
        Duration[] loads = new Duration[10];
        for (int i = 0; i < loads.length; i++) {
            loads[i] = Duration.ofSeconds(1 + random.nextInt(5));
        }
        return loads;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        Duration[] loads = loads(seed);
        Result<Integer> first = Replicas.first(Chan.nil(), loads.length, (done, id) -> {
            Instant started = Time.now();
            Duration simulatedLoadTime = loads[id];
            Select.select(Select.recv(done, x -> x), Select.recv(Time.after(simulatedLoadTime), t -> t));
            Duration took = Time.since(started);
            if (took.compareTo(simulatedLoadTime) < 0) {
                took = simulatedLoadTime;
            }
            out.printf("%d took %s%n", id, String.format("%.1fs", took.toMillis() / 1000.0));
            return id;
        });
        out.printf("Received first answer from #%d.%n", first.orElseThrow());
    }
}
