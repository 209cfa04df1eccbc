package dev.go4j.examples.ch3;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * C3-07 and C3-08, sync: WaitGroup. {@code ADD_EACH}: {@code Add(1)} before each {@code go}, a deferred
 * {@code Done}, {@code Wait}: the two {@code ... goroutine sleeping...} lines in any order, then
 * {@code All goroutines complete.} last. {@code BULK_ADD}: one {@code Add(5)} for five greeters:
 * {@code Hello from 1!} to {@code Hello from 5!} in any order.
 */
public final class WaitGroups implements Example {
    /** Which of the programs. */
    public enum Variant { ADD_EACH, BULK_ADD }

    private final Variant variant;

    /** One of the programs. */
    public WaitGroups(Variant variant) {
        this.variant = variant;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        switch (variant) {
            case ADD_EACH -> {
                wg.add(1);
                Go.go(() -> {
                    try {
                        out.println("1st goroutine sleeping...");
                        Time.sleep(Duration.ofNanos(1));
                    } finally {
                        wg.done();
                    }
                });
                wg.add(1);
                Go.go(() -> {
                    try {
                        out.println("2nd goroutine sleeping...");
                        Time.sleep(Duration.ofNanos(2));
                    } finally {
                        wg.done();
                    }
                });
                wg.await();
                out.println("All goroutines complete.");
            }
            case BULK_ADD -> {
                int numGreeters = 5;
                wg.add(numGreeters);
                for (int i = 0; i < numGreeters; i++) {
                    int id = i + 1;
                    Go.go(() -> {
                        try {
                            out.printf("Hello from %d!%n", id);
                        } finally {
                            wg.done();
                        }
                    });
                }
                wg.await();
            }
        }
    }
}
