package dev.go4j.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The alarm heap on its own: earliest deadline first, ties in the order added, cancel of any entry
 * (the middle included) in place, and the heap shape kept after every operation. Single-threaded, so
 * the heap's lock is not taken (and {@code Entry.cancel} takes it itself).
 */
class AlarmHeapTest {
    private final AlarmHeap heap = new AlarmHeap();

    private static final Runnable NOTHING = () -> {};

    /** Takes every entry due by {@code now}, one poll at a time, in the order the heap gives them. */
    private List<AlarmHeap.Entry> pollAll(long now) {
        List<AlarmHeap.Entry> out = new ArrayList<>();
        AlarmHeap.Entry[] one = new AlarmHeap.Entry[1];
        while (heap.pollDue(now, one) == 1) {
            out.add(one[0]);
        }
        return out;
    }

    /**
     * The 4-ary min-heap invariant over the heap's array (which {@code entries()} copies in place): no
     * entry is due before its parent.
     */
    private void assertHeapShape() {
        AlarmHeap.Entry[] a = heap.entries();
        assertEquals(heap.size(), a.length);
        for (int i = 1; i < a.length; i++) {
            int parent = (i - 1) / 4;
            if (a[i].deadline < a[parent].deadline) {
                fail("entry " + i + " (due " + a[i].deadline + ") before its parent " + parent + " (due "
                        + a[parent].deadline + ")");
            }
        }
        assertEquals(a.length == 0 ? Long.MAX_VALUE : a[0].deadline, heap.firstDeadline());
    }

    @Test
    void emptyHeapHasNoDeadline() {
        assertEquals(Long.MAX_VALUE, heap.firstDeadline());
        assertEquals(0, heap.pollDue(Long.MAX_VALUE, new AlarmHeap.Entry[4]));
    }

    @Test
    void entriesComeOutEarliestFirst() {
        long[] deadlines = {50, 10, 40, 20, 30, 60, 5};
        List<AlarmHeap.Entry> added = new ArrayList<>();
        for (long d : deadlines) {
            added.add(heap.add(d, NOTHING));
        }
        assertEquals(5, heap.firstDeadline());
        added.sort(Comparator.comparingLong(e -> e.deadline));
        assertEquals(added, pollAll(Long.MAX_VALUE));
    }

    @Test
    void onlyDueEntriesAreTakenAndAtMostTheBatch() {
        for (long d = 1; d <= 10; d++) {
            heap.add(d, NOTHING);
        }
        AlarmHeap.Entry[] batch = new AlarmHeap.Entry[3];
        assertEquals(3, heap.pollDue(5, batch));
        assertEquals(List.of(1L, 2L, 3L), List.of(batch[0].deadline, batch[1].deadline, batch[2].deadline));
        assertEquals(2, pollAll(5).size(), "4 and 5 are due, 6 is not");
        assertEquals(6, heap.firstDeadline());
    }

    @Test
    void tiesComeOutInTheOrderAdded() {
        List<AlarmHeap.Entry> added = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            added.add(heap.add(7, NOTHING));
        }
        assertEquals(added, pollAll(7));
    }

    @Test
    void cancelFromTheMiddleRemovesInPlace() {
        List<AlarmHeap.Entry> added = new ArrayList<>();
        for (long d = 0; d < 50; d++) {
            added.add(heap.add(d, NOTHING));
        }
        AlarmHeap.Entry middle = added.get(25);
        assertTrue(middle.cancel());
        assertFalse(middle.cancel(), "cancelled once");
        assertEquals(49, heap.size(), "removed at once, not left behind as garbage");
        assertHeapShape();
        added.remove(middle);
        assertEquals(added, pollAll(Long.MAX_VALUE));
    }

    @Test
    void anEntryTakenToRunCannotBeCancelled() {
        AlarmHeap.Entry e = heap.add(1, NOTHING);
        assertEquals(List.of(e), pollAll(1));
        assertFalse(e.cancel());
    }

    /** Random adds, cancels and polls against a sorted map by (deadline, order added). */
    @Test
    void randomAddsCancelsAndPollsKeepHeapOrder() {
        Random rnd = new Random(42);
        TreeMap<long[], AlarmHeap.Entry> model = new TreeMap<>(
                Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
        List<long[]> keys = new ArrayList<>();
        long order = 0;
        long now = 0;
        for (int step = 0; step < 20_000; step++) {
            int op = rnd.nextInt(10);
            if (op < 5) {
                long d = now + rnd.nextInt(200); // narrow range: many ties
                long[] key = {d, order++};
                model.put(key, heap.add(d, NOTHING));
                keys.add(key);
            } else if (op < 8 && !keys.isEmpty()) {
                long[] key = keys.remove(rnd.nextInt(keys.size()));
                AlarmHeap.Entry e = model.remove(key);
                assertEquals(e != null, e != null && e.cancel(), "cancel succeeds while queued");
            } else {
                now += rnd.nextInt(20);
                List<AlarmHeap.Entry> expected = new ArrayList<>(model.headMap(new long[] {now, Long.MAX_VALUE}).values());
                List<AlarmHeap.Entry> taken = pollAll(now);
                assertEquals(expected, taken, "due entries at " + now);
                taken.forEach(e -> assertFalse(e.cancel(), "taken entries cannot be cancelled"));
                model.headMap(new long[] {now, Long.MAX_VALUE}).clear();
            }
            if (step % 64 == 0) {
                assertHeapShape();
            }
            assertEquals(model.size(), heap.size());
        }
        assertEquals(new ArrayList<>(model.values()), pollAll(Long.MAX_VALUE));
        assertEquals(0, heap.size());
    }
}
