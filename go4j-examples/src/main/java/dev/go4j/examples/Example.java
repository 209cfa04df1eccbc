package dev.go4j.examples;

import java.io.PrintStream;

/**
 * One example program of the book, ported to go4j. It prints to the stream it is given (not to
 * {@code System.out}), so that tests can read what it printed.
 */
@FunctionalInterface
public interface Example {
    /**
     * Runs the example.
     *
     * @param out where the example prints
     * @throws Exception whatever the example's main would have ended with
     */
    void run(PrintStream out) throws Exception;
}
