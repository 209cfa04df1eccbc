package dev.go4j.examples.ch1;

import dev.go4j.examples.Example;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * C1-05, Starvation: a greedy worker holds the shared lock for its whole unit of work (three 1 ns
 * sleeps); a polite worker takes the lock three times per unit. Both run for the same time; the
 * greedy one gets more loops done (the book: about twice as many).
 */
public final class Starvation implements Example {
    private static final Duration NANO = Duration.ofNanos(1);

    private final Duration runtime;

    /** The book's program: both workers run for 1 s. */
    public Starvation() {
        this(Duration.ofSeconds(1));
    }

    /** Both workers run for {@code runtime} (tests use a short one). */
    public Starvation(Duration runtime) {
        this.runtime = runtime;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        Mutex sharedLock = new Mutex();
        wg.go(() -> {
            int count = 0;
            for (Instant begin = Time.now(); Time.since(begin).compareTo(runtime) <= 0; count++) {
                sharedLock.lock();
                try {
                    Time.sleep(NANO);
                    Time.sleep(NANO);
                    Time.sleep(NANO);
                } finally {
                    sharedLock.unlock();
                }
            }
            out.printf("Greedy worker was able to execute %d work loops%n", count);
        });
        wg.go(() -> {
            int count = 0;
            for (Instant begin = Time.now(); Time.since(begin).compareTo(runtime) <= 0; count++) {
                for (int i = 0; i < 3; i++) {
                    sharedLock.lock();
                    try {
                        Time.sleep(NANO);
                    } finally {
                        sharedLock.unlock();
                    }
                }
            }
            out.printf("Polite worker was able to execute %d work loops.%n", count);
        });
        wg.await();
    }
}
