package dev.go4j.pattern;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.context.Cancelable;
import dev.go4j.context.Context;
import dev.go4j.context.Contexts;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Replicated requests (chapter 5 of <i>Concurrency in Go</i>): run the same request on several
 * replicas at once, take the first answer, cancel the rest. It trades resources for latency: the
 * answer comes as fast as the fastest replica.
 *
 * <pre>{@code
 * // given: int slowLookup(RecvChan<?> done, int id) throws InterruptedException
 * Result<Integer> r = Replicas.first(Chan.nil(), 10, (done, id) -> {
 *     return slowLookup(done, id);          // honours done: returns (or throws) once done closes
 * });
 * System.out.println("Received first answer: " + r.orElseThrow());
 * }</pre>
 */
public final class Replicas {
    private Replicas() {}

    /**
     * One replica of a request.
     *
     * @param <T> the type of the answer
     */
    @FunctionalInterface
    public interface Replica<T> {
        /**
         * Computes the answer. Should return (or throw) soon after {@code done} closes: it closes when
         * another replica has answered or the caller gave up; the answer is then ignored.
         *
         * @param done closed when this replica's work is no longer wanted
         * @param id the replica's number, from 0
         * @return the answer, not {@code null}
         */
        T run(RecvChan<?> done, int id) throws Exception;
    }

    /**
     * One replica of a request that takes a {@link Context}, as Go's request functions do (an
     * {@code http.NewRequestWithContext}, a database query).
     *
     * @param <T> the type of the answer
     */
    @FunctionalInterface
    public interface ContextReplica<T> {
        /**
         * Computes the answer. Should return (or throw) soon after {@code ctx} is done: it is cancelled
         * when another replica has answered or the caller's context is done.
         *
         * @param ctx a child of the caller's context, cancelled once this replica is no longer wanted
         * @param id the replica's number, from 0
         * @return the answer, not {@code null}
         */
        T run(Context ctx, int id) throws Exception;
    }

    /**
     * {@link #first(RecvChan, int, Replica)} with a {@link Context}: the replicas share a child of
     * {@code ctx} ({@code context.WithCancel(ctx)}) that is cancelled as soon as the first answer is
     * in, so a replica blocked in a context-aware call (a {@link dev.go4j.rate.Limiter#await}, a
     * {@link Contexts#recv}) gives up at once. If {@code ctx} is done before any answer, the result is
     * an error carrying {@code ctx.err()} ({@code context canceled} or {@code context deadline
     * exceeded}). As the done version, it returns only after every replica has returned.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     * @throws InterruptedException as {@link #first(RecvChan, int, Replica)}
     */
    public static <T> Result<T> first(Context ctx, int n, ContextReplica<? extends T> replica)
            throws InterruptedException {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(replica, "replica");
        try (Cancelable replicas = Contexts.withCancel(ctx)) {
            Context replicaCtx = replicas.context();
            return first(ctx.done(), n, (done, id) -> replica.run(replicaCtx, id), replicas::cancel, ctx::err);
        }
    }

    /**
     * Runs {@code n} replicas, each in its own goroutine, and returns the first answer; as soon as
     * it is in, the others are cancelled by closing their done channel. The book's
     * <pre>
     * done := make(chan interface{})
     * result := make(chan int)
     * for i := 0; i &lt; 10; i++ { go doWork(done, i, &amp;wg, result) }
     * firstReturned := &lt;-result
     * close(done)
     * wg.Wait()
     * </pre>
     *
     * <p>A replica that throws does not win: the first replica to return a value does. Returns when it
     * has an answer, when all replicas failed (an error carrying the first failure, with the others
     * suppressed), or when {@code done} closes (an error with a {@link CancellationException}); in every
     * case after all replicas have returned (as the book's {@code wg.Wait()}), so no goroutine of this
     * call is left behind. Replicas must therefore honour their done channel.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     * @throws InterruptedException if interrupted while waiting for the first answer; the replicas are
     *     then cancelled (their done channel is closed) but not waited for. Interrupted later, while
     *     waiting for the cancelled replicas, it returns the answer with the interrupt status set.
     */
    public static <T> Result<T> first(RecvChan<?> done, int n, Replica<? extends T> replica)
            throws InterruptedException {
        Objects.requireNonNull(replica, "replica");
        return first(done, n, replica, () -> {}, () -> new CancellationException("replicated request cancelled"));
    }

    /**
     * The two versions of first: {@code cancelOthers} runs with the close of the replicas' done
     * channel, {@code cancelled} makes the error returned when {@code done} closes first.
     */
    private static <T> Result<T> first(RecvChan<?> done, int n, Replica<? extends T> replica,
            Runnable cancelOthers, Supplier<? extends Throwable> cancelled) throws InterruptedException {
        Objects.requireNonNull(done, "done");
        if (n < 1) {
            throw new IllegalArgumentException("replicas: n must be at least 1, is " + n);
        }
        Chan<Object> cancel = Chan.make();
        RecvChan<?> replicaDone = Channels.or(done, cancel);
        Chan<Result<T>> results = Chan.make(n); // every replica delivers without waiting
        for (int i = 0; i < n; i++) {
            int id = i;
            Go.go(() -> results.send(Result.of(() -> replica.run(replicaDone, id))));
        }
        Result<T> answer = null;
        Throwable failures = null;
        int received = 0;
        try {
            while (answer == null && received < n) {
                Result<T> r = Select.selectBiased(Select.recv(done, x -> null), Select.recv(results, v -> v));
                if (r == null) {
                    answer = Result.err(cancelled.get());
                } else if (r instanceof Result.Err<T>(Throwable e)) {
                    received++;
                    failures = addFailure(failures, e);
                } else {
                    received++;
                    answer = r;
                }
            }
        } finally {
            cancel.close();
            cancelOthers.run();
        }
        if (answer == null) {
            answer = Result.err(failures);
        }
        awaitOthers(results, n - received);
        return answer;
    }

    private static Throwable addFailure(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /**
     * Waits until the {@code left} replicas still running have returned (each delivers one result). If
     * interrupted, stops waiting and sets the interrupt status again: the answer is already decided.
     */
    private static void awaitOthers(Chan<?> results, int left) {
        try {
            for (int i = 0; i < left; i++) {
                results.recv();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
