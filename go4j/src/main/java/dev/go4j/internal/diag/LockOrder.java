package dev.go4j.internal.diag;

import dev.go4j.internal.Handler;
import dev.go4j.internal.Switches;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Lock-order checking (Linux's lockdep, Go's {@code sasha-s/go-deadlock}), off unless
 * {@code -Dgo4j.lockOrder=true} or {@link #enable}: the locks each thread holds, and a global graph of
 * "lock B taken while holding lock A" edges, each with the stacks of the first time it was seen. A new
 * edge whose reverse is known is an inversion: reported once per pair of locks. Longer order cycles
 * (A before B before C before A) are not searched for.
 *
 * <p>Invariants:
 * <ul>
 *   <li>{@code HELD} maps a thread to an immutable list of the go4j locks it holds, oldest first,
 *       replaced only inside {@code ConcurrentHashMap.compute} on that key, so an unlock from another
 *       goroutine (legal in Go) can remove an entry safely. A thread holding nothing has no entry.</li>
 *   <li>{@code EDGES} only grows; a key {@code List.of(a, b)} means "b was locked while holding a"
 *       (go4j's locks compare by identity). Of two threads adding the two directions of a pair concurrently, at
 *       least one sees the other's edge (both insert, then look up), and {@code REPORTED} lets only one
 *       report.</li>
 * </ul>
 *
 * <p>Lock identity is the lock instance (lockdep uses classes, that is allocation sites): the graph
 * keeps every lock it has seen reachable, which is why this is a debugging mode. A read lock of an
 * {@code RWMutex} counts like its write lock, since with Go's writer preference a pending writer turns
 * two readers taking two RWMutexes in opposite orders into a deadlock. A {@code tryLock} never waits,
 * so it adds no edge to the lock it takes, but the lock counts as held for later locks.
 */
public final class LockOrder {
    /**
     * The switch, read only by the diagnostics hook's lock methods: with diagnostics absent a lock reads
     * nothing, with them one volatile read per lock event (a plain load on x86 and ARMv8's LDAR).
     */
    private static volatile boolean enabled = Switches.LOCK_ORDER;
    private static final Consumer<Inversion> PRINT = i -> {
        System.err.print(i);
        System.err.flush();
    };
    private static final Handler<Consumer<? super Inversion>> HANDLER = new Handler<>(PRINT);
    private static final ConcurrentHashMap<Thread, List<Held>> HELD = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<List<Object>, Seen> EDGES = new ConcurrentHashMap<>();
    private static final Set<Set<Object>> REPORTED = ConcurrentHashMap.newKeySet();

    private LockOrder() {}

    /** A held lock and where it was taken. */
    private record Held(Object lock, Site site) {}

    /** The stacks that first took {@code before} and then {@code after} on one path. */
    private record Seen(Site before, Site after) {}

    /** Where a lock was taken: a stack captured when it was locked. */
    public static final class Site extends Throwable {
        private static final long serialVersionUID = 1L;

        private Site() {
            super(null, null, false, true);
        }

        List<StackTraceElement> stack() {
            return LockCycles.lockStack(getStackTrace());
        }
    }

    /** True while lock-order checking is on. */
    public static boolean enabled() {
        return enabled;
    }

    /** Turns checking on or off; returns the previous setting. Locks taken while off are not known as held. */
    public static synchronized boolean enable(boolean on) {
        boolean old = enabled;
        enabled = on;
        return old;
    }

    /**
     * Two locks taken in both orders, as plain data ({@code dev.go4j.runtime.LockOrderInversion} is its
     * public face): {@code first} then {@code second} on an earlier path, the reverse now; each path with
     * the stack that took its first lock and the one that took its second while holding the first.
     */
    public record Inversion(Object first, Object second, List<StackTraceElement> firstThenSecond,
            List<StackTraceElement> firstLockedAt, List<StackTraceElement> secondThenFirst,
            List<StackTraceElement> secondLockedAt) {
        /** The report: {@code go4j: potential deadlock: inconsistent lock order}, then both paths. */
        @Override
        public String toString() {
            String a = String.valueOf(first);
            String b = String.valueOf(second);
            StringBuilder sb = new StringBuilder(2048).append("go4j: potential deadlock: inconsistent lock order: ")
                    .append(a).append(" then ").append(b).append(", and ").append(b).append(" then ").append(a)
                    .append('\n');
            section(sb, "\n" + a + " locked at:\n", firstLockedAt);
            section(sb, "then " + b + " locked, holding " + a + ", at:\n", firstThenSecond);
            section(sb, "\n" + b + " locked at:\n", secondLockedAt);
            section(sb, "then " + a + " locked, holding " + b + ", at:\n", secondThenFirst);
            return sb.toString();
        }

        private static void section(StringBuilder sb, String title, List<StackTraceElement> stack) {
            sb.append(title);
            for (StackTraceElement f : stack) {
                sb.append("\tat ").append(f).append('\n');
            }
        }
    }

    /** Sets the handler of inversions found; null restores the default (print to stderr). */
    public static void setHandler(Consumer<? super Inversion> h) {
        HANDLER.set(h);
    }

    /**
     * Before the current thread waits for {@code lock}: adds an edge from every lock it holds and reports
     * an inversion it makes. Returns the site to pass to {@link #locked} once the lock is taken.
     */
    public static Site locking(Object lock) {
        Site site = new Site();
        List<Held> held = HELD.get(Thread.currentThread());
        if (held != null) {
            for (Held h : held) {
                if (h.lock() != lock && EDGES.putIfAbsent(List.of(h.lock(), lock), new Seen(h.site(), site)) == null) {
                    Seen reverse = EDGES.get(List.of(lock, h.lock()));
                    if (reverse != null && REPORTED.add(Set.of(lock, h.lock()))) {
                        report(lock, h.lock(), reverse, new Seen(h.site(), site));
                    }
                }
            }
        }
        return site;
    }

    /** A site for a lock taken without waiting ({@code tryLock}): no edge is added. */
    public static Site site() {
        return new Site();
    }

    /** The current thread now holds {@code lock}, taken at {@code site}. */
    public static void locked(Object lock, Site site) {
        Held h = new Held(lock, site);
        HELD.compute(Thread.currentThread(), (t, l) -> {
            List<Held> n = l == null ? new ArrayList<>() : new ArrayList<>(l);
            n.add(h);
            return List.copyOf(n);
        });
    }

    /**
     * {@code lock} is being released: forgets it for the current thread, or, if that thread did not take
     * it (Go's locks are not owned), for a thread that did.
     */
    public static void unlocked(Object lock) {
        if (forget(Thread.currentThread(), lock)) {
            return;
        }
        for (Thread t : HELD.keySet()) {
            if (forget(t, lock)) {
                return;
            }
        }
    }

    private static boolean forget(Thread t, Object lock) {
        boolean[] found = {false};
        HELD.computeIfPresent(t, (k, l) -> {
            for (int i = l.size() - 1; i >= 0; i--) {
                if (l.get(i).lock() == lock) {
                    found[0] = true;
                    List<Held> n = new ArrayList<>(l);
                    n.remove(i);
                    return n.isEmpty() ? null : List.copyOf(n);
                }
            }
            return l;
        });
        return found[0];
    }

    /** Where {@code t} took {@code lock} (the first frame outside go4j's locks), or null if not known. */
    public static StackTraceElement lockedAt(Thread t, Object lock) {
        List<Held> held = HELD.get(t);
        if (held != null) {
            for (Held h : held) {
                if (h.lock() == lock) {
                    List<StackTraceElement> s = h.site().stack();
                    int i = 0;
                    while (i < s.size() && s.get(i).getClassName().startsWith("dev.go4j.sync.")) {
                        i++;
                    }
                    return i < s.size() ? s.get(i) : null;
                }
            }
        }
        return null;
    }

    /** Reports "first then second" (seen earlier) against "second then first" (now). */
    private static void report(Object first, Object second, Seen earlier, Seen now) {
        try {
            HANDLER.get().accept(new Inversion(first, second, earlier.after().stack(), earlier.before().stack(),
                    now.after().stack(), now.before().stack()));
        } catch (RuntimeException | Error e) {
            // the caller is about to take a lock: a failing handler must not leave it half done
            System.err.println("go4j: lock order handler failed: " + e);
        }
    }
}
