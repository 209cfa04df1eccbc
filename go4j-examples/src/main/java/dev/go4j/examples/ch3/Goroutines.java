package dev.go4j.examples.ch3;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * C3-01, C3-02 and C3-04, Goroutines: a join point; a goroutine changing a variable of its closure (a
 * one-element array here, as Java lambdas capture only effectively-final locals); and the loop value
 * passed to each goroutine. The book's WaitGroup is only a join point in all three: this port joins
 * the goroutines' threads, which makes the same happens-before edge.
 */
public final class Goroutines implements Example {
    /** Which of the three programs. */
    public enum Variant { JOIN_POINT, CLOSURE, CLOSURE_LOOP }

    private final Variant variant;

    /** One of the three programs. */
    public Goroutines(Variant variant) {
        this.variant = variant;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        switch (variant) {
            case JOIN_POINT -> Go.go(() -> out.println("hello")).join();
            case CLOSURE -> {
                String[] salutation = {"hello"};
                Go.go(() -> salutation[0] = "welcome").join();
                out.println(salutation[0]);
            }
            case CLOSURE_LOOP -> {
                List<Thread> goroutines = new ArrayList<>();
                for (String salutation : List.of("hello", "greetings", "good day")) {
                    goroutines.add(Go.go(() -> out.println(salutation)));
                }
                for (Thread g : goroutines) {
                    g.join();
                }
            }
        }
    }
}
