package dev.go4j.examples.ch3;

import dev.go4j.examples.Example;
import java.io.PrintStream;

/**
 * C3-39, The defer Statement: a deferred call runs before a panic unwinds; Java's {@code finally}.
 * The panic is printed as Go prints it, instead of ending the program.
 */
public final class DeferBeforePanic implements Example {
    @Override
    public void run(PrintStream out) {
        try {
            try {
                throw new IllegalStateException("paniced");
            } finally {
                out.println("before the panic");
            }
        } catch (IllegalStateException e) {
            out.println("panic: " + e.getMessage());
        }
    }
}
