package dev.go4j.race.rt;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The detector's view of one thread (a goroutine is a virtual thread): its id in vector clocks, its
 * clock, and what a report says about it.
 *
 * <p>Invariants: {@link #vc} is written only by its thread, except by its parent before the thread
 * starts ({@link #fork}) and read by a joiner after it ended ({@link #join}); Java's start and join rules
 * order those accesses. {@code vc.get(tid)} is the thread's current clock, at least 1, and grows by one at
 * every release, so an epoch (tid, clock) names a stretch of the thread's execution between two releases.
 */
final class ThreadState {
    private static final ThreadLocal<ThreadState> CURRENT = ThreadLocal.withInitial(ThreadState::ofCurrentThread);
    private static final Map<Thread, ThreadState> BY_THREAD = Collections.synchronizedMap(new WeakHashMap<>());
    private static ThreadState[] byTid = new ThreadState[64];
    private static int lastTid;

    final int tid;
    final VC vc;
    private final WeakReference<Thread> thread;
    private final String nameAtStart;
    private final boolean virtual;
    private final long threadId;
    /** Where the thread was started (outermost application frames first excluded), or null if unknown. */
    final StackTraceElement[] createdAt;

    private ThreadState(Thread t, VC vc, StackTraceElement[] createdAt) {
        this.tid = nextTid();
        this.vc = vc;
        this.thread = new WeakReference<>(t);
        this.nameAtStart = t.getName();
        this.virtual = t.isVirtual();
        this.threadId = t.threadId();
        this.createdAt = createdAt;
        vc.set(tid, 1);
        register(this);
        BY_THREAD.put(t, this);
    }

    private static synchronized int nextTid() {
        return ++lastTid;
    }

    private static synchronized void register(ThreadState s) {
        if (s.tid >= byTid.length) {
            byTid = Arrays.copyOf(byTid, Math.max(s.tid + 1, byTid.length * 2));
        }
        byTid[s.tid] = s;
    }

    static synchronized ThreadState byTid(int tid) {
        return byTid[tid];
    }

    /** The calling thread's state. */
    static ThreadState current() {
        return CURRENT.get();
    }

    /** A thread that was not started by instrumented code (main, a pool's worker): it knows no one's clock. */
    private static ThreadState ofCurrentThread() {
        Thread t = Thread.currentThread();
        ThreadState forked = BY_THREAD.get(t);
        return forked != null ? forked : new ThreadState(t, new VC(), null);
    }

    /** The current epoch: this thread's id and clock, packed. */
    long epoch() {
        return Epoch.of(tid, vc.get(tid));
    }

    /** Ends the current epoch: later accesses are not covered by what this thread has released so far. */
    void tick() {
        vc.set(tid, vc.get(tid) + 1);
    }

    /** Fork: {@code child}, about to be started by this thread, starts with everything this thread did. */
    void fork(Thread child, StackTraceElement[] createdAt) {
        new ThreadState(child, vc.copy(), createdAt);
        tick();
    }

    /** Join: {@code child} has terminated; everything it did happens before what this thread does next. */
    void join(Thread child) {
        ThreadState s = BY_THREAD.get(child);
        if (s != null && s != this) {
            vc.join(s.vc);
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
