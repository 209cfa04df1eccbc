package dev.go4j.race.rt;

import java.util.Arrays;

/**
 * A vector clock: entry {@code t} is the last clock value of thread {@code t} (a {@link ThreadState#tid})
 * that happens before the owner's current point. Missing entries are 0. Not thread-safe: a thread's own
 * clock is touched only by that thread (and by its parent before start, its joiner after end), a
 * {@link SyncVar}'s under its monitor.
 */
final class VC {
    private int[] c;

    VC() {
        c = new int[8];
    }

    private VC(int[] c) {
        this.c = c;
    }

    /** One past the highest thread id with an entry (entries at and beyond it are 0). */
    int size() {
        return c.length;
    }

    int get(int t) {
        return t < c.length ? c[t] : 0;
    }

    void set(int t, int v) {
        if (t >= c.length) {
            c = Arrays.copyOf(c, Math.max(t + 1, c.length * 2));
        }
        c[t] = v;
    }

    /** Pointwise maximum with {@code o}: this clock now also covers everything {@code o} covers. */
    void join(VC o) {
        int[] oc = o.c;
        if (oc.length > c.length) {
            c = Arrays.copyOf(c, oc.length);
        }
        for (int i = 0; i < oc.length; i++) {
            if (oc[i] > c[i]) {
                c[i] = oc[i];
            }
        }
    }

    VC copy() {
        return new VC(c.clone());
    }
}
