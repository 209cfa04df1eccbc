package dev.go4j.examples.appa;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.examples.Example;
import dev.go4j.runtime.GoroutineInfo;
import dev.go4j.runtime.Goroutines;
import java.io.PrintStream;

/**
 * A-01, Anatomy of a Goroutine Error: a goroutine panics while main waits forever. In Go the panic
 * ends the program with its trace: the message, the panicking goroutine and its stack, and where it
 * was {@code created by}. go4j hands an uncaught exception in a goroutine to the panic handler
 * ({@link Go#setPanicHandler}; the default prints {@code panic: ...} to stderr); this example installs
 * one that prints Go's trace to its stream and then ends main, as the Go process would end.
 */
public final class GoroutineError implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        Chan<Object> exit = Chan.make();
        var previous = Go.setPanicHandler((goroutine, err) -> {
            out.printf("panic: %s%n%n", err.getMessage());
            GoroutineInfo self = Goroutines.all().stream().filter(g -> g.thread() == goroutine).findFirst().orElse(null);
            out.printf("goroutine %s [running]:%n", self == null ? "?" : self.id());
            StackTraceElement top = err.getStackTrace()[0];
            out.printf("%s.%s()%n\t%s:%d%n", top.getClassName(), top.getMethodName(), top.getFileName(), top.getLineNumber());
            if (self != null && self.createdBy() != null) {
                StackTraceElement c = self.createdBy();
                out.printf("created by %s.%s%n\t%s:%d%n", c.getClassName(), c.getMethodName(), c.getFileName(), c.getLineNumber());
            }
            exit.close();
        });
        try {
            Go.go(() -> {
                throw new IllegalStateException("test panic");
            });
            exit.recv(); // the book's <-waitForever; the panic ends it
            out.println("exit status 2");
        } finally {
            Go.setPanicHandler(previous);
        }
    }
}
