package dev.go4j.race.rt;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The detector's view of one thread (a goroutine is a virtual thread): its slot in vector clocks (its
 * tid), its clock, and what a report says about it.
 *
 * <p>Invariants: {@link #vc} is written only by its thread, except by its parent before the thread
 * starts ({@link #fork}) and read by a joiner or a slot's next owner after it ended; Java's start and
 * join rules order those accesses. {@code vc.get(tid)} is the thread's current clock, at least 1, and
 * grows by one at every release, so an epoch (tid, clock) names a stretch of the thread's execution
 * between two releases.
 *
 * <p>Slots are reused, as ThreadSanitizer reuses the ids of joined threads, so that slots stay about as
 * many as the threads alive, not the threads ever started. A forked thread takes over the slot of an
 * ended thread only if its parent's clock covers every access of the ended thread: then whatever knows
 * the new owner's epochs also knows the old owner's (its end happens before the new owner's start), and
 * the new owner's clock starts above any value of the old owner's that can have escaped, so no epoch
 * names both. A slot whose owner ended unseen (no one ordered after its last access) is never reused,
 * as that would hide its races: it keeps only an {@link Ended} record, a few dozen bytes (its creation
 * stack is shared with the other threads created at the same place), and its clock is collected with
 * the thread (a joiner finds the thread's state through the thread while it holds it).
 */
final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::ofCurrentThread);
    private static final Map<Thread, ThreadState> BY_THREAD = Collections.synchronizedMap(new WeakHashMap<>());
    /** Ended threads' slots to check (most recently found last), under the class lock. */
    private static final ArrayDeque<Integer> ENDED = new ArrayDeque<>();
    /** Slots a fork checks at most: a slot whose end its parent has not seen waits for another parent. */
    private static final int CHECKS_PER_FORK = 8;
    /** Forks between two scans for ended threads. */
    private static final int SCAN_EVERY = 64;
    /** Each slot's current owner while it may run, under the class lock; an owner links to the slot's earlier owners. */
    private static ThreadState[] byTid = new ThreadState[64];
    /** Each slot's ended owner, once a scan found it ended (its {@link #byTid} entry then null), under the class lock. */
    private static Ended[] endedByTid = new Ended[64];
    /** Creation stacks, one copy of each: threads started at one place share it. Under the class lock. */
    private static final Map<List<StackTraceElement>, StackTraceElement[]> CREATION_STACKS = new HashMap<>();
    private static int lastTid;
    private static int forksSinceScan;

    final int tid;
    final VC vc;
    /** The clock this thread started its slot at: the slot's epochs below it are earlier owners'. */
    private final int firstClock;
    /** The slot's owner before this one, or null: the reports' "Previous ... by" may name it. */
    private final Past previous;
    private final WeakReference<Thread> thread;
    private final String nameAtStart;
    private final boolean virtual;
    private final long threadId;
    /** Where the thread was started (outermost application frames first excluded), or null if unknown. */
    final StackTraceElement[] createdAt;
    /** {@code vc.get(tid)} with the tid, packed: the epoch of the thread's accesses now (its thread only, once started). */
    private long epoch;
    /**
     * The calls of instrumented code the thread is in (its thread only), made by the thread itself: a
     * parent's fork would allocate its children's stacks next to each other, and each call writes its
     * thread's stack, so threads would share cache lines.
     */
    private ShadowStack stack;
    /** The clock of the thread's last access to a checked variable, 0 if none (its thread only). */
    private int lastAccessClock;
    /** Joins of other clocks into {@link #vc} so far (its thread only): {@link SyncVar}'s release uses it. */
    private int joins;
    /**
     * The two synchronisation clocks this thread last found itself covering, and at which of their
     * versions (its thread only): while a clock's version is the same, an acquire on it has nothing to do.
     */
    private SyncVar covered0;
    private SyncVar covered1;
    private int coveredVersion0;
    private int coveredVersion1;
    /**
     * The shadows of the two objects without a slot (arrays, objects of classes not instrumented) this
     * thread used last, most recent first; its thread only. Weak, so that a thread keeps no array alive;
     * a loop over one array, or a lock and an array, looks {@link ShadowMap} up once.
     */
    private WeakReference<Object> cached0;
    private WeakReference<Object> cached1;
    private Shadow shadow0;
    private Shadow shadow1;

    /** What a report says of a thread: its label, where it was created (null if unknown), whether it runs. */
    record Owner(String label, StackTraceElement[] createdAt, boolean running) {}

    /** A slot's earlier owner, from its first clock on; {@code depth} counts the owners linked. */
    private record Past(int firstClock, Owner owner, Past previous, int depth) {}

    /**
     * What a slot keeps of its owner once it ended: enough to reuse the slot ({@code lastClock}, the
     * owner's final clock, and {@code lastAccessClock}) and to name the owner in reports.
     */
    private record Ended(int tid, int firstClock, int lastClock, int lastAccessClock, Owner owner, Past previous) {
        /** The slot's earlier owners for its next owner, this one first. */
        Past retire() {
            Past kept = previous;
            if (kept != null && kept.depth >= PAST_OWNERS) {
                kept = null; // the oldest owners go in one step; a slot is reused many times between two reports
            }
            return new Past(firstClock, owner, kept, kept == null ? 1 : kept.depth + 1);
        }

        Owner ownerAt(int clock) {
            return clock >= firstClock ? owner : ThreadState.ownerAt(previous, clock);
        }
    }

    /** Earlier owners a slot remembers for reports (each keeps a creation stack): older ones are "unknown". */
    private static final int PAST_OWNERS = 16;
    private static final Owner UNKNOWN = new Owner("unknown goroutine (ended)", null, false);

    private ThreadState(Thread t, VC vc, StackTraceElement[] createdAt, int tid, int firstClock, Past previous) {
        this.tid = tid;
        this.vc = vc;
        this.firstClock = firstClock;
        this.previous = previous;
        this.thread = new WeakReference<>(t);
        this.nameAtStart = t.getName();
        this.virtual = t.isVirtual();
        this.threadId = t.threadId();
        this.createdAt = createdAt;
        vc.set(tid, firstClock);
        this.epoch = Epoch.of(tid, firstClock);
        BY_THREAD.put(t, this);
    }

    /** A thread whose start the detector did not see gets a fresh slot: it knows no one's clock. */
    private static synchronized ThreadState unforked(Thread t) {
        ThreadState s = new ThreadState(t, new VC(), null, ++lastTid, 1, null);
        own(s);
        return s;
    }

    /** {@code child} starts with {@code parentClock}, in an ended thread's slot if the parent has seen its end. */
    private static synchronized ThreadState forked(Thread child, VC parentClock, StackTraceElement[] createdAt) {
        Ended old = reusableSlot(parentClock);
        StackTraceElement[] at = CREATION_STACKS.computeIfAbsent(List.of(createdAt), k -> createdAt);
        ThreadState s;
        if (old == null) {
            s = new ThreadState(child, parentClock.copy(), at, ++lastTid, 1, null);
        } else {
            endedByTid[old.tid] = null;
            s = new ThreadState(child, parentClock.copy(), at, old.tid, old.lastClock + 1, old.retire());
        }
        own(s);
        return s;
    }

    private static void own(ThreadState s) {
        if (s.tid >= byTid.length) {
            byTid = Arrays.copyOf(byTid, Math.max(s.tid + 1, byTid.length * 2));
            endedByTid = Arrays.copyOf(endedByTid, byTid.length);
        }
        byTid[s.tid] = s;
    }

    /**
     * The owner of an ended thread's slot whose every access {@code parentClock} covers, or null. Ended
     * threads are found by a scan of all slots when none of those known fits, at most once per
     * {@link #SCAN_EVERY} forks: a fork costs O(slots / SCAN_EVERY), and slots stay about as many as the
     * threads alive plus {@code SCAN_EVERY}, plus those that ended unseen.
     */
    private static Ended reusableSlot(VC parentClock) {
        Ended old = firstCovered(parentClock);
        if (old == null && ++forksSinceScan >= SCAN_EVERY) {
            forksSinceScan = 0;
            for (int t = 1; t <= lastTid; t++) {
                ThreadState s = byTid[t];
                if (s != null && s.ended()) {
                    byTid[t] = null;
                    endedByTid[t] = new Ended(t, s.firstClock, s.vc.get(t), s.lastAccessClock, s.owner(), s.previous);
                    ENDED.add(t);
                }
            }
            old = firstCovered(parentClock);
        }
        return old;
    }

    /** The first of a few known ended slots whose owner's accesses {@code parentClock} covers, taken out of {@link #ENDED}. */
    private static Ended firstCovered(VC parentClock) {
        for (int i = Math.min(CHECKS_PER_FORK, ENDED.size()); i > 0; i--) {
            Ended old = endedByTid[ENDED.poll()];
            if (old.lastAccessClock <= parentClock.get(old.tid)) {
                return old;
            }
            ENDED.add(old.tid);
        }
        return null;
    }

    /** True once the thread has terminated (after which its clock no longer changes). */
    private boolean ended() {
        Thread t = thread.get();
        return t == null || !t.isAlive();
    }

    /** Whoever owned slot {@code tid} at {@code clock}, for a report. */
    static synchronized Owner owner(int tid, int clock) {
        ThreadState s = byTid[tid];
        if (s == null) {
            return endedByTid[tid].ownerAt(clock);
        }
        return clock >= s.firstClock ? s.owner() : ownerAt(s.previous, clock);
    }

    private static Owner ownerAt(Past past, int clock) {
        for (Past p = past; p != null; p = p.previous) {
            if (clock >= p.firstClock) {
                return p.owner;
            }
        }
        return UNKNOWN;
    }

    /** What a report says of this thread now. */
    Owner owner() {
        return new Owner(label(), createdAt, isRunning());
    }

    /** The calling thread's state. */
    static ThreadState current() {
        return CURRENT.get();
    }

    /** A thread that was not started by instrumented code (main, a pool's worker): it knows no one's clock. */
    private static ThreadState ofCurrentThread() {
        Thread t = Thread.currentThread();
        ThreadState forked = BY_THREAD.get(t);
        return forked != null ? forked : unforked(t);
    }

    /** This thread's shadow call stack; called by this thread only. */
    ShadowStack stack() {
        ShadowStack s = stack;
        if (s == null) {
            stack = s = new ShadowStack();
        }
        return s;
    }

    /** The current epoch, for an access: this thread's id and clock, packed. */
    long epoch() {
        lastAccessClock = Epoch.clock(epoch);
        return epoch;
    }

    /** The shadow of {@code o}, an object without a slot, through this thread's cache. */
    Shadow cachedShadow(Object o) {
        if (cached0 != null && cached0.refersTo(o)) {
            return shadow0;
        }
        if (cached1 != null && cached1.refersTo(o)) {
            WeakReference<Object> c = cached1;
            Shadow s = shadow1;
            cached1 = cached0;
            shadow1 = shadow0;
            cached0 = c;
            shadow0 = s;
            return s;
        }
        Shadow s = ShadowMap.of(o);
        cached1 = cached0;
        shadow1 = shadow0;
        cached0 = new WeakReference<>(o);
        shadow0 = s;
        return s;
    }

    /** Ends the current epoch: later accesses are not covered by what this thread has released so far. */
    void tick() {
        int clock = vc.get(tid) + 1;
        vc.set(tid, clock);
        epoch = Epoch.of(tid, clock);
    }

    /** Fork: {@code child}, about to be started by this thread, starts with everything this thread did. */
    void fork(Thread child, StackTraceElement[] createdAt) {
        forked(child, vc, createdAt);
        tick();
    }

    /** Join: {@code child} has terminated; everything it did happens before what this thread does next. */
    void join(Thread child) {
        ThreadState s = BY_THREAD.get(child);
        if (s != null && s != this) {
            join(s.vc);
        }
    }

    /** Joins {@code other} into this thread's clock: what it covers happens before what this thread does next. */
    void join(VC other) {
        vc.join(other);
        joins++;
    }

    int joins() {
        return joins;
    }

    /** True if {@code s}'s clock at {@code version} is known to be covered by this thread's. */
    boolean covers(SyncVar s, int version) {
        return covered0 == s && coveredVersion0 == version || covered1 == s && coveredVersion1 == version;
    }

    /** Records that this thread's clock covers {@code s}'s at {@code version} (this clock only grows). */
    void cover(SyncVar s, int version) {
        if (covered0 == s) {
            coveredVersion0 = version;
        } else if (covered1 == s) {
            coveredVersion1 = version;
        } else {
            covered1 = covered0;
            coveredVersion1 = coveredVersion0;
            covered0 = s;
            coveredVersion0 = version;
        }
    }

    /** Go's name for it: {@code goroutine 7}, {@code main goroutine}, else {@code thread 23 "name"}. */
    String label() {
        Thread t = thread.get();
        String name = t != null ? t.getName() : nameAtStart;
        if (virtual && name.startsWith("goroutine-")) {
            return "goroutine " + name.substring("goroutine-".length());
        }
        if (!virtual && name.equals("main")) {
            return "main goroutine";
        }
        return "thread " + threadId + " \"" + name + "\"";
    }

    boolean isRunning() {
        Thread t = thread.get();
        return t != null && t.isAlive();
    }
}
