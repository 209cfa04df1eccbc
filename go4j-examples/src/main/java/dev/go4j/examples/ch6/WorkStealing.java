package dev.go4j.examples.ch6;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import java.io.PrintStream;

/**
 * C6-01, Work Stealing: fork-join Fibonacci, every call a goroutine (the fork), {@code <-fib(n-1) +
 * <-fib(n-2)} the join. The book uses it to walk through Go's work-stealing deques; go4j's goroutines
 * are virtual threads, scheduled by the JDK's work-stealing ForkJoinPool, with
 * {@code Runtime.availableProcessors()} carriers by default (Go's GOMAXPROCS).
 */
public final class WorkStealing implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        out.printf("fib(4) = %d%n", fib(4).recv());
    }

    static RecvChan<Integer> fib(int n) {
        Chan<Integer> result = Chan.make();
        Go.go(() -> {
            try (result) {
                if (n <= 2) {
                    result.send(1);
                    return;
                }
                result.send(fib(n - 1).recv() + fib(n - 2).recv());
            }
        });
        return result;
    }
}
