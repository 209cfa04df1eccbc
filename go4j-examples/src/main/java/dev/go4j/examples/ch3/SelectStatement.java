package dev.go4j.examples.ch3;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import dev.go4j.examples.GoLog;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * C3-33 to C3-37, The select Statement: a one-case select blocks until its channel closes (5 s);
 * select chooses uniformly among ready cases (two closed channels, 1001 rounds); a timeout case over a
 * nil channel; {@code default} when nothing is ready; a for-select loop that works until signalled.
 */
public final class SelectStatement implements Example {
    /** Which of the programs. */
    public enum Variant { BLOCKING, FAIRNESS, TIMEOUT, DEFAULT, FOR_SELECT_DEFAULT }

    private final Variant variant;

    /** One of the programs. */
    public SelectStatement(Variant variant) {
        this.variant = variant;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        switch (variant) {
            case BLOCKING -> blocking(out);
            case FAIRNESS -> fairness(out);
            case TIMEOUT -> {
                RecvChan<Integer> c = Chan.nil();
                Select.select(
                        Select.recv(c, v -> null),
                        Select.recv(Time.after(Duration.ofSeconds(1)), t -> {
                            out.println("Timed out.");
                            return null;
                        }));
            }
            case DEFAULT -> {
                Instant start = Time.now();
                RecvChan<Object> c1 = Chan.nil();
                RecvChan<Object> c2 = Chan.nil();
                Select.select(
                        Select.recv(c1, v -> null),
                        Select.recv(c2, v -> null),
                        Select.defaultCase(() -> {
                            out.printf("In default after %dns%n", Time.since(start).toNanos());
                            return null;
                        }));
            }
            case FOR_SELECT_DEFAULT -> forSelectDefault(out);
        }
    }

    private static void blocking(PrintStream out) throws InterruptedException {
        Instant start = Time.now();
        Chan<Object> c = Chan.make();
        Go.go(() -> {
            Time.sleep(Duration.ofSeconds(5));
            c.close();
        });
        out.println("Blocking on read...");
        Select.select(Select.recv(c, v -> {
            out.printf("Unblocked %s later.%n", GoLog.duration(Time.since(start)));
            return null;
        }));
    }

    private static void fairness(PrintStream out) throws InterruptedException {
        Chan<Object> c1 = Chan.make();
        c1.close();
        Chan<Object> c2 = Chan.make();
        c2.close();
        int[] counts = new int[2];
        for (int i = 1000; i >= 0; i--) {
            Select.select(
                    Select.recv(c1, v -> counts[0]++),
                    Select.recv(c2, v -> counts[1]++));
        }
        out.printf("c1Count: %d%nc2Count: %d%n", counts[0], counts[1]);
    }

    private static void forSelectDefault(PrintStream out) throws InterruptedException {
        Chan<Object> done = Chan.make();
        Go.go(() -> {
            Time.sleep(Duration.ofSeconds(5));
            done.close();
        });
        int workCounter = 0;
        for (;;) {
            boolean stop = Select.select(Select.recv(done, v -> true), Select.defaultCase(() -> false));
            if (stop) {
                break;
            }
            // Simulate work
            workCounter++;
            Time.sleep(Duration.ofSeconds(1));
        }
        out.printf("Achieved %d cycles of work before signalled to stop.%n", workCounter);
    }
}
