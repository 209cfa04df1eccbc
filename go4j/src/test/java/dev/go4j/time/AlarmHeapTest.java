package dev.go4j.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The alarm heap on its own: earliest deadline first, ties in the order added, cancel of any entry (the
 * middle included) without running it, dead entries swept, and cancels racing the taking of due entries.
 * Single-threaded but for the race test, so the heap's lock is not taken (cancel needs none).
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

    /** The live entries are counted, and the first deadline is the earliest of theirs. */
    private void assertConsistent() {
        AlarmHeap.Entry[] a = heap.entries();
        assertEquals(heap.size(), a.length);
        long first = Long.MAX_VALUE;
        for (AlarmHeap.Entry e : a) {
            first = Math.min(first, e.deadline);
        }
        assertEquals(first, heap.firstDeadline());
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
    void cancelFromTheMiddleIsNeverTaken() {
        List<AlarmHeap.Entry> added = new ArrayList<>();
        for (long d = 0; d < 50; d++) {
            added.add(heap.add(d, NOTHING));
        }
        AlarmHeap.Entry middle = added.get(25);
        assertTrue(middle.cancel());
        assertFalse(middle.cancel(), "cancelled once");
        assertEquals(49, heap.size(), "not counted as pending");
        assertConsistent();
        added.remove(middle);
        assertEquals(added, pollAll(Long.MAX_VALUE));
        assertEquals(0, heap.size());
    }

    @Test
    void aCancelledFirstEntryIsNotTheFirstDeadline() {
        AlarmHeap.Entry first = heap.add(1, NOTHING);
        heap.add(2, NOTHING);
        assertTrue(first.cancel());
        assertEquals(2, heap.firstDeadline(), "a clock must not wake for a cancelled alarm");
    }

    /**
     * A heartbeat: one timer reset 100,000 times, each reset an add and a cancel. The cancelled entries'
     * actions must become unreachable (swept from the heap), all but at most the sweep's slack.
     */
    @Test
    void deadEntriesAreSwept() {
        List<WeakReference<Runnable>> actions = new ArrayList<>();
        AlarmHeap.Entry live = heap.add(1_000, NOTHING);
        for (int i = 0; i < 100_000; i++) {
            Runnable action = new Runnable() { // a new object each time (a lambda without captures is shared)
                @Override
                public void run() {}
            };
            actions.add(new WeakReference<>(action));
            AlarmHeap.Entry next = heap.add(1_000 + i, action);
            assertTrue(live.cancel());
            live = next;
        }
        assertEquals(1, heap.size());
        System.gc();
        long kept = actions.stream().filter(r -> r.get() != null).count();
        assertTrue(kept <= 1 + 64 + 1, kept + " cancelled actions still reachable from the heap");
    }

    @Test
    void anAddAfterEveryEntryWasCancelledSweepsThemAll() {
        List<AlarmHeap.Entry> added = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            added.add(heap.add(i, NOTHING));
        }
        added.forEach(e -> assertTrue(e.cancel()));
        AlarmHeap.Entry last = heap.add(5, NOTHING);
        assertEquals(1, heap.size());
        assertEquals(List.of(last), pollAll(Long.MAX_VALUE));
    }

    /**
     * Cancels from another thread racing the polls: every entry is either taken (its cancel failed) or
     * cancelled (never taken), exactly one of the two, and the live count ends at zero.
     */
    @Test
    void cancelRacingPollDecidesEachEntryOnce() throws Exception {
        int n = 100_000;
        List<AlarmHeap.Entry> added = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            added.add(heap.add(i, NOTHING));
        }
        boolean[] cancelled = new boolean[n];
        Thread canceller = Thread.ofPlatform().start(() -> {
            for (int i = n - 1; i >= 0; i -= 2) {
                cancelled[i] = added.get(i).cancel();
            }
        });
        Set<AlarmHeap.Entry> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        AlarmHeap.Entry[] batch = new AlarmHeap.Entry[64];
        for (long now = 0; now < n; now += 100) {
            for (int k; (k = heap.pollDue(now, batch)) > 0; ) {
                taken.addAll(Arrays.asList(batch).subList(0, k));
            }
        }
        canceller.join();
        taken.addAll(pollAll(Long.MAX_VALUE));
        for (int i = 0; i < n; i++) {
            assertTrue(cancelled[i] != taken.contains(added.get(i)), "entry " + i + ": cancelled xor taken");
        }
        assertEquals(0, heap.size());
        assertEquals(Long.MAX_VALUE, heap.firstDeadline());
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
                assertConsistent();
            }
            assertEquals(model.size(), heap.size());
        }
        assertEquals(new ArrayList<>(model.values()), pollAll(Long.MAX_VALUE));
        assertEquals(0, heap.size());
    }
}
