package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import dev.go4j.pattern.Channels;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * C4-09, Error handling, the anti-pattern: the goroutine that meets an error prints it itself, and its
 * consumer never knows. The network is {@link StubFetcher} (offline, deterministic).
 */
public final class ErrorHandlingImproper implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            for (StubFetcher.Response response : checkStatus(done, out, "https://www.google.com", "https://badhost")) {
                out.printf("Response: %s%n", response.status());
            }
        }
    }

    static RecvChan<StubFetcher.Response> checkStatus(RecvChan<?> done, PrintStream out, String... urls) {
        Chan<StubFetcher.Response> responses = Chan.make();
        Go.go(() -> {
            try (responses) {
                for (String url : List.of(urls)) {
                    StubFetcher.Response resp;
                    try {
                        resp = StubFetcher.get(url);
                    } catch (IOException err) {
                        out.println(err.getMessage());
                        continue;
                    }
                    if (!Channels.sendOrDone(done, responses, resp)) {
                        return;
                    }
                }
            }
        });
        return responses;
    }
}
