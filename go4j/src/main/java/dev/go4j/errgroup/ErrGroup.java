package dev.go4j.errgroup;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.Task;
import dev.go4j.context.CauseCancelable;
import dev.go4j.context.Context;
import dev.go4j.context.Contexts;
import dev.go4j.sync.WaitGroup;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Go's {@code golang.org/x/sync/errgroup.Group} (named for its package, so that it does not clash
 * with {@link dev.go4j.singleflight.SingleFlight}): goroutines working on subtasks of one task, with the
 * first failure reported and (for a group made by {@link #withContext}) the shared context cancelled.
 *
 * <pre>{@code
 * // given: Context parent; List<String> urls; void fetch(Context ctx, String url) throws IOException
 * ErrGroup g = ErrGroup.withContext(parent);    // g, ctx := errgroup.WithContext(parent)
 * Context ctx = g.context();
 * for (String url : urls) {
 *     g.go(() -> fetch(ctx, url));              // g.Go(func() error { ... })
 * }
 * g.await();                                    // if err := g.Wait(); err != nil { ... }
 * }</pre>
 *
 * <p>A task fails by throwing; the first throwable of any task is the group's error. {@link #await}
 * waits for every task started so far and then throws it wrapped in an {@link ExecutionException}.
 * The group made by {@link #withContext} cancels its context with that error as the
 * {@link Contexts#cause cause} as soon as a task fails, and in any case when {@code await} returns.
 * {@link #setLimit} bounds the number of tasks running at once: {@link #go} then blocks for a free slot
 * and {@link #tryGo} reports whether it got one.
 *
 * <p>A {@code new ErrGroup()} is ready to use, without a context (Go's zero Group). Groups are safe for
 * concurrent use. <b>Memory consistency:</b> the actions of every task happen-before {@code await}
 * returns.
 */
public final class ErrGroup {
    private static final Boolean TOKEN = Boolean.TRUE;

    private final CauseCancelable cancel; // null for the zero group
    private final AtomicReference<Throwable> err = new AtomicReference<>();
    private final WaitGroup wg = new WaitGroup(); // the running tasks, as Go's (Go.main sees a stuck await)
    private volatile Chan<Boolean> sem; // a token per running task when limited; null when unlimited

    /** A group without a context and without a limit: Go's zero {@code Group}. */
    public ErrGroup() {
        this(null);
    }

    private ErrGroup(CauseCancelable cancel) {
        this.cancel = cancel;
    }

    /**
     * A group with a context derived from {@code ctx}: Go's {@code errgroup.WithContext}. The context is
     * cancelled when a task first fails (with the failure as its cause) or when {@link #await} returns.
     */
    public static ErrGroup withContext(Context ctx) {
        return new ErrGroup(Contexts.withCancelCause(ctx));
    }

    /**
     * The context of a group made by {@link #withContext}.
     *
     * @throws IllegalStateException for a {@code new ErrGroup()}, which has none
     */
    public Context context() {
        if (cancel == null) {
            throw new IllegalStateException("errgroup: group made without a context");
        }
        return cancel.context();
    }

    /**
     * Runs {@code task} in a new goroutine: Go's {@code Go}. With a limit set, first blocks until fewer
     * than the limit are running.
     *
     * @throws InterruptedException if interrupted while waiting for a slot; the task was not started
     */
    public void go(Task task) throws InterruptedException {
        Objects.requireNonNull(task, "task");
        Chan<Boolean> s = sem;
        if (s != null) {
            s.send(TOKEN);
        }
        start(task, s);
    }

    /**
     * Runs {@code task} in a new goroutine only if the limit allows it now: Go's {@code TryGo}.
     *
     * @return whether the task was started
     */
    public boolean tryGo(Task task) {
        Objects.requireNonNull(task, "task");
        Chan<Boolean> s = sem;
        if (s != null && !s.trySend(TOKEN)) {
            return false;
        }
        start(task, s);
        return true;
    }

    private void start(Task task, Chan<Boolean> s) {
        wg.add(1);
        try {
            Go.go(() -> run(task, s));
        } catch (Throwable t) {
            finished(s);
            throw t;
        }
    }

    private void run(Task task, Chan<Boolean> s) {
        try {
            task.run();
        } catch (Throwable t) {
            if (err.compareAndSet(null, t) && cancel != null) {
                cancel.cancel(t);
            }
        } finally {
            finished(s);
        }
    }

    private void finished(Chan<Boolean> s) {
        if (s != null) {
            s.tryRecv(); // our own token: always there
        }
        wg.done();
    }

    /**
     * Limits the number of tasks running at once to {@code n}; negative means no limit: Go's
     * {@code SetLimit}. With a limit of 0 no task can start.
     *
     * @throws IllegalStateException if tasks started under a limit are still running
     */
    public void setLimit(int n) {
        if (n < 0) {
            sem = null;
            return;
        }
        Chan<Boolean> s = sem;
        if (s != null && s.len() != 0) {
            throw new IllegalStateException(
                    "errgroup: modify limit while " + s.len() + " goroutines in the group are still active");
        }
        sem = Chan.make(n);
    }

    /**
     * Waits until every task started so far has returned, then reports the first failure: Go's
     * {@code Wait}. For a group made by {@link #withContext}, cancels the context.
     *
     * @throws ExecutionException whose cause is the first throwable of any task
     * @throws InterruptedException if interrupted while waiting; the tasks keep running and the context
     *     is left as it is
     */
    public void await() throws InterruptedException, ExecutionException {
        wg.await();
        Throwable e = err.get();
        if (cancel != null) {
            cancel.cancel(e);
        }
        if (e != null) {
            throw new ExecutionException(e);
        }
    }
}
