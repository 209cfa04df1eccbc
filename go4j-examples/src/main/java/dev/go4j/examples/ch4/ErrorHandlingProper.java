package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Channels;
import dev.go4j.pattern.Result;
import java.io.PrintStream;
import java.util.List;

/**
 * C4-10, Error handling: the goroutine sends a {@link Result} (the book's {@code Result{Error, Response}})
 * and the consumer, which knows more about the program, decides what an error means. Offline stub network.
 */
public final class ErrorHandlingProper implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            for (Result<StubFetcher.Response> result : checkStatus(done, "https://www.google.com", "https://badhost")) {
                switch (result) {
                    case Result.Err<StubFetcher.Response> e -> out.printf("error: %s%n", e.error().getMessage());
                    case Result.Ok<StubFetcher.Response> ok -> out.printf("Response: %s%n", ok.value().status());
                }
            }
        }
    }

    static RecvChan<Result<StubFetcher.Response>> checkStatus(RecvChan<?> done, String... urls) {
        Chan<Result<StubFetcher.Response>> results = Chan.make();
        Go.go(() -> {
            try (results) {
                for (String url : List.of(urls)) {
                    if (!Channels.sendOrDone(done, results, Result.of(() -> StubFetcher.get(url)))) {
                        return;
                    }
                }
            }
        });
        return results;
    }
}
