package dev.go4j.race.rt;

/**
 * A thread's shadow call stack (ThreadSanitizer's): the calls made by instrumented code that the thread
 * is in, so that a report can print the whole stack of an access made earlier by another thread, whose
 * real stack has moved on. An access records {@link #at} its site, one reference to an immutable
 * {@link Frame}. Public because instrumented code calls it; not an API. Only its thread uses it.
 *
 * <p>What an instrumented method that makes calls does (one that makes none has nothing to do: its
 * accesses find its callers' frames here): at entry it keeps {@link #current()} and its {@link #top()} (the
 * frames of its callers) in two locals; before each call it pushes the call's site on that snapshot
 * ({@link #call}); after the call returns, at each of its exception handlers and when an exception leaves
 * it, it sets the top back to its entry snapshot ({@link #back}), so the stack stays balanced whatever
 * is thrown. Code the agent does not instrument pushes nothing: an instrumented method it calls sees the
 * last call site of the instrumented code below, and the frames between are missing.
 *
 * <p>Snapshots are interned in a hash table, so that a call repeating a path allocates nothing. The
 * table is a cache: once full, a new snapshot replaces one whose slot it needs, which lives on only
 * while an access or a stack refers to it. So the table bounds what the thread keeps (a recursion's call
 * tree can hold exponentially many paths), at the cost of making a snapshot again after an eviction.
 */
public final class ShadowStack {
    private static final int MAX_TABLE = 4096;
    /** Slots a frame may take, from the one its hash names: a few frames sharing a slot do not evict each other. */
    private static final int PROBES = 4;
    private Frame top = Frame.ROOT;
    /** Interned snapshots, by {@link Frame#hash}; grown while at most half full, up to {@link #MAX_TABLE}. */
    private Frame[] table = new Frame[8];
    private int used;

    ShadowStack() {}

    /** The calling thread's shadow stack. */
    public static ShadowStack current() {
        return ThreadState.current().stack();
    }

    /** The snapshot now: at a method's entry, its callers' frames. */
    public Frame top() {
        return top;
    }

    /** Before a call at {@code site} made by the method whose entry snapshot is {@code caller}. */
    public void call(Frame caller, int site) {
        top = push(caller, site);
    }

    /** After a call returned or threw, and when an exception leaves the method whose entry snapshot is {@code caller}. */
    public void back(Frame caller) {
        top = caller;
    }

    /** The stack of an access at {@code site} now, for the variable's shadow state. */
    Frame at(int site) {
        return push(top, site);
    }

    /** {@code parent} with {@code site} pushed on it, interned. */
    private Frame push(Frame parent, int site) {
        int h = Frame.hash(parent, site);
        Frame[] t = table;
        int mask = t.length - 1;
        for (int p = 0; p < PROBES; p++) {
            Frame f = t[(h + p) & mask];
            if (f == null) {
                break; // slots are never emptied, and a frame goes in the first empty one of its window
            }
            if (f.parent == parent && f.site == site) {
                return f;
            }
        }
        Frame f = new Frame(parent, site, h);
        if ((used + 1) * 2 > t.length && t.length < MAX_TABLE) {
            Frame[] old = t;
            table = new Frame[old.length * 2];
            used = 0;
            for (Frame o : old) {
                if (o != null) {
                    put(o);
                }
            }
        }
        put(f);
        return f;
    }

    /** Puts {@code f} in the first empty slot of its window, else in its first slot, in place of another frame. */
    private void put(Frame f) {
        int mask = table.length - 1;
        for (int p = 0; p < PROBES; p++) {
            int i = (f.hash + p) & mask;
            if (table[i] == null) {
                table[i] = f;
                used++;
                return;
            }
        }
        table[f.hash & mask] = f;
    }
}
