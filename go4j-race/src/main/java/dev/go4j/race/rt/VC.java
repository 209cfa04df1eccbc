package dev.go4j.race.rt;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A vector clock: entry {@code t} is the last clock value of thread {@code t} (a {@link ThreadState#tid})
 * that happens before the owner's current point. Missing entries are 0. Not thread-safe: a thread's own
 * clock is touched only by that thread (and by its parent before start, its joiner after end), a
 * {@link SyncVar}'s under its monitor.
 *
 * <p>Stored as a trie of {@link #WIDTH}-entry nodes, shared between clocks and copied on write, so that
 * a clock costs memory for what distinguishes it, not for every slot: a forked goroutine shares its
 * parent's clock but for the path to its own entry, and a clock that learns everything another knows
 * takes the other's nodes. Without it, n goroutines alive at once, each with a clock of the n slots,
 * would need memory growing with n squared. A join skips subtrees the two clocks share.
 *
 * <p>Invariants: a node whose {@code owner} is this clock's {@link #token} is reachable from this clock
 * only, and only this clock changes it, in place; every other node reachable from it is immutable (a
 * write copies it first). A clock that gives its nodes away ({@link #copy}, or another clock's
 * {@link #join} taking them) takes a new token, so that it owns none of them any more. A null child is
 * a subtree of zeros. Lock-free readers of a clock being changed ({@link VarState}'s read check) may see
 * stale entries or zeros, never a value the entry did not hold: nodes publish their arrays through final
 * fields.
 */
final class VC {
    private static final int BITS = 5;
    private static final int WIDTH = 1 << BITS;
    private static final int MASK = WIDTH - 1;

    /**
     * A node: a leaf's {@code vals} ({@code shift} 0), or an inner node's {@code kids}, child {@code i}
     * holding the entries whose bits from {@code shift} up are {@code i}. Owned by the clock whose token
     * is {@code owner}. Self-describing, so that a lock-free reader needs nothing else.
     */
    private static final class Node {
        final Object owner;
        final int shift;
        final int[] vals;
        final Node[] kids;
        /**
         * Unique to this node once non-zero, for {@link #covers}: taken when first needed, by any clock
         * (two that race each take an id, one is kept: a memo of the other then never matches).
         */
        volatile long id;
        /**
         * The id of an immutable node whose every entry this node's is at least, 0 if none known: a join
         * of it into this node has nothing to do. Set by the owner only; still true while this node only
         * grows (a join), cleared by a {@link #set}.
         */
        long covers;

        Node(Object owner, int shift, int[] vals, Node[] kids, long covers) {
            this.owner = owner;
            this.shift = shift;
            this.vals = vals;
            this.kids = kids;
            this.covers = covers;
        }
    }

    private static final AtomicLong IDS = new AtomicLong();

    /** Receives a clock's non-zero entries. */
    interface Entries {
        void entry(int tid, int clock);
    }

    /** Null: all zeros. */
    private Node root;
    private Object token = new Object();

    int get(int t) {
        Node n = root;
        if (n == null || !covers(n, t)) {
            return 0;
        }
        while (n.kids != null) {
            n = n.kids[(t >>> n.shift) & MASK];
            if (n == null) {
                return 0;
            }
        }
        return n.vals[t & MASK];
    }

    void set(int t, int v) {
        if (root == null) {
            root = fresh(shiftFor(t));
        }
        while (!covers(root, t)) {
            grow();
        }
        Node n = root = owned(root);
        n.covers = 0; // a set may lower an entry (the runtime's never do)
        while (n.kids != null) {
            int i = (t >>> n.shift) & MASK;
            Node k = n.kids[i] == null ? fresh(n.shift - BITS) : owned(n.kids[i]);
            n.kids[i] = k;
            n = k;
            n.covers = 0;
        }
        n.vals[t & MASK] = v;
    }

    /** Pointwise maximum with {@code o}: this clock now also covers everything {@code o} covers. */
    void join(VC o) {
        Node b = o.root;
        if (b == null || b == root) {
            return;
        }
        if (root == null) {
            root = o.share(b);
            return;
        }
        while (root.shift < b.shift) {
            grow();
        }
        if (root.shift == b.shift) {
            root = join(root, b, o);
            return;
        }
        // o's trie is lower: its root stands for the first subtree of ours at its height
        Node n = root = owned(root);
        while (n.shift > b.shift + BITS) {
            Node k = n.kids[0] == null ? fresh(n.shift - BITS) : owned(n.kids[0]);
            n.kids[0] = k;
            n = k;
        }
        n.kids[0] = join(n.kids[0], b, o);
    }

    /** The join of {@code a}, this clock's node, and {@code b}, {@code o}'s node at the same place. */
    private Node join(Node a, Node b, VC o) {
        if (b == null || a == b || a != null && a.covers != 0 && a.covers == b.id) {
            return a;
        }
        if (a == null) {
            return o.share(b);
        }
        if (a.kids == null) {
            return joinLeaf(a, b, o);
        }
        Node m = a;
        boolean allOfB = true;
        for (int i = 0; i < WIDTH; i++) {
            Node k = join(a.kids[i], b.kids[i], o);
            if (k != m.kids[i]) {
                m = owned(m);
                m.kids[i] = k;
            }
            allOfB &= k == b.kids[i];
        }
        if (allOfB) {
            return o.share(b);
        }
        if (m == a && a.owner == token && b.owner != o.token) {
            a.covers = idOf(b); // see joinLeaf
        }
        return m;
    }

    /** {@code n}'s id, taken now if it has none. */
    private static long idOf(Node n) {
        long id = n.id;
        if (id == 0) {
            id = IDS.incrementAndGet();
            n.id = id;
        }
        return id;
    }

    private Node joinLeaf(Node a, Node b, VC o) {
        int[] av = a.vals;
        int[] bv = b.vals;
        boolean aCovers = true;
        boolean bCovers = true;
        for (int i = 0; i < WIDTH; i++) {
            aCovers &= av[i] >= bv[i];
            bCovers &= bv[i] >= av[i];
        }
        if (aCovers) {
            // Remembered when a is this clock's own (no one else reads or writes its memo) and b can no
            // longer change. Clocks that differ in every node, one covering the other (a WaitGroup's and
            // the clocks of the goroutines that release on it, which also released on a lock since), then
            // join in time for what changed since, not for all their slots.
            if (a.owner == token && b.owner != o.token) {
                a.covers = idOf(b);
            }
            return a;
        }
        if (bCovers) {
            return o.share(b);
        }
        Node m = owned(a);
        for (int i = 0; i < WIDTH; i++) {
            m.vals[i] = Math.max(m.vals[i], bv[i]);
        }
        return m;
    }

    /** {@code n}, one of this clock's nodes, now shared with another clock: this clock may no longer change it. */
    private Node share(Node n) {
        token = new Object();
        return n;
    }

    /** A copy of this clock, sharing its nodes (so O(1)). */
    VC copy() {
        VC c = new VC();
        c.root = share(root);
        return c;
    }

    /** Calls {@code e} with each non-zero entry, in ascending thread id order. */
    void forEach(Entries e) {
        forEach(root, 0, e);
    }

    private static void forEach(Node n, int base, Entries e) {
        if (n == null) {
            return;
        }
        for (int i = 0; i < WIDTH; i++) {
            if (n.kids == null) {
                if (n.vals[i] != 0) {
                    e.entry(base + i, n.vals[i]);
                }
            } else {
                forEach(n.kids[i], base + (i << n.shift), e);
            }
        }
    }

    /** True if entry {@code t} lies in the trie under {@code n}, a root. */
    private static boolean covers(Node n, int t) {
        return n.shift + BITS >= Integer.SIZE || t >>> (n.shift + BITS) == 0;
    }

    /** The lowest root shift whose trie holds entry {@code t}. */
    private static int shiftFor(int t) {
        int s = 0;
        while (s + BITS < Integer.SIZE && t >>> (s + BITS) != 0) {
            s += BITS;
        }
        return s;
    }

    /** Adds a level on top: the old root becomes the new root's first child. */
    private void grow() {
        Node[] kids = new Node[WIDTH];
        kids[0] = root;
        root = new Node(token, root.shift + BITS, null, kids, 0);
    }

    /** A node of zeros at {@code shift}, owned by this clock. */
    private Node fresh(int shift) {
        return shift == 0 ? new Node(token, 0, new int[WIDTH], null, 0) : new Node(token, shift, null, new Node[WIDTH], 0);
    }

    /** {@code n} as a node this clock may change: itself if this clock owns it, else a copy. */
    private Node owned(Node n) {
        if (n.owner == token) {
            return n;
        }
        return n.kids == null ? new Node(token, 0, n.vals.clone(), null, n.covers)
                : new Node(token, n.shift, null, n.kids.clone(), n.covers);
    }
}
