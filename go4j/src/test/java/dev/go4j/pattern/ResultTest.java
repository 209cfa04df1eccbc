package dev.go4j.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The book's error handling (chapter 4, "Error Handling": fig-patterns-proper-err-handling.go,
 * fig-stop-after-three-errors.go, C4-10/C4-11) with {@link Result}: errors travel with the data to the
 * consumer, which decides; and Result's Java manners (pattern matching, rethrowing, map).
 */
@Timeout(60)
@ExtendWith(PatternTesting.NoGoroutineLeft.class)
class ResultTest {

    /** A stub of http.Get: only URLs with a scheme work. */
    private static String fetch(String url) throws IOException {
        if (!url.startsWith("https://")) {
            throw new IOException("Get \"" + url + "\": unsupported protocol scheme \"\"");
        }
        return "200 OK";
    }

    /** The book's checkStatus: a goroutine that sends a Result per URL, and never prints an error itself. */
    private static RecvChan<Result<String>> checkStatus(RecvChan<?> done, String... urls) {
        return Pipelines.map(done, Pipelines.generator(done, urls), url -> Result.of(() -> fetch(url)));
    }

    /** C4-11: the consumer stops after three errors; closing done then stops the producer. */
    @Test
    void c4_11_consumerStopsAfterThreeErrors() {
        List<String> lines = new ArrayList<>();
        try (Chan<Object> done = Chan.make()) {
            int errCount = 0;
            for (Result<String> r : checkStatus(done, "a", "https://www.google.com", "b", "c", "d")) {
                switch (r) {
                    case Result.Ok<String>(String status) -> lines.add("Response: " + status);
                    case Result.Err<String>(Throwable e) -> {
                        lines.add("error: " + e.getMessage());
                        errCount++;
                    }
                }
                if (errCount >= 3) {
                    lines.add("Too many errors, breaking!");
                    break;
                }
            }
        }
        assertEquals(List.of(
                "error: Get \"a\": unsupported protocol scheme \"\"",
                "Response: 200 OK",
                "error: Get \"b\": unsupported protocol scheme \"\"",
                "error: Get \"c\": unsupported protocol scheme \"\"",
                "Too many errors, breaking!"), lines);
    }

    @Test
    void ofKeepsTheValueOrTheException() {
        Result<Integer> ok = Result.of(() -> 42);
        assertTrue(ok.isOk());
        assertEquals(new Result.Ok<>(42), ok);
        assertEquals(42, ok.orElseThrow());

        IOException io = new IOException("disk");
        Result<Integer> err = Result.of(() -> {
            throw io;
        });
        assertFalse(err.isOk());
        assertSame(io, ((Result.Err<Integer>) err).error());
        assertThrows(Error.class, () -> Result.of(() -> {
            throw new AssertionError("not caught");
        }));
        assertThrows(NullPointerException.class, () -> Result.err(null));
    }

    /** orElseThrow rethrows unchecked errors as they are and wraps checked ones in CompletionException. */
    @Test
    void orElseThrowRethrows() {
        IllegalStateException ise = new IllegalStateException("bad");
        assertSame(ise, assertThrows(IllegalStateException.class, () -> Result.err(ise).orElseThrow()));
        IOException io = new IOException("disk");
        assertSame(io, assertThrows(CompletionException.class, () -> Result.err(io).orElseThrow()).getCause());
        assertSame(io, assertThrows(IOException.class, () -> Result.err(io).orElseThrow(e -> (IOException) e)));
        StackOverflowError soe = new StackOverflowError();
        assertSame(soe, assertThrows(StackOverflowError.class, () -> Result.err(soe).orElseThrow(RuntimeException::new)));
    }

    @Test
    void mapConvertsValuesAndPassesErrorsOn() {
        assertEquals(Result.ok("42!"), Result.ok(42).map(v -> v + "!"));
        IOException io = new IOException("disk");
        Result<String> stillErr = Result.<Integer>err(io).map(v -> v + "!");
        assertInstanceOf(Result.Err.class, stillErr);
        assertSame(io, ((Result.Err<String>) stillErr).error());
        Result<Integer> failed = Result.ok(0).map(v -> 1 / v);
        assertInstanceOf(ArithmeticException.class, ((Result.Err<Integer>) failed).error());
    }

    /** An interrupted computation becomes an error, and the interrupt status is set again, not lost. */
    @Test
    void ofKeepsTheInterrupt() {
        Result<Object> r = Result.of(() -> {
            throw new InterruptedException("stop");
        });
        assertTrue(Thread.interrupted(), "interrupt status restored (and cleared here)");
        assertInstanceOf(InterruptedException.class, ((Result.Err<Object>) r).error());
    }
}
