package dev.go4j.internal.diag;

import dev.go4j.internal.ShortLock;
import dev.go4j.internal.Switches;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The runtime's record of one goroutine started by {@code Go.go}: Go's {@code g}, as far as diagnostics
 * need it. Linked into the registry before its thread starts and unlinked when its task returns, so
 * {@link #live()} is exactly the set of unfinished goroutines (leak profile: whose threads were not
 * collected).
 *
 * <p>Invariants:
 * <ul>
 *   <li>The registry is {@value #STRIPES} doubly-linked lists threaded through the records themselves,
 *       goroutine {@code id} in list {@code id * SPREAD % STRIPES}, each guarded by its own {@link ShortLock}.
 *       It holds nothing but the live records, so memory comes back as goroutines end (a hash table
 *       keeps its largest size forever), and consecutive goroutines fall in different lists, so a
 *       starter and the goroutines ending meanwhile rarely meet on one lock.</li>
 *   <li>{@link #thread} and {@link #watch} are written before the record is linked and never after, so
 *       whoever reads the record through a lock sees them.</li>
 *   <li>A goroutine's thread runs its record ({@link #run()}), which is also the thread's
 *       uncaught-exception handler: the one per-thread slot the JDK lets go4j set for free, which makes
 *       {@link #current()} a field read. The handler only runs if the panic handling itself fails
 *       ({@link #run()} catches everything else); a goroutine that replaces it is found by its id
 *       instead, a scan of one list.</li>
 * </ul>
 *
 * <p>Costs on {@code Go.go}: a link and an unlink under an uncontended lock, and, once diagnostics are
 * wanted, the "created by" site. Go records the PC of the {@code go} statement; Java has no cheaper way
 * to name the caller's line than a stack walk, which costs microseconds, ten times a virtual thread's
 * start. So the site is recorded only after something asked for diagnostics ({@link #wantCreatedBy()}:
 * {@code Go.main}, a goroutine dump, the leak-check extension), or always with
 * {@code -Dgo4j.createdBy=true} ({@code -Dgo4j.createdBy=false} never records it), and a task that is a
 * lambda or a method reference is walked for only until its call site is known ({@link Site}).
 *
 * <p>The registry holds each goroutine's thread strongly, except under the leak profile
 * ({@code -Dgo4j.leakProfile=true}): there it holds it through a {@link LeakWatch}, a weak reference, so
 * that a goroutine no one can wake any more can be collected and reported (a collected goroutine is
 * unlinked as finished); the "created by" site is then always recorded, unless {@code -Dgo4j.createdBy=false}.
 */
public final class Goroutine implements Runnable, Thread.UncaughtExceptionHandler {
    private static volatile boolean createdByWanted = Switches.CREATED_BY_ALWAYS
            || LeakWatch.ENABLED && !Switches.CREATED_BY_NEVER;
    /** Walks only as deep as the caller of {@code Go.go} (an estimate that saves the walker's first batch). */
    private static final StackWalker WALKER = StackWalker.getInstance(java.util.Set.of(), 8);
    /** A power of two, a few times the carriers of a large machine. */
    private static final int STRIPES = 64;
    /**
     * Odd, so every list gets its share; far from 0 and from {@code STRIPES}, so that consecutive
     * goroutines, which a starter links while the ones just before them unlink as they end, use lists
     * far apart in memory (the lists were allocated in order, a few to a cache line) and do not contend
     * for one cache line.
     */
    private static final int SPREAD = 37;
    private static final Stripe[] REGISTRY = new Stripe[STRIPES];
    /** The last id handed out: how many goroutines were ever started. */
    private static final AtomicLong IDS = new AtomicLong();

    static {
        for (int i = 0; i < STRIPES; i++) {
            REGISTRY[i] = new Stripe();
        }
    }

    /** How a task runs ({@code Go}'s, which owns the task type), set before its first goroutine. */
    private static volatile Runner runner;
    /** Where exceptions escaping goroutines go: {@code Go}'s panic handling, set with {@link #runner}. */
    private static volatile Consumer<Throwable> panics;

    /** Go's goroutine id: 1, 2, ... in start order. */
    public final long id;
    /** The goroutine that started this one, 0 when it was started by a thread that is not a goroutine. */
    public final long parentId;
    /** The synctest bubble it belongs to, or null: its parent's, or the bubble whose driver started it. */
    final Bubble bubble;
    /** The frame that called {@code Go.go}, or null when not recorded; turned into text only for a dump. */
    private final StackWalker.StackFrame createdBy;
    /**
     * Until it runs: dropped when it starts, so that the registry does not reach what the task refers to
     * (the leak profile needs a blocked goroutine to be reachable only through what it waits on).
     */
    private Object task;
    /** The thread running it; null under the leak profile, which holds it through {@link #watch}. */
    private Thread thread;
    /** Under the leak profile, the weak hold on the thread. */
    private LeakWatch watch;
    /** Neighbours in its list, guarded by the list's lock. */
    private Goroutine prev;
    private Goroutine next;
    /** True from link to unlink, guarded by the list's lock (read without it only by its own thread). */
    private boolean linked;

    /**
     * The "created by" frame of the goroutines whose task is of one lambda or method-reference class (a
     * hidden class). Such a class belongs to one expression in the code, which is nearly always the
     * argument of one {@code go} call (a library's own, or the user's), so once {@value #CONFIRMATIONS}
     * walks in a row found the same frame, it is reused without walking; a class found at two call sites
     * is walked every time. Residual risk: a lambda object started {@value #CONFIRMATIONS} times from one
     * call site and later from another is reported at the first. The frames go away with their class
     * ({@link ClassValue}).
     */
    private static final class Site {
        /** Guarded by this: the frame found, and how many walks agreed on it (-1: the class has several sites). */
        private StackWalker.StackFrame frame;
        private int agreed;
        /** Written under this; read without it once settled. */
        private volatile StackWalker.StackFrame settled;

        /** The frame {@code depth} frames up (see {@link #callerFrame}), walked for only until settled. */
        StackWalker.StackFrame of(int depth) {
            StackWalker.StackFrame f = settled;
            if (f != null) {
                return f;
            }
            f = callerFrame(depth + 1);
            synchronized (this) {
                if (agreed >= 0 && f != null) {
                    if (agreed > 0 && !sameSite(frame, f)) {
                        agreed = -1;
                    } else if (++agreed == CONFIRMATIONS) {
                        settled = f;
                    }
                    frame = f;
                }
            }
            return f;
        }

        private static boolean sameSite(StackWalker.StackFrame a, StackWalker.StackFrame b) {
            return a.getByteCodeIndex() == b.getByteCodeIndex() && a.getMethodName().equals(b.getMethodName())
                    && a.getClassName().equals(b.getClassName());
        }
    }

    private static final int CONFIRMATIONS = 4;
    private static final ClassValue<Site> SITES = new ClassValue<>() {
        @Override
        protected Site computeValue(Class<?> type) {
            return new Site();
        }
    };

    /** One list of the registry. */
    private static final class Stripe {
        final ShortLock lock = new ShortLock();
        /** Guarded by {@link #lock}. */
        Goroutine head;
        /** Written under {@link #lock}; read without it by {@link #count()}. */
        volatile int size;
    }

    private Goroutine(long id, Goroutine parent, StackWalker.StackFrame createdBy, Object task) {
        this.id = id;
        this.parentId = parent == null ? 0 : parent.id;
        this.bubble = Bubble.ofNew(parent);
        this.createdBy = createdBy;
        this.task = task;
    }

    /**
     * The record of a new goroutine, with the next id, which will run {@code task}, started from the calling thread by
     * a call {@code depth} frames below this method (1 = this method's caller's caller) that was passed
     * {@code passed} (whose class, for a lambda, stands for that call site: see {@link Site}). Not
     * registered until {@link #start}.
     */
    public static Goroutine create(Object task, Object passed, int depth) {
        long id = IDS.incrementAndGet();
        Goroutine parent = current();
        StackWalker.StackFrame site = createdByWanted ? createdBy(passed, depth + 1) : null;
        return new Goroutine(id, parent, site, task);
    }

    /**
     * How a goroutine's task runs: {@code Go}'s, which owns the task type (this package does not import
     * the public API). Its frame counts as the goroutine's start ({@link Frames#isGoroutineStart}).
     */
    @FunctionalInterface
    public interface Runner {
        /** Runs {@code task}, an object {@code Go} passed to {@link #create}. */
        void run(Object task) throws Exception;
    }

    /** Sets how tasks run and where exceptions escaping them go (once, by {@code Go}). */
    public static void runTasksWith(Runner running, Consumer<Throwable> handling) {
        runner = running;
        panics = handling;
    }

    /**
     * The goroutine's body, run by its thread (this record is the thread's task, so a goroutine costs
     * no other object and no other frame): the task, its panic if it throws, then {@link #finished()}.
     */
    @Override
    public void run() {
        Object t = task;
        task = null;
        try {
            runner.run(t);
        } catch (Throwable e) {
            panics.accept(e);
        } finally {
            finished();
        }
    }

    /** The frame {@code depth} frames up from the caller: {@link Site}'s for a lambda, else walked. */
    private static StackWalker.StackFrame createdBy(Object task, int depth) {
        Class<?> c = task.getClass();
        return c.isHidden() ? SITES.get(c).of(depth + 1) : callerFrame(depth + 1);
    }

    /**
     * Registers this goroutine as running on {@code t} (its thread, not started, with this record as
     * its task and uncaught-exception handler) and starts {@code t}; unregisters it if the start fails.
     */
    public void start(Thread t) {
        if (LeakWatch.ENABLED) {
            watch = new LeakWatch(t, this);
        } else {
            thread = t;
        }
        if (bubble != null) {
            bubble.joined(this);
        }
        link();
        try {
            t.start();
        } catch (Throwable e) {
            finished();
            throw e;
        }
    }

    /**
     * Records the "created by" site of goroutines started from now on (unless {@code -Dgo4j.createdBy=false}):
     * called by whatever will print goroutine dumps.
     */
    public static void wantCreatedBy() {
        if (!createdByWanted && !Switches.CREATED_BY_NEVER) {
            createdByWanted = true;
        }
    }

    /**
     * Forgets this goroutine: its task returned, or its thread failed to start, or (leak profile) its
     * thread was collected. The first two clear the leak profile's weak reference, so they are never
     * reported as leaks. Idempotent.
     */
    public void finished() {
        LeakWatch w = watch;
        if (w != null) {
            w.clear();
        }
        if (unlink() && bubble != null) {
            bubble.left(this);
        }
    }

    /** The frame that called {@code Go.go}, or null when not recorded. */
    public StackTraceElement createdBy() {
        return createdBy == null ? null : createdBy.toStackTraceElement();
    }

    /** The thread running this goroutine; null once collected (leak profile). */
    public Thread thread() {
        LeakWatch w = watch;
        return w == null ? thread : w.get();
    }

    /** The leak profile's weak hold on the thread, or null when the profile is off. */
    LeakWatch watch() {
        return watch;
    }

    /**
     * Reached only when handling a goroutine's panic failed: reports it as the JDK reports an
     * uncaught exception.
     */
    @Override
    public void uncaughtException(Thread t, Throwable e) {
        t.getThreadGroup().uncaughtException(t, e);
    }

    /** The calling goroutine's record, or null if the caller is not an unfinished goroutine. */
    public static Goroutine current() {
        Thread t = Thread.currentThread();
        if (t.getUncaughtExceptionHandler() instanceof Goroutine g) {
            return g.linked ? g : null;
        }
        return find(t);
    }

    /** The record of the unfinished goroutine running on {@code t}, or null. */
    public static Goroutine of(Thread t) {
        if (t == Thread.currentThread()) {
            return current();
        }
        if (t.getUncaughtExceptionHandler() instanceof Goroutine g) {
            Stripe s = stripe(g.id);
            s.lock.lock();
            try {
                return g.linked ? g : null;
            } finally {
                s.lock.unlock();
            }
        }
        return find(t);
    }

    /** The unfinished goroutines, in no particular order: a snapshot, each list's taken at once. */
    public static List<Goroutine> live() {
        List<Goroutine> out = new ArrayList<>(count() + 16);
        for (Stripe s : REGISTRY) {
            s.lock.lock();
            try {
                for (Goroutine g = s.head; g != null; g = g.next) {
                    out.add(g);
                }
            } finally {
                s.lock.unlock();
            }
        }
        return out;
    }

    /** How many goroutines were ever created (the last id handed out). */
    public static long started() {
        return IDS.get();
    }

    /** The number of unfinished goroutines. */
    public static int count() {
        int n = 0;
        for (Stripe s : REGISTRY) {
            n += s.size;
        }
        return n;
    }

    /**
     * Appends a goroutine dump's last line, {@code created by <frame> in goroutine <parentId>} (without
     * the "in" part for a goroutine started by a thread that is not one); nothing when {@code createdBy}
     * is null (not recorded).
     */
    public static void appendCreatedBy(StringBuilder sb, StackTraceElement createdBy, long parentId) {
        if (createdBy != null) {
            sb.append("created by ").append(createdBy);
            if (parentId != 0) {
                sb.append(" in goroutine ").append(parentId);
            }
            sb.append('\n');
        }
    }

    /** The goroutine id of a thread started by {@code Go.go}, else 0. */
    public static long idOf(Thread t) {
        String name = t.getName();
        if (!t.isVirtual() || !name.startsWith("goroutine-")) {
            return 0;
        }
        try {
            return Long.parseLong(name, "goroutine-".length(), name.length(), 10);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The slots the registry holds, found by walking it: its lists and every record linked in them. For
     * tests: it follows the live goroutines down, whatever the most there ever were.
     */
    static int footprint() {
        int n = STRIPES;
        for (Stripe s : REGISTRY) {
            s.lock.lock();
            try {
                for (Goroutine g = s.head; g != null; g = g.next) {
                    n++;
                }
            } finally {
                s.lock.unlock();
            }
        }
        return n;
    }

    private static Stripe stripe(long id) {
        return REGISTRY[(int) (id * SPREAD) & (STRIPES - 1)];
    }

    /** Slow path of {@link #current()} and {@link #of}: the goroutine by the id in its thread's name. */
    private static Goroutine find(Thread t) {
        long id = idOf(t);
        if (id == 0) {
            return null;
        }
        Stripe s = stripe(id);
        s.lock.lock();
        try {
            for (Goroutine g = s.head; g != null; g = g.next) {
                if (g.id == id) {
                    return g;
                }
            }
            return null;
        } finally {
            s.lock.unlock();
        }
    }

    private void link() {
        Stripe s = stripe(id);
        s.lock.lock();
        try {
            Goroutine h = s.head;
            next = h;
            if (h != null) {
                h.prev = this;
            }
            s.head = this;
            linked = true;
            s.size++;
        } finally {
            s.lock.unlock();
        }
    }

    /** Unlinks this record; false if it was not linked. */
    private boolean unlink() {
        Stripe s = stripe(id);
        s.lock.lock();
        try {
            if (!linked) {
                return false;
            }
            if (prev == null) {
                s.head = next;
            } else {
                prev.next = next;
            }
            if (next != null) {
                next.prev = prev;
            }
            prev = next = null;
            linked = false;
            s.size--;
            return true;
        } finally {
            s.lock.unlock();
        }
    }

    private static StackWalker.StackFrame callerFrame(int skip) {
        return WALKER.walk(s -> s.skip(skip + 1).findFirst().orElse(null));
    }
}
