package dev.go4j.race.rt;

import java.util.ArrayList;
import java.util.List;

/**
 * One snapshot of a thread's shadow call stack ({@link ShadowStack}): a call site (or, for an access,
 * the access's own site) and the snapshot it was made in, so that an access records its whole stack as
 * one reference. Public because instrumented code holds one in a local; not an API.
 *
 * <p>Snapshots are interned per thread: the children of a frame, one per site, are made and looked up
 * by the thread that owns its tree only, so a call that repeats a path allocates nothing. Other threads
 * read only the final {@link #parent} and {@link #site}, of frames published to them through a
 * {@link VarState}'s monitor.
 */
public final class Frame {
    final Frame parent;
    final int site;
    /** The child looked up last: a loop calling one site finds it here. */
    private Frame last;
    /** The other children, open-addressed by site; null while there is at most one. */
    private Frame[] kids;
    private int kidCount;

    private Frame(Frame parent, int site) {
        this.parent = parent;
        this.site = site;
    }

    /** The bottom of a thread's stack: no frame. */
    static Frame root() {
        return new Frame(null, -1);
    }

    /** This snapshot with {@code site} pushed on it, made once. */
    Frame child(int site) {
        Frame k = last;
        if (k != null && k.site == site) {
            return k;
        }
        return last = lookup(site);
    }

    private Frame lookup(int site) {
        if (kids == null) {
            if (last == null) {
                return new Frame(this, site);
            }
            kids = new Frame[4];
            insert(last);
        }
        int mask = kids.length - 1;
        for (int i = hash(site) & mask; ; i = (i + 1) & mask) {
            Frame k = kids[i];
            if (k == null) {
                break;
            }
            if (k.site == site) {
                return k;
            }
        }
        Frame k = new Frame(this, site);
        if (2 * (kidCount + 1) > kids.length) {
            Frame[] old = kids;
            kids = new Frame[old.length * 2];
            kidCount = 0;
            for (Frame o : old) {
                if (o != null) {
                    insert(o);
                }
            }
        }
        insert(k);
        return k;
    }

    private void insert(Frame k) {
        int mask = kids.length - 1;
        int i = hash(k.site) & mask;
        while (kids[i] != null) {
            i = (i + 1) & mask;
        }
        kids[i] = k;
        kidCount++;
    }

    private static int hash(int site) {
        return site * 0x9e3779b9 >>> 16;
    }

    /** The frames of this snapshot, innermost first, as a report prints them. */
    StackTraceElement[] trace() {
        List<StackTraceElement> out = new ArrayList<>();
        for (Frame f = this; f.parent != null; f = f.parent) {
            out.add(Sites.site(f.site));
        }
        return out.toArray(new StackTraceElement[0]);
    }
}
