package dev.go4j.context;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.internal.ShortLock;
import dev.go4j.internal.TimerChannels;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Go's {@code cancelCtx}: a context that can be cancelled, cancelling its children with it.
 *
 * <p>Implementation overview (as Go's context.go). Each cancelCtx keeps the set of its cancelable
 * children. {@link #propagateCancel} links a new child to its parent: not at all if the parent can
 * never be cancelled (its done channel is nil); at once cancelled if the parent is already done; into
 * the parent's child set if the parent is (or wraps) one of ours, which it recognises by asking the
 * parent for {@link #KEY} and checking that the done channel is the same; through the parent's own
 * {@link Context.AfterFuncer} hook if it has one; else by a goroutine that waits for either done
 * channel (the only goroutine the package ever starts for cancellation). {@link #cancel} sets the
 * error, closes the done channel and cancels every child while holding its lock, so that when the top
 * call returns the whole subtree is done, then unlinks itself from its parent so that a long-lived
 * parent does not accumulate dead children.
 *
 * <p>Invariants: {@code err != null} iff cancelled, and then {@code children == null}; {@code err} and
 * {@code cause} are written once, under {@code lock}, before the done channel is closed; lock order is
 * parent before child.
 */
class CancelCtx implements Context, Canceler {
    /** The key under which a cancelCtx answers {@link #value} with itself: Go's {@code &cancelCtxKey}. */
    static final Object KEY = new Object();

    /** The done channel of a context cancelled before anyone asked for it: Go's {@code closedchan}. */
    static final Chan<Void> CLOSED = Chan.closed();

    /** Go's nil channel, the done channel of contexts that are never cancelled. */
    static final Chan<Void> NEVER = Chan.nil();

    private static final TimerChannels<Chan<?>> CHANNELS = TimerChannels.of(Chan.class);

    final ShortLock lock = new ShortLock();
    private volatile Context parent;
    private volatile Chan<Void> done; // created lazily; CLOSED if cancelled first
    private Set<Canceler> children; // guarded by lock
    private volatile ContextException err;
    private volatile Throwable cause;

    /** The parent, or the wrapper that stops the parent's after-func hook. */
    final Context parent() {
        return parent;
    }

    @Override
    public Optional<Instant> deadline() {
        return parent.deadline();
    }

    @Override
    public RecvChan<Void> done() {
        Chan<Void> d = done;
        if (d != null) {
            return d;
        }
        lock.lock();
        try {
            d = done;
            if (d == null) {
                d = Chan.make();
                done = d;
            }
            return d;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ContextException err() {
        return err;
    }

    /** The cause recorded when cancelled, else null. */
    final Throwable cause() {
        return err == null ? null : cause;
    }

    @Override
    public Object value(Object key) {
        return Contexts.lookup(this, key);
    }

    /** The number of children linked to this context, for tests of the unlinking rule. */
    final int childCount() {
        lock.lock();
        try {
            return children == null ? 0 : children.size();
        } finally {
            lock.unlock();
        }
    }

    /** Links {@code child} (this context or one embedding it) to {@code parent}'s cancellation. */
    final void propagateCancel(Context parent, Canceler child) {
        this.parent = parent;
        RecvChan<Void> pd = parent.done();
        if (pd == NEVER) {
            return; // the parent is never cancelled
        }
        if (pd.isDrained()) {
            child.cancel(false, parent.err(), Contexts.cause(parent));
            return;
        }
        CancelCtx p = parentCancelCtx(parent);
        if (p != null) {
            p.adopt(child);
            return;
        }
        if (parent instanceof Context.AfterFuncer a) {
            lock.lock();
            try {
                BooleanSupplier stop = a.afterFunc(() -> child.cancel(false, parent.err(), Contexts.cause(parent)));
                this.parent = new StopCtx(parent, stop);
            } finally {
                lock.unlock();
            }
            return;
        }
        Go.go(() -> watch(parent, child));
    }

    /** Adds {@code child} to the children, or cancels it at once if this context is already done. */
    private void adopt(Canceler child) {
        lock.lock();
        try {
            if (err != null) {
                child.cancel(false, err, cause);
            } else {
                if (children == null) {
                    children = new HashSet<>();
                }
                children.add(child);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The goroutine for a foreign parent: cancels the child when the parent is done first. */
    private static void watch(Context parent, Canceler child) {
        try {
            Select.select(
                    Select.recv(parent.done(), v -> {
                        child.cancel(false, parent.err(), Contexts.cause(parent));
                        return null;
                    }),
                    Select.recv(child.done(), v -> null));
        } catch (InterruptedException e) {
            // interrupted by someone else: stop watching, as a goroutine ending quietly
        }
    }

    /**
     * The cancelCtx that {@code parent} is or wraps, if cancelling it is the same as cancelling
     * {@code parent} (the done channels are one channel), else null: Go's {@code parentCancelCtx}.
     */
    static CancelCtx parentCancelCtx(Context parent) {
        RecvChan<Void> d = parent.done();
        if (d == CLOSED || d == NEVER) {
            return null;
        }
        if (parent.value(KEY) instanceof CancelCtx p && p.done == d) {
            return p;
        }
        return null;
    }

    /** Unlinks {@code child} from {@code parent}: Go's {@code removeChild}. */
    static void removeChild(Context parent, Canceler child) {
        if (parent instanceof StopCtx s) {
            s.stop().getAsBoolean();
            return;
        }
        CancelCtx p = parentCancelCtx(parent);
        if (p == null) {
            return;
        }
        p.lock.lock();
        try {
            if (p.children != null) {
                p.children.remove(child);
            }
        } finally {
            p.lock.unlock();
        }
    }

    /**
     * For the deadlock check ({@link dev.go4j.internal.Timers.Action}): whether cancelling this context
     * now could wake a goroutine, because a receiver is queued on the done channel of this context or
     * of a descendant (a {@code select} on {@code ctx.done()}, or the goroutine that links a foreign
     * child), or a descendant is an {@code afterFunc}. A descendant of a type it does not know counts.
     * Walks the subtree without recursion (a chain of contexts can be deep), taking one lock at a time.
     */
    final boolean cancelCanWake() {
        ArrayDeque<Canceler> todo = new ArrayDeque<>();
        todo.add(this);
        for (Canceler c; (c = todo.poll()) != null; ) {
            if (!(c instanceof CancelCtx ctx) || ctx.cancelWakes(todo)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if cancelling this context itself could wake a goroutine (a receiver is queued on its done
     * channel); else adds its children to {@code descendants}, to be asked in turn.
     */
    boolean cancelWakes(Collection<Canceler> descendants) {
        Chan<Void> d = done;
        if (d != null && d != CLOSED && CHANNELS.hasReceiver(d)) {
            return true;
        }
        lock.lock();
        try {
            if (children != null) {
                descendants.addAll(children);
            }
        } finally {
            lock.unlock();
        }
        return false;
    }

    @Override
    public void cancel(boolean removeFromParent, ContextException err, Throwable cause) {
        if (err == null) {
            throw new IllegalStateException("context: internal error: missing cancel error");
        }
        lock.lock();
        try {
            if (this.err != null) {
                return; // already cancelled: the first cause wins
            }
            this.cause = cause != null ? cause : err;
            this.err = err;
            Chan<Void> d = done;
            if (d == null) {
                done = CLOSED;
            } else {
                d.close();
            }
            for (Canceler child : children != null ? children : Set.<Canceler>of()) {
                child.cancel(false, err, this.cause);
            }
            children = null;
        } finally {
            lock.unlock();
        }
        if (removeFromParent) {
            removeChild(parent, this);
        }
    }

    @Override
    public String toString() {
        return parent + ".WithCancel";
    }

    /** A parent whose after-func hook links the child: unlinking calls the hook's stop function. */
    record StopCtx(Context parent, BooleanSupplier stop) implements DelegatingCtx {}
}
