package dev.go4j.internal.diag;

import dev.go4j.internal.Handler;
import dev.go4j.internal.Trace;
import dev.go4j.internal.Trace.LockTarget;
import dev.go4j.internal.Waiter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
 *   <li>A thread about to park on a lock's {@link Sema} queues a {@link Waiter} whose {@code item} is the
 *       {@link LockTarget} it waits for (the semaphore's, or an RWMutex reader's for its writer turn), sets that waiter as its park blocker ({@link
 *       LockSupport#setCurrentBlocker}, which the park itself sets again and clears after), and then
 *       increments {@code ARRIVALS}, before it searches. So "thread T waits for a lock" is readable by
 *       anyone as {@code getBlocker(T)}, with no registry to keep. The increments are totally ordered
 *       and each sees the previous one, so of threads that start waiting concurrently the last to
 *       increment sees every other's blocker and every holder write they made before (they hold their
 *       locks before they wait): a cycle closed by concurrent waiters is found by at least its last
 *       member.</li>
 *   <li>An edge "thread T waits for thread H" holds while T's blocker is the same waiter, the waiter is
 *       not decided (not yet claimed or woken: a claimed waiter is about to run) and H is the lock's
 *       recorded holder. A cycle is reported only if every edge held during the search and again in a
 *       second pass after it, and only once: its member with the smallest thread id marks its waiter
 *       reported (every finder of the cycle picks the same one).</li>
 * </ul>
 *
 * <p>Residual risk: while its members are parked, only a thread outside the cycle can unlock one of its
 * locks. Go's locks are not owned, so that is legal (rare); such an unlock after the report, or racing
 * its second pass, makes a report of a cycle that breaks. A read lock released by another goroutine than
 * the one that took it stays recorded until the next writer gets in, the same kind of risk. A goroutine
 * re-locking a mutex it holds itself (a cycle of one) is not reported, because Go allows another
 * goroutine to unlock it and code uses that as a signal. Misses: cycles longer than {@code MAX_MEMBERS},
 * readers that share a slot.
 */
public final class LockCycles {
    private static final int MAX_HOLDERS = Trace.MAX_HOLDERS;
    private static final int MAX_MEMBERS = 16;
    private static final int MAX_VISITS = 64;
    private static final AtomicLong ARRIVALS = new AtomicLong();
    /**
     * The waiters whose cycle was reported, each with whether the default handler printed it (weakly
     * held: a waiter is dropped once its wait is over).
     */
    private static final Map<Waiter, Boolean> REPORTED = Collections.synchronizedMap(new WeakHashMap<>());
    private static final Consumer<Cycle> PRINT = c -> {
        System.err.print(c);
        System.err.flush();
    };
    private static final Handler<Consumer<? super Cycle>> HANDLER = new Handler<>(PRINT);

    private LockCycles() {}

    /**
     * A cycle found, as plain data ({@code dev.go4j.runtime.LockCycle} is its public face): member
     * {@code i} holds what member {@code i - 1} waits for and waits for what member {@code i + 1} holds.
     */
    public record Cycle(List<Member> members) {
        /**
         * The report, in the style of Go's crash output: one line per member, then each member's stack
         * as in a goroutine dump.
         */
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(1024).append("go4j: lock cycle (deadlock) detected:\n");
            for (int i = 0; i < members.size(); i++) {
                Member m = members.get(i);
                Member next = members.get((i + 1) % members.size());
                sb.append(m.name()).append(" holds ").append(m.holds());
                if (m.lockedAt() != null) {
                    sb.append(" (locked at ").append(m.lockedAt()).append(')');
                }
                sb.append(" and waits for ").append(m.waitsFor()).append(" held by ").append(next.name()).append('\n');
            }
            for (Member m : members) {
                sb.append('\n').append(m.name()).append(" [waiting for ").append(m.waitsFor()).append("]:\n");
                for (StackTraceElement f : m.stack()) {
                    sb.append("\tat ").append(f).append('\n');
                }
            }
            return sb.toString();
        }
    }

    /**
     * One member of a cycle: goroutine id (0 for a thread not started by {@code Go.go}), thread, the lock
     * it holds and where it locked it (null unless lock order is checked), the lock it waits for, its stack.
     */
    public record Member(long goroutine, Thread thread, Object holds, StackTraceElement lockedAt, Object waitsFor,
            List<StackTraceElement> stack) {
        /** "goroutine 7", or the thread's name for a thread that is not a goroutine. */
        String name() {
            return goroutine != 0 ? "goroutine " + goroutine : "thread \"" + thread.getName() + "\"";
        }
    }

    /** A member of a cycle being searched: the thread and the waiter it was seen waiting in. */
    private record Hop(Thread thread, Waiter waiter) {
        LockTarget target() {
            return (LockTarget) waiter.item;
        }
    }

    /** Sets the handler of cycles found; null restores the default (print to stderr). */
    public static void setHandler(Consumer<? super Cycle> h) {
        HANDLER.set(h);
    }

    /**
     * Called by the thread of {@code w}, queued on a lock's semaphore with its {@link LockTarget} as
     * {@code item}, before it parks: publishes the wait and reports a cycle it closes. Call {@link #done}
     * after the wait.
     */
    public static void waiting(Waiter w) {
        LockSupport.setCurrentBlocker(w);
        ARRIVALS.incrementAndGet(); // see the invariants: the later of concurrent waiters sees the other
        if (!anyHolderWaits(w)) {
            return; // the usual case: no cycle can pass through a holder that is not waiting
        }
        try {
            List<Hop> cycle = new ArrayList<>();
            cycle.add(new Hop(w.thread, w));
            Consumer<? super Cycle> h = HANDLER.get();
            if (search(w.thread, w, cycle, new HashSet<>()) && confirmed(cycle) && claimReport(cycle, h == PRINT)) {
                h.accept(describe(cycle));
            }
        } catch (RuntimeException | Error e) {
            // a failing handler must not leave this thread's waiter queued without a parker
            System.err.println("go4j: lock cycle handler failed: " + e);
        }
    }

    /** Ends the wait published by {@link #waiting} (its park, if it parked, already cleared the blocker). */
    public static void done() {
        LockSupport.setCurrentBlocker(null);
    }

    private static boolean anyHolderWaits(Waiter w) {
        LockTarget target = (LockTarget) w.item;
        for (int i = 0; i < MAX_HOLDERS; i++) {
            Thread h = target.holder(i);
            if (h != null && h != w.thread && lockWaitOf(h) != null) {
                return true;
            }
        }
        return false;
    }

    /** The lock waiter {@code t} is waiting in, or null if it is not waiting for a go4j lock. */
    private static Waiter lockWaitOf(Thread t) {
        return LockSupport.getBlocker(t) instanceof Waiter w && w.item instanceof LockTarget && !w.isDecided() ? w : null;
    }

    /** Depth-first search for a path of waits from {@code wait} back to {@code self}; the path is left in {@code path}. */
    private static boolean search(Thread self, Waiter wait, List<Hop> path, Set<Thread> visited) {
        LockTarget target = (LockTarget) wait.item;
        for (int i = 0; i < MAX_HOLDERS; i++) {
            Thread h = target.holder(i);
            if (h == null) {
                continue;
            }
            if (h == self) {
                if (path.size() > 1) {
                    return true;
                }
                continue; // a cycle of one: not reported (see the class comment)
            }
            if (path.size() >= MAX_MEMBERS || visited.size() >= MAX_VISITS || !visited.add(h)) {
                continue; // too long, or h is on a cycle that does not pass through self (its closer reports it)
            }
            Waiter next = lockWaitOf(h);
            if (next == null) {
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

    /** The second look at every edge of {@code cycle}: same waiter, still undecided, next member still a holder. */
    private static boolean confirmed(List<Hop> cycle) {
        for (int i = 0; i < cycle.size(); i++) {
            Hop hop = cycle.get(i);
            if (lockWaitOf(hop.thread()) != hop.waiter() || !holds(hop.target(), cycle.get((i + 1) % cycle.size()).thread)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(LockTarget target, Thread t) {
        for (int i = 0; i < MAX_HOLDERS; i++) {
            if (target.holder(i) == t) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for exactly one of the threads that found the same cycle: the one that marks reported the
     * waiter of its member with the smallest thread id (every finder picks the same member).
     */
    private static boolean claimReport(List<Hop> cycle, boolean printing) {
        Hop first = cycle.get(0);
        for (Hop h : cycle) {
            if (h.thread().threadId() < first.thread().threadId()) {
                first = h;
            }
        }
        return REPORTED.putIfAbsent(first.waiter(), printing) == null;
    }

    /**
     * True if the default handler printed the cycle of {@code members} to {@code System.err} when it
     * formed (they still wait in the same waiters): {@code Go.main}'s deadlock report leaves it out, to
     * print each cycle once.
     */
    public static boolean printed(List<Thread> members) {
        for (Thread t : members) {
            Waiter w = lockWaitOf(t);
            if (w != null && Boolean.TRUE.equals(REPORTED.get(w))) {
                return true;
            }
        }
        return false;
    }

    private static Cycle describe(List<Hop> cycle) {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < cycle.size(); i++) {
            Hop hop = cycle.get(i);
            Object holds = cycle.get((i + cycle.size() - 1) % cycle.size()).target().lock();
            StackTraceElement[] frames = hop.thread() == Thread.currentThread()
                    ? new Throwable().getStackTrace() : hop.thread().getStackTrace();
            members.add(new Member(Goroutine.idOf(hop.thread()), hop.thread(), holds,
                    LockOrder.lockedAt(hop.thread(), holds), hop.target().lock(), lockStack(frames)));
        }
        return new Cycle(List.copyOf(members));
    }

    /**
     * The cycles among the goroutines waiting for go4j locks now, each once (for {@code Go.main}'s
     * deadlock report, when nothing moves any more). Only goroutines are looked at: other threads are
     * found only as members of a goroutine's cycle.
     */
    public static List<Cycle> current() {
        List<Cycle> found = new ArrayList<>();
        Set<Thread> seen = new HashSet<>();
        for (Goroutine g : Goroutine.live()) {
            Thread t = g.thread();
            Waiter w = t == null ? null : lockWaitOf(t);
            if (w == null || seen.contains(t)) {
                continue;
            }
            List<Hop> cycle = new ArrayList<>();
            cycle.add(new Hop(t, w));
            if (search(t, w, cycle, new HashSet<>()) && confirmed(cycle)) {
                cycle.forEach(h -> seen.add(h.thread()));
                found.add(describe(cycle));
            }
        }
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
        while (to < frames.length && !Frames.isGoroutineStart(frames[to])) {
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
