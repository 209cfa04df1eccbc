package dev.go4j.examples.ch3;

import dev.go4j.Go;
import dev.go4j.UncheckedInterruptedException;
import dev.go4j.examples.Example;
import dev.go4j.runtime.DeadlockError;
import dev.go4j.sync.Once;
import dev.go4j.sync.WaitGroup;
import java.io.PrintStream;

/**
 * C3-13, C3-14 and C3-15, sync: Once. {@code HUNDRED}: 100 goroutines call {@code once.Do(increment)}:
 * {@code Count is 1}. {@code DIFF_FUNCS}: {@code Do(increment)} then {@code Do(decrement)} on one
 * {@code Once}: {@code Count: 1} (Once counts calls to {@code Do}, not functions). {@code CIRCULAR}:
 * {@code onceA.Do(initA)} where initA calls {@code onceB.Do(initB)} and initB calls
 * {@code onceA.Do(initA)}: a deadlock, reported under {@link Go#main} by go4j's detector as Go does.
 */
public final class Onces implements Example {
    /** Which of the programs. */
    public enum Variant { HUNDRED, DIFF_FUNCS, CIRCULAR }

    private final Variant variant;
    private int count;

    /** One of the programs. */
    public Onces(Variant variant) {
        this.variant = variant;
    }

    @Override
    public void run(PrintStream out) throws Exception {
        switch (variant) {
            case HUNDRED -> {
                Once once = new Once();
                WaitGroup increments = new WaitGroup();
                increments.add(100);
                for (int i = 0; i < 100; i++) {
                    Go.go(() -> {
                        try {
                            once.run(() -> count++);
                        } finally {
                            increments.done();
                        }
                    });
                }
                increments.await();
                out.printf("Count is %d%n", count);
            }
            case DIFF_FUNCS -> {
                Once once = new Once();
                once.run(() -> count++);
                once.run(() -> count--);
                out.printf("Count: %d%n", count);
            }
            case CIRCULAR -> circular(out);
        }
    }

    private static void circular(PrintStream out) throws Exception {
        Once onceA = new Once();
        Once onceB = new Once();
        Runnable[] initB = new Runnable[1];
        Runnable initA = () -> doOnce(onceB, initB[0]);
        initB[0] = () -> doOnce(onceA, initA);
        try {
            Go.main(() -> onceA.run(initA));
        } catch (DeadlockError reported) {
            // Go.main printed the report to System.err, once, as Go's runtime does; Go's process would
            // end here with exit status 2, the example just ends.
        }
    }

    /** {@code once.Do(f)} inside a {@code Runnable}, which cannot throw InterruptedException. */
    private static void doOnce(Once once, Runnable f) {
        try {
            once.run(f);
        } catch (InterruptedException e) {
            throw new UncheckedInterruptedException(e);
        }
    }
}
