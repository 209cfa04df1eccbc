package dev.go4j.internal;

import dev.go4j.runtime.LockCycle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Finds cycles of threads waiting for each other's go4j locks the moment the last of them is about to
 * park, and reports each cycle once: the lock-cycle detector behind
 * {@code Goroutines.setLockCycleHandler}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>A lock records its holder with a plain write when it is taken and clears it with a plain write
 *       before it is released ({@code Mutex}, an {@code RWMutex}'s writer; readers in a few slots).
 *       Nothing else happens on a lock's fast path.</li>
 *   <li>A thread about to park on a lock's {@link Sema} with its {@link Waiter} queued registers a
 *       {@link Wait} in {@code WAITS} and then increments {@code ARRIVALS}, before it searches. The
 *       increments are totally ordered and each sees the previous one, so of threads that register
 *       concurrently the last to increment sees every other's registration and every holder write they
 *       made before (they hold their locks before they wait): a cycle closed by concurrent waiters is
 *       found by at least its last member.</li>
 *   <li>An edge "thread T waits for thread H" holds while T's registered wait is the same object, its
 *       waiter is not decided (not yet claimed or woken: a claimed waiter is about to run) and H is the
 *       lock's recorded holder. A cycle is reported only if every edge held during the search and again
 *       in a second pass after it, and only by the thread that wins the report flag of its member with the smallest thread id.</li>
 * </ul>
 *
 * <p>Residual risk: Go's locks are not owned, so a goroutine outside the cycle may still unlock one of
 * its locks (legal, rare); and an unlock racing the second pass may break the cycle just after it was
 * confirmed. A goroutine re-locking a mutex it holds itself (a cycle of one) is not reported, because
 * Go allows another goroutine to unlock it and code uses that as a signal.
 */
public final class LockCycles {
    /** False with {@code -Dgo4j.lockCycles=false}: no holder is recorded and no search runs. */
    public static final boolean ENABLED = !"false".equals(System.getProperty("go4j.lockCycles"));
    /** The most threads a lock's waiter can wait for at once (an RWMutex writer: its reader slots). */
    public static final int MAX_HOLDERS = 4;
    private static final int MAX_MEMBERS = 16;
    private static final int MAX_VISITS = 64;
    private static final ConcurrentHashMap<Thread, Wait> WAITS = new ConcurrentHashMap<>();
    private static final AtomicLong ARRIVALS = new AtomicLong();
    private static final Consumer<LockCycle> PRINT = c -> {
        System.err.print(c);
        System.err.flush();
    };
    private static volatile Consumer<? super LockCycle> handler = PRINT;

    private LockCycles() {}

    /** What a thread parked on a lock's semaphore waits for; implemented by the locks of {@code dev.go4j.sync}. */
    public interface Target {
        /** The lock to name in reports (the {@code Mutex} or {@code RWMutex} the semaphore serves). */
        Object lock();

        /**
         * Writes the threads a waiter waits for into {@code out} (at most {@link #MAX_HOLDERS}): the holder,
         * or for an RWMutex writer waiting for readers, the readers recorded; returns how many.
         */
        int holders(Thread[] out);
    }

    /*
     * Wait and Hop are classes, not records: Lincheck's model checker, which runs the sync tests through
     * this code, cannot read record fields from an unexported package.
     */

    /** One registered wait: a thread's queued waiter on a lock. */
    private static final class Wait {
        final Target target;
        final Waiter waiter;
        final AtomicBoolean reported = new AtomicBoolean();

        Wait(Target target, Waiter waiter) {
            this.target = target;
            this.waiter = waiter;
        }

        boolean waiting() {
            return !waiter.isDecided();
        }
    }

    /** A member of a cycle being searched: the thread and the wait it was seen in. */
    private static final class Hop {
        final Thread thread;
        final Wait at;

        Hop(Thread thread, Wait at) {
            this.thread = thread;
            this.at = at;
        }
    }

    /** Sets the handler; null restores the default (print to stderr). Returns the previous one, null for the default. */
    public static Consumer<? super LockCycle> setHandler(Consumer<? super LockCycle> h) {
        Consumer<? super LockCycle> old = handler;
        handler = h == null ? PRINT : h;
        return old == PRINT ? null : old;
    }

    /**
     * Registers that {@code w}'s thread, with {@code w} queued on a semaphore of {@code target}, is about to
     * park; reports a cycle this wait closes. Call from {@code w}'s thread; then {@link #done} after the wait.
     */
    public static void waiting(Target target, Waiter w) {
        Wait mine = new Wait(target, w);
        WAITS.put(w.thread, mine);
        ARRIVALS.incrementAndGet(); // see the invariants: the later of concurrent waiters sees the other
        try {
            List<Hop> cycle = new ArrayList<>();
            cycle.add(new Hop(w.thread, mine));
            if (search(w.thread, mine, cycle, new HashSet<>()) && confirmed(cycle) && claimReport(cycle)) {
                handler.accept(describe(cycle));
            }
        } catch (RuntimeException | Error e) {
            // a failing handler must not leave this thread's waiter queued without a parker
            System.err.println("go4j: lock cycle handler failed: " + e);
        }
    }

    /** Ends the wait registered by {@link #waiting} for {@code w}. */
    public static void done(Waiter w) {
        WAITS.computeIfPresent(w.thread, (t, wait) -> wait.waiter == w ? null : wait);
    }

    /** Depth-first search for a path of waits from {@code wait} back to {@code self}; the path is left in {@code path}. */
    private static boolean search(Thread self, Wait wait, List<Hop> path, Set<Thread> visited) {
        Thread[] holders = new Thread[MAX_HOLDERS];
        int n = wait.target.holders(holders);
        for (int i = 0; i < n; i++) {
            Thread h = holders[i];
            if (h == self) {
                if (path.size() > 1) {
                    return true;
                }
                continue; // a cycle of one: not reported (see the class comment)
            }
            if (path.size() >= MAX_MEMBERS || visited.size() >= MAX_VISITS || !visited.add(h)) {
                continue; // too long, or h is on a cycle that does not pass through self (its closer reports it)
            }
            Wait next = WAITS.get(h);
            if (next == null || !next.waiting()) {
                continue;
            }
            path.add(new Hop(h, next));
            if (search(self, next, path, visited)) {
                return true;
            }
            path.remove(path.size() - 1);
        }
        return false;
    }

    /** The second look at every edge of {@code cycle}: same wait, still undecided, next member still a holder. */
    private static boolean confirmed(List<Hop> cycle) {
        Thread[] holders = new Thread[MAX_HOLDERS];
        for (int i = 0; i < cycle.size(); i++) {
            Hop hop = cycle.get(i);
            Thread next = cycle.get((i + 1) % cycle.size()).thread;
            if (WAITS.get(hop.thread) != hop.at || !hop.at.waiting()) {
                return false;
            }
            int n = hop.at.target.holders(holders);
            if (!Arrays.asList(holders).subList(0, n).contains(next)) {
                return false;
            }
        }
        return true;
    }

    /**
     * True for exactly one of the threads that found the same cycle: the one that sets the report flag of
     * the wait of its member with the smallest thread id (every finder picks the same member).
     */
    private static boolean claimReport(List<Hop> cycle) {
        Hop first = cycle.get(0);
        for (Hop h : cycle) {
            if (h.thread.threadId() < first.thread.threadId()) {
                first = h;
            }
        }
        return first.at.reported.compareAndSet(false, true);
    }

    private static LockCycle describe(List<Hop> cycle) {
        List<LockCycle.Member> members = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            Hop hop = cycle.get(i);
            Object holds = cycle.get((i + cycle.size() - 1) % cycle.size()).at.target.lock();
            StackTraceElement[] frames = hop.thread == Thread.currentThread()
                    ? new Throwable().getStackTrace() : hop.thread.getStackTrace();
            members.add(new LockCycle.Member(Goroutine.idOf(hop.thread), hop.thread, holds,
                    LockOrder.lockedAt(hop.thread, holds), hop.at.target.lock(), lockStack(frames)));
        }
        return new LockCycle(members);
    }

    /**
     * The cycles among the waits registered now, each once (for {@code Go.main}'s deadlock report, when
     * nothing moves any more).
     */
    public static List<LockCycle> current() {
        List<LockCycle> found = new ArrayList<>();
        Set<Thread> seen = new HashSet<>();
        WAITS.forEach((t, wait) -> {
            List<Hop> cycle = new ArrayList<>();
            cycle.add(new Hop(t, wait));
            if (!seen.contains(t) && wait.waiting() && search(t, wait, cycle, new HashSet<>()) && confirmed(cycle)) {
                cycle.forEach(h -> seen.add(h.thread));
                found.add(describe(cycle));
            }
        });
        return found;
    }

    /**
     * A stack as a goroutine dump shows a lock call: the JDK's and go4j's machinery above the
     * {@code lock}/{@code rLock} call cut off, and the goroutine runner's frames below.
     */
    public static List<StackTraceElement> lockStack(StackTraceElement[] frames) {
        int from = 0;
        while (from < frames.length && isMachinery(frames[from])) {
            from++;
        }
        int to = from;
        while (to < frames.length && !frames[to].getClassName().equals("dev.go4j.Go")) {
            to++;
        }
        return List.of(frames).subList(from, to);
    }

    private static boolean isMachinery(StackTraceElement f) {
        String c = f.getClassName();
        if (c.startsWith("dev.go4j.sync.")) {
            String m = f.getMethodName();
            return !m.equals("lock") && !m.equals("rLock") && !m.equals("tryLock") && !m.equals("tryRLock");
        }
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.") || c.startsWith("dev.go4j.internal.");
    }
}
