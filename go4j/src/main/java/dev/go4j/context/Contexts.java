package dev.go4j.context;

import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.internal.Nanos;
import dev.go4j.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The functions of Go's {@code context} package, and two Java helpers built on them.
 *
 * <pre>{@code
 * // given: RecvChan<String> replies
 * Context root = Contexts.background();
 * try (Cancelable c = Contexts.withTimeout(root, Duration.ofMillis(50))) {
 *     String v = Contexts.recv(c.context(), replies);   // throws DEADLINE_EXCEEDED after 50 ms
 * }
 * }</pre>
 *
 * <table>
 * <caption>Go → go4j</caption>
 * <tr><td>{@code context.Background()}, {@code TODO()}</td><td>{@link #background()}, {@link #todo()}</td></tr>
 * <tr><td>{@code ctx, cancel := WithCancel(p)}</td><td>{@code Cancelable c = withCancel(p)}</td></tr>
 * <tr><td>{@code WithCancelCause(p)}</td><td>{@link #withCancelCause} returning a {@link CauseCancelable}</td></tr>
 * <tr><td>{@code WithDeadline[Cause]}, {@code WithTimeout[Cause]}</td><td>{@link #withDeadline}, {@link #withTimeout}, ...</td></tr>
 * <tr><td>{@code WithValue}, {@code WithoutCancel}</td><td>{@link #withValue}, {@link #withoutCancel}</td></tr>
 * <tr><td>{@code stop := AfterFunc(ctx, f)}</td><td>{@code BooleanSupplier stop = afterFunc(ctx, f)}</td></tr>
 * <tr><td>{@code Cause(ctx)}</td><td>{@link #cause(Context)}</td></tr>
 * </table>
 *
 * <p>Deadlines are read and scheduled through {@link Clock#current()} at the moment the context is
 * made (a test installs a {@code ManualClock} with {@link Clock#using}); a deadline is one alarm of
 * that clock, not a thread. A null parent or key throws {@link NullPointerException} with Go's
 * message.
 */
public final class Contexts {
    private Contexts() {}

    /** The root of every context tree: never cancelled, no deadline, no values. Go's {@code Background()}. */
    public static Context background() {
        return EmptyCtx.BACKGROUND;
    }

    /** Like {@link #background()}, marking a place where the right context is not known yet. */
    public static Context todo() {
        return EmptyCtx.TODO;
    }

    /**
     * A child of {@code parent} with its own cancel function: Go's {@code WithCancel}. The child is
     * done when cancelled or when the parent is done, whichever comes first; if the parent is already
     * done the child is born done.
     */
    public static Cancelable withCancel(Context parent) {
        CancelCtx c = newCancelCtx(parent);
        return new Cancelable(c, () -> c.cancel(true, ContextException.CANCELED, null));
    }

    /** Like {@link #withCancel}, but cancelling records a cause for {@link #cause}: Go's {@code WithCancelCause}. */
    public static CauseCancelable withCancelCause(Context parent) {
        CancelCtx c = newCancelCtx(parent);
        return new CauseCancelable(c, cause -> c.cancel(true, ContextException.CANCELED, cause));
    }

    private static CancelCtx newCancelCtx(Context parent) {
        requireParent(parent);
        CancelCtx c = new CancelCtx();
        c.propagateCancel(parent);
        return c;
    }

    /**
     * A child of {@code parent} that is done at {@code deadline} (with
     * {@link ContextException#DEADLINE_EXCEEDED}), when cancelled, or when the parent is done: Go's
     * {@code WithDeadline}. If the parent's deadline is earlier, the child keeps the parent's (the
     * earlier deadline wins) and is just a {@link #withCancel} child.
     */
    public static Cancelable withDeadline(Context parent, Instant deadline) {
        return withDeadlineCause(parent, deadline, null);
    }

    /** Like {@link #withDeadline}; when the deadline passes, {@code cause} becomes the {@link #cause}. */
    public static Cancelable withDeadlineCause(Context parent, Instant deadline, Throwable cause) {
        requireParent(parent);
        Objects.requireNonNull(deadline, "deadline");
        Clock clock = Clock.current();
        return deadlineCtx(parent, deadline, Nanos.of(Duration.between(clock.now(), deadline)), cause, clock);
    }

    /** {@code withDeadline(parent, now + timeout)}: Go's {@code WithTimeout}. */
    public static Cancelable withTimeout(Context parent, Duration timeout) {
        return withTimeoutCause(parent, timeout, null);
    }

    /** {@code withDeadlineCause(parent, now + timeout, cause)}: Go's {@code WithTimeoutCause}. */
    public static Cancelable withTimeoutCause(Context parent, Duration timeout, Throwable cause) {
        requireParent(parent);
        Clock clock = Clock.current();
        return deadlineCtx(parent, plus(clock.now(), timeout), Nanos.of(timeout), cause, clock);
    }

    private static Cancelable deadlineCtx(Context parent, Instant d, long dur, Throwable cause, Clock clock) {
        Optional<Instant> current = parent.deadline();
        if (current.isPresent() && current.get().isBefore(d)) {
            return withCancel(parent); // the parent's deadline comes first
        }
        TimerCtx c = new TimerCtx(d);
        c.propagateCancel(parent);
        if (dur <= 0) {
            c.cancel(true, ContextException.DEADLINE_EXCEEDED, cause); // already passed
            return new Cancelable(c, () -> c.cancel(false, ContextException.CANCELED, null));
        }
        long at = Nanos.deadline(clock.nanoTime(), dur);
        if (at != Nanos.NEVER) { // as Go's saturated deadline, it never fires: no alarm
            c.arm(clock, at, cause);
        }
        return new Cancelable(c, () -> c.cancel(true, ContextException.CANCELED, null));
    }

    /**
     * A child of {@code parent} that binds {@code key} to {@code val} (which may be null, hiding any
     * binding of {@code key} further up): Go's {@code WithValue}. Cancellation and deadline are the
     * parent's.
     *
     * @throws NullPointerException if parent or key is null ("nil key")
     */
    public static Context withValue(Context parent, Object key, Object val) {
        requireParent(parent);
        Objects.requireNonNull(key, "nil key");
        return new ValueCtx(parent, key, val);
    }

    /**
     * A context with {@code parent}'s values that is never cancelled and has no deadline, even when
     * {@code parent} is: Go's {@code WithoutCancel}.
     */
    public static Context withoutCancel(Context parent) {
        requireParent(parent);
        return new WithoutCancelCtx(parent);
    }

    /**
     * Arranges for {@code f} to run in its own goroutine once {@code ctx} is done (at once if it
     * already is): Go's {@code AfterFunc}. The returned stop function unlinks {@code f}; it returns true
     * if that prevented {@code f} from starting, false if {@code f} was already started or stopped.
     */
    public static BooleanSupplier afterFunc(Context ctx, Runnable f) {
        Objects.requireNonNull(ctx, "ctx");
        Objects.requireNonNull(f, "f");
        AfterFuncCtx a = new AfterFuncCtx(f);
        a.propagateCancel(ctx);
        return a::stop;
    }

    /**
     * Why {@code ctx} is done: the cause given to the first cancel of it or an ancestor (or to a
     * deadline), else its {@link Context#err()}; null while not done. Go's {@code Cause}.
     */
    public static Throwable cause(Context ctx) {
        if (ctx.value(CancelCtx.KEY) instanceof CancelCtx c) {
            return c.cause();
        }
        return ctx.err();
    }

    /**
     * Receives from {@code ch} unless {@code ctx} is done first:
     * {@code select { case v := <-ch: ...; case <-ctx.Done(): return ctx.Err() }}. If both are ready,
     * either may be chosen, as in Go.
     *
     * @return the value received, or null if {@code ch} is closed and drained
     * @throws ContextException {@code ctx.err()} if {@code ctx} was done first
     * @throws InterruptedException if interrupted while waiting; nothing was received
     */
    public static <T> T recv(Context ctx, RecvChan<T> ch) throws InterruptedException, ContextException {
        Object[] got = new Object[1];
        boolean received = Select.select(
                Select.recv(ch, v -> {
                    got[0] = v;
                    return true;
                }),
                Select.recv(ctx.done(), v -> false));
        if (!received) {
            throw ctx.err();
        }
        @SuppressWarnings("unchecked")
        T v = (T) got[0];
        return v;
    }

    /**
     * Waits for {@code future} unless {@code ctx} is done first. The future is left as it is either way.
     *
     * @throws ContextException {@code ctx.err()} if {@code ctx} was done first
     * @throws ExecutionException if the future failed
     * @throws InterruptedException if interrupted (by someone other than {@code ctx})
     */
    public static <T> T get(Context ctx, Future<T> future)
            throws InterruptedException, ExecutionException, ContextException {
        try {
            return call(ctx, future::get);
        } catch (InterruptedException | ExecutionException | ContextException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("Future.get threw " + e, e); // Future.get declares no other checked exception
        }
    }

    /**
     * Runs {@code task} on the calling thread, interrupting it if {@code ctx} becomes done: the Java way to
     * stop blocking work that knows interrupts but not contexts. If {@code ctx} is already done the task
     * does not run.
     *
     * <p>If {@code ctx} became done while the task ran, the interrupt this method sent is cleared before
     * it returns, and a task that then failed is reported as {@code ctx.err()}; a task that completed
     * anyway returns its result. An interrupt from anyone else reaches the task as usual.
     *
     * @throws ContextException {@code ctx.err()} if {@code ctx} was done before or (with the task
     *     failing) during the run
     * @throws Exception what the task threw
     */
    public static <T> T call(Context ctx, Callable<T> task) throws Exception {
        ContextException early = ctx.err();
        if (early != null) {
            throw early;
        }
        Interrupter interrupter = new Interrupter(Thread.currentThread());
        BooleanSupplier stop = afterFunc(ctx, interrupter::fire);
        T result;
        try {
            result = task.call();
        } catch (Exception e) {
            stop.getAsBoolean();
            if (interrupter.finish()) {
                throw ctx.err();
            }
            throw e;
        }
        stop.getAsBoolean();
        interrupter.finish();
        return result;
    }

    /**
     * The handshake of {@link #call}: the after-func interrupts the task's thread only while the task
     * runs, and the task's thread, once done, waits out an interrupt in flight and clears it, so none
     * leaks into later code.
     */
    private static final class Interrupter {
        private static final int RUNNING = 0, FINISHED = 1, INTERRUPTING = 2, INTERRUPTED = 3;
        private final Thread thread;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        Interrupter(Thread thread) {
            this.thread = thread;
        }

        void fire() {
            if (state.compareAndSet(RUNNING, INTERRUPTING)) {
                thread.interrupt();
                state.set(INTERRUPTED);
            }
        }

        /** Ends the run; true if the task was interrupted because the context was done. */
        boolean finish() {
            if (state.compareAndSet(RUNNING, FINISHED)) {
                return false;
            }
            while (state.get() != INTERRUPTED) {
                Thread.yield(); // the interrupter has claimed and is one call away from done: let it run
            }
            Thread.interrupted();
            return true;
        }
    }

    /** Go's {@code value(c, key)}: walks the chain of our own contexts without recursion. */
    static Object lookup(Context c, Object key) {
        for (;;) {
            switch (c) {
                case ValueCtx v -> {
                    if (key.equals(v.key())) {
                        return v.val();
                    }
                    c = v.parent();
                }
                case CancelCtx cc -> {
                    if (key == CancelCtx.KEY) {
                        return cc;
                    }
                    c = cc.parent();
                }
                case WithoutCancelCtx w -> {
                    if (key == CancelCtx.KEY) {
                        return null;
                    }
                    c = w.parent();
                }
                case EmptyCtx e -> {
                    return null;
                }
                default -> {
                    return c.value(key);
                }
            }
        }
    }

    private static void requireParent(Context parent) {
        Objects.requireNonNull(parent, "cannot create context from nil parent");
    }

    private static Instant plus(Instant t, Duration d) {
        try {
            return t.plus(d);
        } catch (DateTimeException | ArithmeticException e) {
            return d.isNegative() ? Instant.MIN : Instant.MAX;
        }
    }
}
