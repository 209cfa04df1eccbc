package dev.go4j.race.rt;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;

/**
 * Object to {@link Shadow}, by identity, holding the object weakly, for the objects that have no
 * {@link Shadowed} slot: arrays, and objects of classes the agent does not change (the JDK's locks and
 * atomics used to synchronise). A lookup costs one identity hash, one striped lock and one short chain
 * walk; each thread caches its last two ({@link ThreadState#cachedShadow}). Entries of collected objects
 * are dropped as their segment is next used.
 */
final class ShadowMap {
    private static final int SEGMENT_BITS = 6;
    private static final Segment[] SEGMENTS = new Segment[1 << SEGMENT_BITS];

    static {
        for (int i = 0; i < SEGMENTS.length; i++) {
            SEGMENTS[i] = new Segment();
        }
    }

    private ShadowMap() {}

    static Shadow of(Object o) {
        int h = System.identityHashCode(o);
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return SEGMENTS[h & (SEGMENTS.length - 1)].get(o, h >>> SEGMENT_BITS);
    }

    private static final class Entry extends WeakReference<Object> {
        final int hash;
        final Shadow shadow;
        Entry next;

        Entry(Object key, int hash, Shadow shadow, Entry next, ReferenceQueue<Object> q) {
            super(key, q);
            this.hash = hash;
            this.shadow = shadow;
            this.next = next;
        }
    }

    /** One stripe: a chained hash table under its monitor. */
    private static final class Segment {
        private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
        private Entry[] table = new Entry[64];
        private int size;

        synchronized Shadow get(Object key, int hash) {
            expunge();
            int i = hash & (table.length - 1);
            for (Entry e = table[i]; e != null; e = e.next) {
                if (e.hash == hash && e.get() == key) {
                    return e.shadow;
                }
            }
            Shadow s = new Shadow();
            table[i] = new Entry(key, hash, s, table[i], queue);
            if (++size > table.length * 3 / 4) {
                resize();
            }
            return s;
        }

        private void expunge() {
            for (Object r; (r = queue.poll()) != null; ) {
                Entry dead = (Entry) r;
                int i = dead.hash & (table.length - 1);
                Entry prev = null;
                for (Entry e = table[i]; e != null; prev = e, e = e.next) {
                    if (e == dead) {
                        if (prev == null) {
                            table[i] = e.next;
                        } else {
                            prev.next = e.next;
                        }
                        size--;
                        break;
                    }
                }
            }
        }

        private void resize() {
            Entry[] old = table;
            Entry[] t = new Entry[old.length * 2];
            for (Entry head : old) {
                for (Entry e = head; e != null; ) {
                    Entry next = e.next;
                    int i = e.hash & (t.length - 1);
                    e.next = t[i];
                    t[i] = e;
                    e = next;
                }
            }
            table = t;
        }
    }
}
