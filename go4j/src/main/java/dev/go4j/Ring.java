package dev.go4j;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A buffered channel's buffer: a bounded ring whose send and receive run without the channel's lock
 * while nobody waits and nobody holds the lock, and which the lock's holder freezes to work on it as
 * Go's {@code hchan} buffer.
 *
 * <p>The lock-free operations, {@link #offer} and {@link #poll}, are Dmitry Vyukov's bounded MPMC queue
 * in the layout of crossbeam-channel's {@code array} flavour (Rust's {@code std::sync::mpsc} since 1.67):
 * two monotonic indexes, {@code head} and {@code tail}, each a lap and an offset below {@link #oneLap}
 * (a power of two above the capacity, so any capacity works), and a stamp per slot: the slot of
 * index {@code x} is empty and free for the send of {@code x} when its stamp is {@code x}, and holds that
 * send's value when its stamp is {@code x + 1}; a receive of {@code x} leaves {@code x + oneLap}, the
 * index of the next send to the slot. A send claims its index by a CAS on {@code tail}, writes the
 * value, then publishes the stamp; a receive does the same on {@code head}. So a send touches the
 * producers' index and its slot, a receive the consumers' index and its slot: no word is written by
 * both sides, as the lock word is.
 *
 * <p>How it differs: the freeze. Go's rules need a lock (select sees several channels at one instant;
 * waiters are served in order and handed values directly). So the lock stays the channel's authority,
 * and the ring's fast paths run only while it is thawed. Every critical section on a buffered channel
 * first sets {@link #FROZEN} in both indexes ({@link #freeze}); a fast operation's CAS expects the bit
 * clear, so from then on every fast operation fails and takes the lock. An operation that claimed its
 * index before the freeze may still be writing its slot: the holder waits for that slot's stamp when it
 * reaches it ({@link #push}, {@link #pop}), a window of two plain writes in a thread that cannot park
 * there. The holder then works on the ring as on Go's buffer, the indexes its own. It thaws the ring as
 * it releases the lock only when the channel is open and nobody waits (see Chan's overview), so the
 * invariants "a receiver waits only on an empty buffer, a sender only on a full one" hold: while anyone
 * waits, every operation is Go's locked one. Frozen is always safe; a ring left frozen is merely slow.
 * A ring replaced by a bigger one ({@link Chan}'s grow) stays frozen forever, so a stale fast operation
 * can never act on it.
 *
 * <p>Invariants: {@code head <= tail} in index order, at most {@code capacity} indexes apart; the slots
 * of the indexes in {@code [head, tail)} hold values or are being written by a send that claimed them;
 * all others are empty or being emptied by a receive that claimed them. While frozen only the lock's
 * holder changes the indexes.
 */
final class Ring {
    /** Set in both indexes while frozen: the fast paths are closed. */
    static final long FROZEN = 1L << 62;

    private static final VarHandle INDEX;
    private static final VarHandle STAMP = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            INDEX = MethodHandles.lookup().findVarHandle(Index.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] items;
    private final long[] stamps;
    private final long oneLap;
    /** The next index to receive from: written by receivers (its own cache line, see {@link Index}). */
    private final Index head = new Index();
    /** The next index to send to: written by senders. */
    private final Index tail = new Index();

    /** An empty ring of {@code length} slots, thawed. */
    Ring(int length) {
        this.items = new Object[length];
        this.stamps = new long[length];
        this.oneLap = Long.highestOneBit(length) << 1; // above length: x + 1 and x + oneLap never meet
        for (int i = 0; i < length; i++) {
            stamps[i] = i;
        }
    }

    /**
     * A frozen ring of {@code length} slots holding this full ring's values, oldest first (frozen, under
     * the lock); waits for sends that claimed a slot before the freeze. Changes nothing here.
     */
    Ring grown(int length) {
        Ring r = new Ring(length);
        copyTo(r.items);
        int n = items.length;
        for (int i = 0; i < n; i++) {
            r.stamps[i] = i + 1;
        }
        r.head.value = FROZEN;
        r.tail.value = n | FROZEN; // n < length: still in lap 0
        return r;
    }

    // ---------------------------------------------------------------------------------------------
    // The fast paths: no lock, no wait

    /**
     * Sends {@code v} if the ring is thawed and has room, lock-free.
     *
     * @return false if it is frozen, full, or its next slot is still being emptied: take the lock
     */
    boolean offer(Object v) {
        long x = (long) INDEX.getAcquire(tail);
        for (;;) {
            if ((x & FROZEN) != 0) {
                return false;
            }
            int i = slot(x);
            long s = (long) STAMP.getAcquire(stamps, i);
            if (s == x) {
                if (INDEX.compareAndSet(tail, x, next(x))) {
                    items[i] = v;
                    STAMP.setRelease(stamps, i, x + 1); // publishes the value with the stamp
                    return true;
                }
            } else if (s + oneLap == x + 1) {
                return false; // the slot holds the previous lap's value: full, or a receive is emptying it
            }
            long y = (long) INDEX.getAcquire(tail);
            if (y == x) {
                return false; // a send of the previous lap is still writing the slot: no spin here
            }
            x = y; // another send took x
        }
    }

    /**
     * Receives a value if the ring is thawed and holds one, lock-free.
     *
     * @return the value; {@code null} if it is frozen, empty, or its head slot is still being written
     */
    Object poll() {
        long x = (long) INDEX.getAcquire(head);
        for (;;) {
            if ((x & FROZEN) != 0) {
                return null;
            }
            int i = slot(x);
            long s = (long) STAMP.getAcquire(stamps, i);
            if (s == x + 1) {
                if (INDEX.compareAndSet(head, x, next(x))) {
                    Object v = items[i];
                    items[i] = null;
                    STAMP.setRelease(stamps, i, x + oneLap); // frees the slot for the send of the next lap
                    return v;
                }
            } else if (s == x) {
                return null; // empty, or a send is writing the slot
            }
            long y = (long) INDEX.getAcquire(head);
            if (y == x) {
                return null; // a receive of the previous lap is still emptying the slot: no spin here
            }
            x = y; // another receive took x
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Under the channel's lock

    /**
     * Closes the fast paths; the first step of every critical section. An index found frozen stays so
     * (only the lock's holder thaws), so the atomic write is paid only by the section that freezes.
     */
    void freeze() {
        freeze(head);
        freeze(tail);
    }

    private static void freeze(Index x) {
        if (((long) INDEX.getAcquire(x) & FROZEN) == 0) {
            INDEX.getAndBitwiseOr(x, FROZEN);
        }
    }

    /**
     * Opens the fast paths; the last step of a critical section that leaves nobody waiting. Its release
     * writes publish the section's plain writes to the slots and indexes.
     */
    void thaw() {
        INDEX.setRelease(head, head.value & ~FROZEN);
        INDEX.setRelease(tail, tail.value & ~FROZEN);
    }

    /** The number of buffered values (a racy estimate, within [0, length], when not frozen). */
    int count() {
        long h = (long) INDEX.getOpaque(head) & ~FROZEN;
        long t = (long) INDEX.getOpaque(tail) & ~FROZEN;
        long mask = oneLap - 1;
        int hix = (int) (h & mask);
        int tix = (int) (t & mask);
        if (hix < tix) {
            return tix - hix;
        } else if (hix > tix) {
            return items.length - hix + tix;
        }
        return t == h ? 0 : items.length;
    }

    /**
     * Adds {@code v} at the tail; frozen, with room. Waits first for the slot's receive, if one that
     * claimed it before the freeze is still emptying it; then only writes that cannot throw.
     */
    void push(Object v) {
        long x = tail.value & ~FROZEN;
        int i = slot(x);
        awaitStamp(i, x);
        long n = next(x);
        items[i] = v; // plain writes: fast paths fail meanwhile, and the thaw publishes them
        stamps[i] = x + 1;
        tail.value = n | FROZEN;
    }

    /**
     * Takes the head's value; frozen, not empty. Waits first for the slot's send, if one that claimed it
     * before the freeze is still writing it; then only writes that cannot throw.
     */
    Object pop() {
        long x = head.value & ~FROZEN;
        int i = slot(x);
        awaitStamp(i, x + 1);
        long n = next(x);
        Object v = items[i];
        items[i] = null;
        stamps[i] = x + oneLap;
        head.value = n | FROZEN;
        return v;
    }

    /**
     * Replaces the head's value with {@code v} and moves both indexes on: a full ring's receive and send
     * in one (the head leaves, {@code v} enters the same slot at the tail). Frozen and full; call
     * {@link #awaitHead} first, so that only writes that cannot throw happen here.
     */
    Object exchangeHead(Object v) {
        long x = head.value & ~FROZEN;
        int i = slot(x);
        long n = next(x);
        Object old = items[i];
        items[i] = v;
        stamps[i] = x + oneLap + 1;
        head.value = n | FROZEN;
        tail.value = (n + oneLap) | FROZEN; // full: the tail is one lap ahead of the head
        return old;
    }

    /** Waits until the head's slot is written; frozen, not empty. */
    void awaitHead() {
        long x = head.value & ~FROZEN;
        awaitStamp(slot(x), x + 1);
    }

    /**
     * Takes every buffered value, oldest first, into {@code to} (of {@link #count()} elements); frozen.
     * Waits first for slots being written, then only writes that cannot throw.
     */
    void drainTo(Object[] to) {
        copyTo(to);
        long x = head.value & ~FROZEN;
        long mask = oneLap - 1;
        for (int k = 0; k < to.length; k++) {
            int i = (int) (x & mask);
            items[i] = null;
            stamps[i] = x + oneLap;
            x = i + 1 < items.length ? x + 1 : (x & ~mask) + oneLap; // next(x), inline: no call here
        }
        head.value = x | FROZEN;
    }

    /** Copies the buffered values, oldest first, into {@code to}; frozen. Waits for slots being written. */
    private void copyTo(Object[] to) {
        long x = head.value & ~FROZEN;
        for (int k = 0, n = count(); k < n; k++, x = next(x)) {
            int i = slot(x);
            awaitStamp(i, x + 1);
            to[k] = items[i];
        }
    }

    /**
     * Waits for an operation that claimed slot {@code i}'s index before the freeze to leave {@code stamp}
     * there: it is between its CAS and its stamp's write, two plain writes away, in a thread that cannot
     * park in between; only its carrier's preemption by the OS makes this wait long.
     */
    private void awaitStamp(int i, long stamp) {
        while ((long) STAMP.getAcquire(stamps, i) != stamp) {
            Thread.onSpinWait();
        }
    }

    /** The index after {@code x}: the next offset, or the first slot of the next lap. */
    private long next(long x) {
        return slot(x) + 1 < items.length ? x + 1 : (x & ~(oneLap - 1)) + oneLap;
    }

    /** The slot of index {@code x}: its offset in its lap. */
    private int slot(long x) {
        return (int) (x & (oneLap - 1));
    }

    /** The number of slots: the channel's capacity, or less while the buffer is still growing. */
    int length() {
        return items.length;
    }

    /**
     * An index on a cache line of its own: the fields before and after it (in superclass order, which
     * HotSpot keeps) keep the senders' tail and the receivers' head from sharing a line.
     */
    static final class Index extends IndexValue {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }

    /** See {@link Index}. */
    static class IndexValue extends IndexPad {
        /**
         * The index: read and CASed through {@code INDEX} by the fast paths; written plainly by the lock's
         * holder while frozen (a fast path that reads it then sees the bit, or fails its CAS).
         */
        long value;
    }

    /** See {@link Index}. */
    static class IndexPad {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }
}
