package dev.go4j.race.rt;

import java.util.ArrayList;
import java.util.List;

/**
 * One snapshot of a thread's shadow call stack ({@link ShadowStack}): a call site (or, for an access,
 * the access's own site) and the snapshot it was made in, so that an access records its whole stack as
 * one reference. Immutable, so any thread may read one. Public because instrumented code holds one in a
 * local; not an API.
 */
public final class Frame {
    /** The empty stack, below every thread's first frame. */
    static final Frame ROOT = new Frame(null, -1, 0);

    final Frame parent;
    final int site;
    /** A hash of the whole snapshot, for {@link ShadowStack}'s table. */
    final int hash;

    Frame(Frame parent, int site, int hash) {
        this.parent = parent;
        this.site = site;
        this.hash = hash;
    }

    /** The hash of {@code site} pushed on {@code parent}. */
    static int hash(Frame parent, int site) {
        int h = (parent.hash * 0x9e3779b9 + site) * 0x85ebca6b;
        return h ^ h >>> 16;
    }

    /** The frames of this snapshot, innermost first, as a report prints them. */
    StackTraceElement[] trace() {
        List<StackTraceElement> out = new ArrayList<>();
        for (Frame f = this; f != ROOT; f = f.parent) {
            out.add(Sites.site(f.site));
        }
        return out.toArray(new StackTraceElement[0]);
    }
}
