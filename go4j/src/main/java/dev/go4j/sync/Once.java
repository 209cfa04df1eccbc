package dev.go4j.sync;

import dev.go4j.UncheckedInterruptedException;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Performs exactly one action: Go's {@code sync.Once}, plus Go 1.21's {@code OnceFunc},
 * {@code OnceValue} and {@code OnceValues} as static factories.
 *
 * <pre>{@code
 * // given: void init(); Config loadConfig(); record Config()
 * private final Once once = new Once();
 * void ensureInit() throws InterruptedException {
 *     once.run(this::init);                       // once.Do(init)
 * }
 *
 * Supplier<Config> config = Once.onceValue(this::loadConfig);   // sync.OnceValue(loadConfig)
 * }</pre>
 *
 * <p>Go → go4j: {@code once.Do(f)} → {@link #run(Runnable)} ({@code do} is a Java keyword);
 * {@code OnceFunc(f)} → {@link #onceFunc(Runnable)}; {@code OnceValue(f)} → {@link #onceValue(Supplier)};
 * {@code OnceValues(f)} (a value and an error) → {@link #onceValues(Callable)}: Java reports the error
 * half of Go's pair as a checked exception, and a genuine pair is a record returned by
 * {@code onceValue}.
 *
 * <p><b>{@code run}.</b> Of all calls of {@code run} on one {@code Once}, only the first runs its
 * {@code f}, even if every call passes a different {@code f}; every call returns only after that
 * {@code f} has returned (the others park meanwhile). If {@code f} throws, the {@code Once} is spent all
 * the same: the first caller gets the exception and every later call returns at once doing nothing, as
 * in Go (where a panicking {@code f} also counts as done). Calling {@code run} on the same {@code Once}
 * from inside {@code f} deadlocks, as in Go.
 *
 * <p><b>Memory consistency.</b> The return of {@code f} happens-before the return of every {@code run}
 * (and every call of the functions the factories make).
 */
public final class Once {
    /*
     * Implementation overview (Go's sync/once.go): a volatile done flag for the fast path, and a Mutex
     * that serializes the slow path, so that late callers park until f has returned.
     */
    private volatile boolean done;
    private final Mutex m = new Mutex();

    /** A {@code Once} whose action has not run. */
    public Once() {}

    /**
     * Runs {@code f} if and only if this is the first call of {@code run} on this {@code Once}: Go's
     * {@code Do}. Returns after the first call's {@code f} has returned.
     *
     * @throws InterruptedException if interrupted while parked for another caller's {@code f} (which
     *     is not disturbed; this call then did nothing)
     */
    public void run(Runnable f) throws InterruptedException {
        if (!done) {
            runSlow(f);
        }
    }

    private void runSlow(Runnable f) throws InterruptedException {
        m.lock();
        try {
            if (!done) {
                try {
                    f.run();
                } finally {
                    done = true;
                }
            }
        } finally {
            m.unlock();
        }
    }

    /**
     * A function that runs {@code f} on its first call only: Go's {@code OnceFunc}. Every call returns
     * after {@code f} has returned; if {@code f} threw, every call throws that same exception.
     * {@code f} is released after its call (it may then be garbage-collected).
     *
     * <p>A call that must park for another goroutine's call of {@code f} and is interrupted throws
     * {@link UncheckedInterruptedException} (interrupt status set).
     */
    public static Runnable onceFunc(Runnable f) {
        Objects.requireNonNull(f, "f");
        OnceCall<Void> call = new OnceCall<>(() -> {
            f.run();
            return null;
        });
        return () -> call.getUnchecked();
    }

    /**
     * A supplier that calls {@code f} on its first call only and returns its result on every call:
     * Go's {@code OnceValue}. If {@code f} threw, every call throws that same exception. {@code f} is
     * released after its call. Interruption as for {@link #onceFunc}.
     */
    public static <T> Supplier<T> onceValue(Supplier<? extends T> f) {
        Objects.requireNonNull(f, "f");
        OnceCall<T> call = new OnceCall<>(f::get);
        return call::getUnchecked;
    }

    /**
     * A callable that calls {@code f} on its first call only and then returns the same value, or throws
     * the same exception (checked ones included), on every call: Go's {@code OnceValues}, whose
     * {@code (value, error)} pair is Java's value-or-exception. {@code f} is released after its call.
     * A call parked for another goroutine's call of {@code f} throws {@link InterruptedException} if
     * interrupted.
     */
    public static <T> Callable<T> onceValues(Callable<? extends T> f) {
        Objects.requireNonNull(f, "f");
        return new OnceCall<>(f)::get;
    }

    /** The shared machinery of the factories: one {@code Once}, the result, and {@code f} until called. */
    private static final class OnceCall<T> {
        private final Once once = new Once();
        private final Runnable callOnce = this::call;
        private Callable<? extends T> f; // null once called: released for the garbage collector
        private T value;
        private Throwable failure;

        OnceCall(Callable<? extends T> f) {
            this.f = f;
        }

        T get() throws Exception {
            once.run(callOnce);
            return result();
        }

        T getUnchecked() {
            try {
                once.run(callOnce);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UncheckedInterruptedException(e);
            }
            try {
                return result();
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError("a Runnable or Supplier threw a checked exception", e);
            }
        }

        private void call() {
            Callable<? extends T> g = f;
            f = null;
            try {
                value = g.call();
            } catch (Throwable t) {
                failure = t;
            }
        }

        private T result() throws Exception {
            Throwable t = failure;
            if (t == null) {
                return value;
            }
            if (t instanceof Exception e) {
                throw e;
            }
            throw (Error) t;
        }
    }
}
