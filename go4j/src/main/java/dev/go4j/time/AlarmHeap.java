package dev.go4j.time;

import dev.go4j.internal.ShortLock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The pending alarms of a clock, earliest deadline first: a 4-ary min-heap. Adding and taking the
 * earliest are O(log n); cancelling is one CAS on the entry, without the heap's lock, so stopping or
 * resetting a timer never contends with the clock or with other timers (Go's timer "zombies"). A cancelled
 * entry stays in the heap, dead, until it reaches the top (dropped there, never run) or until dead
 * entries are at least {@value #SWEEP_MIN} and more than a quarter of the heap: the next add then drops
 * them all at once and rebuilds the heap in O(n), amortized O(1) per cancel. So dead entries never pin
 * much memory, and a timer reset over and over (a heartbeat) leaves at most {@value #SWEEP_MIN} behind.
 *
 * <p>Not thread-safe: every method except {@link Entry#cancel()} runs under {@link #lock}, which the
 * owning clock holds around them. Entries due at the same deadline come out in the order they were
 * added.
 */
final class AlarmHeap {
    /*
     * Invariants (under lock):
     *   - heap[0..size) is a min-heap by (deadline, seq) with 4 children per node: children of i are
     *     4i+1 .. 4i+4, its parent is (i-1)/4. A 4-ary heap is shallower than a binary one and its
     *     children share cache lines, which pays for the extra comparisons on the way down.
     *   - deadlines[i] == heap[i].deadline: the comparisons on the way up and down read a primitive
     *     array, where four siblings share a cache line, instead of chasing a pointer per comparison
     *     (a heap of 100,000 timers does not fit in the L2 cache).
     *   - An entry's state goes QUEUED -> TAKEN (by pollDue, under lock: the caller runs it) or QUEUED ->
     *     CANCELLED (by cancel, anywhere), never back: exactly one of the two wins, so cancel returns true
     *     iff the action will not run. `dead` counts CANCELLED entries still in heap[0..size), once
     *     every cancel in flight has counted itself: cancel adds one after its CAS, the lock holder
     *     subtracts those it drops (both atomically, as cancel runs without the lock), so it can lag or
     *     even dip below 0 for a moment. It only decides when to sweep; size() counts instead.
     */
    private static final int ARITY = 4;
    /** Dead entries tolerated before an add sweeps them (with more than a quarter of the heap dead). */
    private static final int SWEEP_MIN = 64;
    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int CANCELLED = 2;
    private static final VarHandle STATE;
    private static final VarHandle DEAD;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(Entry.class, "state", int.class);
            DEAD = l.findVarHandle(AlarmHeap.class, "dead", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Guards the heap; held only for a few hundred instructions, never while an action runs. */
    final ShortLock lock = new ShortLock();
    private Entry[] heap = new Entry[64];
    private long[] deadlines = new long[64];
    private int size;
    private long seq;
    private volatile int dead;

    /** A scheduled action: the {@link Clock.Alarm} handle of the clocks built on this heap. */
    final class Entry implements Clock.Alarm {
        final long deadline;
        final Runnable action;
        private final long seq;
        private volatile int state; // QUEUED, TAKEN or CANCELLED

        private Entry(long deadline, long seq, Runnable action) {
            this.deadline = deadline;
            this.seq = seq;
            this.action = action;
        }

        /** Marks the entry dead if it was not taken to run; needs no lock (see the class comment). */
        @Override
        public boolean cancel() {
            if (!STATE.compareAndSet(this, QUEUED, CANCELLED)) {
                return false;
            }
            DEAD.getAndAdd(AlarmHeap.this, 1);
            return true;
        }

        private boolean isDead() {
            return state == CANCELLED;
        }
    }

    /** Queues {@code action} for {@code deadline}. Under lock. */
    Entry add(long deadline, Runnable action) {
        int d = dead;
        if (d >= SWEEP_MIN && d > size / 4) {
            sweep();
        }
        Entry e = new Entry(deadline, seq++, action);
        if (size == heap.length) {
            resize(size * 2);
        }
        siftUp(size++, e);
        return e;
    }

    /** The earliest deadline of a live entry, or {@code Long.MAX_VALUE} when none. Under lock. */
    long firstDeadline() {
        while (size > 0 && heap[0].isDead()) {
            removeFirst();
            forgetDead();
        }
        return size == 0 ? Long.MAX_VALUE : deadlines[0];
    }

    /**
     * Takes up to {@code out.length} live entries due by {@code now}, earliest first, into {@code out}
     * (dropping dead ones on the way). Taken entries can no longer be cancelled: the caller must run
     * them. Under lock.
     *
     * @return how many were taken
     */
    int pollDue(long now, Entry[] out) {
        int n = 0;
        while (n < out.length && size > 0 && deadlines[0] <= now) {
            Entry e = removeFirst();
            if (STATE.compareAndSet(e, QUEUED, TAKEN)) {
                out[n++] = e;
            } else {
                forgetDead();
            }
        }
        return n;
    }

    /** A copy of the live entries, in no particular order. Under lock. */
    Entry[] entries() {
        Entry[] live = new Entry[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!heap[i].isDead()) {
                live[n++] = heap[i];
            }
        }
        return Arrays.copyOf(live, n);
    }

    /**
     * The number of live entries, counted: {@code size - dead} would not do, since a cancel counts
     * itself in {@code dead} only after its CAS, and the lock holder may drop the entry (and uncount it)
     * in between. O(n): for {@code pending()}, a test's question. Under lock.
     */
    int size() {
        int live = 0;
        for (int i = 0; i < size; i++) {
            if (!heap[i].isDead()) {
                live++;
            }
        }
        return live;
    }

    /** Accounts for a dead entry taken out of the heap. */
    private void forgetDead() {
        DEAD.getAndAdd(this, -1);
    }

    private Entry removeFirst() {
        Entry first = heap[0];
        Entry last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
        if (heap.length > 64 && size < heap.length / 4) {
            resize(heap.length / 2); // a burst of timers does not pin its memory
        }
        return first;
    }

    /** Drops every dead entry and rebuilds the heap from the live ones, bottom-up (Floyd's, O(n)). */
    private void sweep() {
        int n = 0;
        int dropped = 0;
        for (int i = 0; i < size; i++) {
            Entry e = heap[i];
            if (e.isDead()) {
                dropped++;
            } else {
                heap[n] = e;
                deadlines[n++] = e.deadline;
            }
        }
        Arrays.fill(heap, n, size, null);
        size = n;
        DEAD.getAndAdd(this, -dropped);
        for (int i = n > 1 ? (n - 2) / ARITY : -1; i >= 0; i--) { // from the last parent up
            siftDown(i, heap[i]);
        }
        int length = heap.length;
        while (length > 64 && n < length / 4) {
            length /= 2;
        }
        if (length != heap.length) {
            resize(length);
        }
    }

    private void resize(int length) {
        heap = Arrays.copyOf(heap, length);
        deadlines = Arrays.copyOf(deadlines, length);
    }

    /** True if {@code e} must come before the entry at {@code i}. */
    private boolean before(Entry e, int i) {
        long d = deadlines[i];
        return e.deadline < d || (e.deadline == d && e.seq < heap[i].seq);
    }

    private void siftUp(int i, Entry e) {
        while (i > 0) {
            int parent = (i - 1) / ARITY;
            if (!before(e, parent)) {
                break;
            }
            place(i, heap[parent]);
            i = parent;
        }
        place(i, e);
    }

    private void siftDown(int i, Entry e) {
        for (;;) {
            int first = i * ARITY + 1;
            if (first >= size) {
                break;
            }
            int min = first;
            for (int c = first + 1, end = Math.min(first + ARITY, size); c < end; c++) {
                if (deadlines[c] < deadlines[min] || deadlines[c] == deadlines[min] && heap[c].seq < heap[min].seq) {
                    min = c;
                }
            }
            if (before(e, min)) {
                break;
            }
            place(i, heap[min]);
            i = min;
        }
        place(i, e);
    }

    private void place(int i, Entry e) {
        heap[i] = e;
        deadlines[i] = e.deadline;
    }
}
