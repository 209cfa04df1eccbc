package dev.go4j.pattern;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A value or an error: the book's error handling, where errors travel down the channel with the data
 * to the goroutine that has the context to decide what to do about them, instead of being printed (or
 * swallowed) by the goroutine that met them. Mirrors the book's
 * <pre>
 * type Result struct {
 *     Error    error
 *     Response *http.Response
 * }
 * </pre>
 *
 * <pre>{@code
 * // given: RecvChan<?> done; RecvChan<String> urls; record Response(int status); Response httpGet(String url) throws IOException
 * RecvChan<Result<Response>> results = Pipelines.map(done, urls, url -> Result.of(() -> httpGet(url)));
 * int errors = 0;
 * for (Result<Response> r : results) {
 *     switch (r) {
 *         case Result.Ok<Response>(Response resp) -> System.out.println("Response: " + resp.status());
 *         case Result.Err<Response>(Throwable e) -> {
 *             System.out.println("error: " + e);
 *             if (++errors >= 3) { System.out.println("Too many errors, breaking!"); return; }
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>A result is immutable; it is safe to send and share once made.
 *
 * @param <T> the type of the value
 */
public sealed interface Result<T> permits Result.Ok, Result.Err {

    /**
     * A result with a value.
     *
     * @param value the value (may be {@code null}, e.g. for {@code Result<Void>})
     * @param <T> the type of the value
     */
    record Ok<T>(T value) implements Result<T> {}

    /**
     * A result with an error.
     *
     * @param error the error, never {@code null}
     * @param <T> the type the value would have had
     */
    record Err<T>(Throwable error) implements Result<T> {
        /** @throws NullPointerException if {@code error} is null */
        public Err {
            Objects.requireNonNull(error, "error");
        }
    }

    /** A result with {@code value}. */
    static <T> Result<T> ok(T value) {
        return new Ok<>(value);
    }

    /** A result with {@code error}. */
    static <T> Result<T> err(Throwable error) {
        return new Err<>(error);
    }

    /**
     * Runs {@code fn} and keeps what it returned or the exception it threw. An {@link Error} (out of
     * memory, assertion...) is not caught. If {@code fn} threw {@link InterruptedException}, the
     * current thread's interrupt status is set again, so the interruption is not lost.
     */
    static <T> Result<T> of(Callable<? extends T> fn) {
        Objects.requireNonNull(fn, "fn");
        try {
            return new Ok<>(fn.call());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Err<>(e);
        } catch (Exception e) {
            return new Err<>(e);
        }
    }

    /** True for a value, false for an error. */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /**
     * The value, or the error rethrown: an unchecked one ({@link RuntimeException}, {@link Error}) as it
     * is, a checked one wrapped in a {@link CompletionException} (as {@code CompletableFuture.join} does).
     */
    default T orElseThrow() {
        return orElseThrow(e -> e instanceof RuntimeException r ? r : new CompletionException(e));
    }

    /**
     * The value, or the exception {@code toException} makes of the error (return the error itself to
     * rethrow it as it is). An {@link Error} is always rethrown as it is.
     */
    default <X extends Throwable> T orElseThrow(Function<? super Throwable, ? extends X> toException) throws X {
        Objects.requireNonNull(toException, "toException");
        return switch (this) {
            case Ok<T> ok -> ok.value();
            case Err<T> err when err.error() instanceof Error e -> throw e;
            case Err<T> err -> throw toException.apply(err.error());
        };
    }

    /** The value converted by {@code fn} (an exception it throws becomes the error), or this error. */
    default <U> Result<U> map(Function<? super T, ? extends U> fn) {
        Objects.requireNonNull(fn, "fn");
        return switch (this) {
            case Ok<T> ok -> of(() -> fn.apply(ok.value()));
            case Err<T> err -> new Err<>(err.error());
        };
    }
}
