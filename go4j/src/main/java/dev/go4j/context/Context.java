package dev.go4j.context;

import dev.go4j.RecvChan;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Go's {@code context.Context}: a deadline, a cancellation signal and request-scoped values that cross
 * API boundaries and goroutines.
 *
 * <pre>{@code
 * // given: RecvChan<String> results; void handle(String r)
 * // ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second); defer cancel()
 * try (Cancelable c = Contexts.withTimeout(Contexts.background(), Duration.ofSeconds(2))) {
 *     Context ctx = c.context();
 *     // select { case r := <-results: handle(r); case <-ctx.Done(): return ctx.Err() }
 *     handle(Contexts.recv(ctx, results));   // throws ctx.err(): "context deadline exceeded"
 * }
 * }</pre>
 *
 * <p>Contexts are made by {@link Contexts} (Go's package functions {@code context.Background},
 * {@code WithCancel}, {@code WithTimeout}, ...). Users may implement this interface themselves (for
 * example a wrapper that delegates to another context): the functions of {@link Contexts} accept any
 * implementation as a parent, propagate its cancellation to the contexts derived from it and find its
 * values. A context that can run a function when it is done more cheaply than by watching
 * {@link #done()} may also implement {@link AfterFuncer}, as in Go 1.21.
 *
 * <p>Every method is safe for concurrent use. Nothing here blocks.
 *
 * <p><b>Memory consistency.</b> Actions of a thread before it cancels a context happen-before another
 * thread observes the cancellation (receives from {@link #done()} or sees a non-null {@link #err()}).
 */
public interface Context {

    /**
     * The time when work done on behalf of this context should be cancelled: Go's
     * {@code Deadline() (deadline time.Time, ok bool)}; empty when there is no deadline.
     */
    Optional<Instant> deadline();

    /**
     * A channel closed when this context is cancelled or its deadline passes: Go's {@code Done()}. The
     * channel never carries a value; use it in {@code Select.recv(ctx.done(), v -> ...)}. A context that
     * can never be cancelled (such as {@link Contexts#background()}) returns {@link dev.go4j.Chan#nil()},
     * which is never ready, as Go returns a nil channel. Successive calls return the same channel.
     */
    RecvChan<Void> done();

    /**
     * Null while {@link #done()} is open; afterwards {@link ContextException#CANCELED} or
     * {@link ContextException#DEADLINE_EXCEEDED}, the same on every call: Go's {@code Err()}.
     */
    ContextException err();

    /**
     * The value bound to {@code key} in this context or the nearest ancestor that binds it, or null:
     * Go's {@code Value(key)}. Keys are compared with {@code equals}; use a private key type (or a
     * private {@code new Object()}) so that packages do not collide.
     */
    Object value(Object key);

    /**
     * A context that can register a function to run once it is done: Go 1.21's hook for
     * {@code context.AfterFunc}. When a parent implements it, {@link Contexts} calls it instead of
     * starting a goroutine to watch the parent's {@link #done()} channel.
     */
    interface AfterFuncer {
        /**
         * Arranges for {@code f} to run (in its own goroutine) once this context is done.
         *
         * @return a stop function: true if it prevented {@code f} from running
         */
        BooleanSupplier afterFunc(Runnable f);
    }
}
