package dev.go4j.internal;

import java.util.function.Predicate;

/**
 * A FIFO of {@link Waiter}s, doubly linked so that a waiter leaving early (interrupt, timeout, the losing
 * cases of a select) unlinks in O(1). Not thread-safe: every method runs under the owner's lock.
 *
 * <p>A queue may hold waiters whose operation was already decided elsewhere (a select that fired on
 * another channel, a cancelled wait not yet unlinked). The {@code claim} methods drop those as they meet
 * them, so a queue never hands out a dead waiter.
 */
public final class WaitQueue {
    private Waiter head;
    private Waiter tail;

    /** Appends {@code w}. */
    public void add(Waiter w) {
        w.queue = this;
        w.prev = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
    }

    /** Inserts {@code w} at the head: Go's {@code semacquire} with {@code lifo}, for a waiter that waited before. */
    public void addFirst(Waiter w) {
        w.queue = this;
        w.prev = null;
        w.next = head;
        if (head == null) {
            tail = w;
        } else {
            head.prev = w;
        }
        head = w;
    }

    /** The first queued waiter (live or dead) that {@code p} accepts, or {@code null}; leaves it queued. */
    public Waiter find(Predicate<? super Waiter> p) {
        for (Waiter w = head; w != null; w = w.next) {
            if (p.test(w)) {
                return w;
            }
        }
        return null;
    }

    /** Unlinks {@code w} if it is still in this queue. */
    public void remove(Waiter w) {
        if (w.queue != this) {
            return;
        }
        Waiter p = w.prev;
        Waiter n = w.next;
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        w.prev = null;
        w.next = null;
        w.queue = null;
    }

    /** True if {@code w} is in this queue. */
    public boolean contains(Waiter w) {
        return w.queue == this;
    }

    /** True when no waiter is queued (dead waiters included). */
    public boolean isEmpty() {
        return head == null;
    }

    /**
     * Removes the first live waiter and claims it, first handing it {@code item}: for a queue of
     * receivers, {@code item} is the value sent; for a queue of senders pass {@link #KEEP} and read the
     * offered value from the returned waiter.
     *
     * <p>The claim is the only call: an error striking there (a stack overflow) leaves the waiter queued
     * and undecided; once it is claimed, it is unlinked and returned with no call in between, so the
     * caller can record it for waking before anything else can fail.
     *
     * @return the claimed waiter (the caller wakes it), or {@code null} if no live waiter is queued
     */
    public Waiter claimFirst(Object item, boolean success) {
        for (Waiter w; (w = head) != null; ) {
            if (item != KEEP) {
                w.item = item;
            }
            w.success = success;
            boolean claimed = w.tryClaim();
            head = w.next; // unlink the head, inline (see above)
            if (head == null) {
                tail = null;
            } else {
                head.prev = null;
            }
            w.next = null;
            w.queue = null;
            if (claimed) {
                return w;
            }
        }
        return null;
    }

    /** Marker for {@link #claimFirst}: leave the waiter's item as it is. */
    public static final Object KEEP = new Object();
}
