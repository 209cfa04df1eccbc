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
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Go's {@code cancelCtx}: a context that can be cancelled, cancelling its children with it.
 *
 * <p>Implementation overview (as Go's context.go). Each cancelCtx keeps its cancelable children, in a
 * doubly-linked list threaded through the children themselves where Go keeps a map: adopting,
 * unlinking and cancelling a child then allocate nothing, and a cancel walks its children without a
 * hash table. {@link #propagateCancel} links a new child to its parent: not at all if the parent can
 * never be cancelled (its done channel is nil); at once cancelled if the parent is already done; into
 * the parent's child list if the parent is (or wraps) one of ours, which it recognises by asking the
 * parent for {@link #KEY} and checking that the done channel is the same; through the parent's own
 * {@link Context.AfterFuncer} hook if it has one; else by a goroutine that waits for either done
 * channel (the only goroutine the package ever starts for cancellation). {@link #cancel} sets the
 * error, closes the done channel and cancels every child while holding its lock, so that when the top
 * call returns the whole subtree is done, then unlinks itself from its parent so that a long-lived
 * parent does not accumulate dead children.
 *
 * <p>Invariants: {@code err != null} iff cancelled, and then {@code children == null}; {@code err} and
 * {@code cause} are written once, under {@code lock}, before the done channel is closed; lock order is
 * parent before child. A child is in the list of {@code p} iff its {@code adopter == p}; its
 * {@code adopter}, {@code prevSibling} and {@code nextSibling} are guarded by {@code p.lock}, and are
 * cleared when it leaves the list (unlinked, or {@code p} cancelled), so that a cancelled context
 * kept alive does not keep its siblings alive.
 */
class CancelCtx implements Context {
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
    private CancelCtx children; // the first child, guarded by lock
    private CancelCtx adopter; // the context whose child list holds this one, guarded by adopter.lock
    private CancelCtx prevSibling; // guarded by adopter.lock
    private CancelCtx nextSibling; // guarded by adopter.lock
    private volatile ContextException err;
    private Throwable cause; // published by the write of err that follows it (read only after err)

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
            int n = 0;
            for (CancelCtx c = children; c != null; c = c.nextSibling) {
                n++;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Links this new context to {@code parent}'s cancellation. */
    final void propagateCancel(Context parent) {
        this.parent = parent;
        RecvChan<Void> pd = parent.done();
        if (pd == NEVER) {
            return; // the parent is never cancelled
        }
        if (pd.isDrained()) {
            cancel(false, parent.err(), Contexts.cause(parent));
            return;
        }
        CancelCtx p = parentCancelCtx(parent);
        if (p != null) {
            p.adopt(this);
            return;
        }
        if (parent instanceof Context.AfterFuncer a) {
            lock.lock();
            try {
                BooleanSupplier stop = a.afterFunc(() -> cancel(false, parent.err(), Contexts.cause(parent)));
                this.parent = new StopCtx(parent, stop);
            } finally {
                lock.unlock();
            }
            return;
        }
        Go.go(() -> watch(parent, this));
    }

    /** Adds {@code child} to the children, or cancels it at once if this context is already done. */
    private void adopt(CancelCtx child) {
        lock.lock();
        try {
            if (err != null) {
                child.cancel(false, err, cause);
            } else {
                CancelCtx first = children;
                child.adopter = this;
                child.nextSibling = first;
                if (first != null) {
                    first.prevSibling = child;
                }
                children = child;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The goroutine for a foreign parent: cancels the child when the parent is done first. */
    private static void watch(Context parent, CancelCtx child) {
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
    static void removeChild(Context parent, CancelCtx child) {
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
            if (child.adopter == p) {
                p.unlink(child);
            }
        } finally {
            p.lock.unlock();
        }
    }

    /** Takes {@code child} out of the children; under lock. */
    private void unlink(CancelCtx child) {
        CancelCtx prev = child.prevSibling;
        CancelCtx next = child.nextSibling;
        if (prev == null) {
            children = next;
        } else {
            prev.nextSibling = next;
        }
        if (next != null) {
            next.prevSibling = prev;
        }
        child.leave();
    }

    /** Clears the links of a child leaving its adopter's list; under the adopter's lock. */
    private void leave() {
        adopter = null;
        prevSibling = null;
        nextSibling = null;
    }

    /**
     * For the deadlock check ({@link dev.go4j.internal.Timers.Action}): whether cancelling this context
     * now could wake a goroutine, because a receiver is queued on the done channel of this context or
     * of a descendant (a {@code select} on {@code ctx.done()}, or the goroutine that links a foreign
     * child), or a descendant is an {@code afterFunc}.
     * Walks the subtree without recursion (a chain of contexts can be deep), taking one lock at a time.
     */
    final boolean cancelCanWake() {
        ArrayDeque<CancelCtx> todo = new ArrayDeque<>();
        todo.add(this);
        for (CancelCtx c; (c = todo.poll()) != null; ) {
            if (c.cancelWakes(todo)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if cancelling this context itself could wake a goroutine (a receiver is queued on its done
     * channel); else adds its children to {@code descendants}, to be asked in turn.
     */
    boolean cancelWakes(Collection<CancelCtx> descendants) {
        Chan<Void> d = done;
        if (d != null && d != CLOSED && CHANNELS.hasReceiver(d)) {
            return true;
        }
        lock.lock();
        try {
            for (CancelCtx c = children; c != null; c = c.nextSibling) {
                descendants.add(c);
            }
        } finally {
            lock.unlock();
        }
        return false;
    }

    /**
     * Cancels, closing the done channel and cancelling the children with the same error and cause;
     * with {@code removeFromParent}, also unlinks this context from its parent: Go's {@code cancel}.
     */
    void cancel(boolean removeFromParent, ContextException err, Throwable cause) {
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
            for (CancelCtx child = children, next; child != null; child = next) {
                next = child.nextSibling;
                child.leave();
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
