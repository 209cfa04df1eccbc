package dev.go4j.time;

import dev.go4j.internal.ShortLock;
import java.util.Arrays;

/**
 * The pending alarms of a clock, earliest deadline first: a 4-ary min-heap whose entries know their
 * position, so that adding, taking the earliest and cancelling any entry are all O(log n). Cancel
 * removes the entry at once: a timer that is reset over and over (a heartbeat) leaves nothing behind.
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
     *   - heap[i].index == i for every queued entry; an entry out of the heap (taken to run, or
     *     cancelled) has index -1, so cancel knows in O(1) whether it still can prevent the action.
     *   - deadlines[i] == heap[i].deadline: the comparisons on the way up and down read a primitive
     *     array, where four siblings share a cache line, instead of chasing a pointer per comparison
     *     (a heap of 100,000 timers does not fit in the L2 cache).
     */
    private static final int ARITY = 4;

    /** Guards the heap; held only for a few hundred instructions, never while an action runs. */
    final ShortLock lock = new ShortLock();
    private Entry[] heap = new Entry[64];
    private long[] deadlines = new long[64];
    private int size;
    private long seq;

    /** A scheduled action: the {@link Clock.Alarm} handle of the clocks built on this heap. */
    final class Entry implements Clock.Alarm {
        final long deadline;
        final Runnable action;
        private final long seq;
        private int index = -1;

        private Entry(long deadline, long seq, Runnable action) {
            this.deadline = deadline;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public boolean cancel() {
            lock.lock();
            try {
                if (index < 0) {
                    return false;
                }
                removeAt(index);
                return true;
            } finally {
                lock.unlock();
            }
        }

    }

    /** Queues {@code action} for {@code deadline}. Under lock. */
    Entry add(long deadline, Runnable action) {
        Entry e = new Entry(deadline, seq++, action);
        if (size == heap.length) {
            resize(size * 2);
        }
        siftUp(size++, e);
        return e;
    }

    /** The earliest deadline, or {@code Long.MAX_VALUE} when empty. Under lock. */
    long firstDeadline() {
        return size == 0 ? Long.MAX_VALUE : deadlines[0];
    }

    /**
     * Takes up to {@code out.length} entries due by {@code now}, earliest first, into {@code out}.
     * Taken entries can no longer be cancelled: the caller must run them. Under lock.
     *
     * @return how many were taken
     */
    int pollDue(long now, Entry[] out) {
        int n = 0;
        while (n < out.length && size > 0 && deadlines[0] <= now) {
            out[n++] = heap[0];
            removeAt(0);
        }
        return n;
    }

    /** A copy of the queued entries, in no particular order. Under lock. */
    Entry[] entries() {
        return Arrays.copyOf(heap, size);
    }

    /** The number of queued entries. Under lock. */
    int size() {
        return size;
    }

    private void removeAt(int i) {
        Entry removed = heap[i];
        removed.index = -1;
        Entry last = heap[--size];
        heap[size] = null;
        if (i < size) {
            siftDown(i, last);
            if (heap[i] == last) {
                siftUp(i, last);
            }
        }
        if (heap.length > 64 && size < heap.length / 4) {
            resize(heap.length / 2); // a burst of timers does not pin its memory
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
        e.index = i;
    }
}
