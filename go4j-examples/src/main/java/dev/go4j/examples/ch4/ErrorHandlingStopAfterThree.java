package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Result;
import java.io.PrintStream;

/**
 * C4-11, Error handling: the consumer stops after three errors; leaving the loop closes {@code done}
 * (the book's {@code defer close(done)}), which stops the producer. Offline stub network, so the output
 * is the book's online one.
 */
public final class ErrorHandlingStopAfterThree implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            int errCount = 0;
            for (Result<StubFetcher.Response> result :
                    ErrorHandlingProper.checkStatus(done, "a", "https://www.google.com", "b", "c", "d")) {
                if (result instanceof Result.Err<StubFetcher.Response> e) {
                    out.printf("error: %s%n", e.error().getMessage());
                    errCount++;
                    if (errCount >= 3) {
                        out.println("Too many errors, breaking!");
                        break;
                    }
                    continue;
                }
                out.printf("Response: %s%n", result.orElseThrow().status());
            }
        }
    }
}
