package dev.go4j.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime's record of one goroutine started by {@code Go.go}: Go's {@code g}, as far as diagnostics
 * need it. Registered before its thread starts and removed when its task returns, so {@link #live()}
 * is exactly the set of unfinished goroutines (leak profile: whose threads were not collected).
 *
 * <p>Costs on {@code Go.go}: one map insertion and removal, and, once diagnostics are wanted, a
 * one-frame stack walk for the "created by" site (Go records the PC of the {@code go} statement; Java has
 * no cheaper way to name the caller's line, and the walk costs about a microsecond, several times a
 * virtual thread's start). So the site is recorded only after something asked for diagnostics
 * ({@link #wantCreatedBy()}: {@code Go.main}, a goroutine dump, the leak-check extension), or always with
 * {@code -Dgo4j.createdBy=true}; {@code -Dgo4j.createdBy=false} never records it.
 *
 * <p>The registry holds each goroutine's thread strongly, except under the leak profile
 * ({@code -Dgo4j.leakProfile=true}): there it holds it through a {@link LeakWatch}, a weak reference, so
 * that a goroutine no one can wake any more can be collected and reported (a collected goroutine is
 * removed as finished); the "created by" site is then always recorded, unless {@code -Dgo4j.createdBy=false}.
 */
public final class Goroutine {
    private static final String CREATED_BY_PROPERTY = System.getProperty("go4j.createdBy");
    private static volatile boolean createdByWanted = "true".equals(CREATED_BY_PROPERTY)
            || LeakWatch.ENABLED && !"false".equals(CREATED_BY_PROPERTY);
    /** Walks only as deep as the caller of {@code Go.go} (an estimate that saves the walker's first batch). */
    private static final StackWalker WALKER = StackWalker.getInstance(java.util.Set.of(), 6);
    private static final ConcurrentHashMap<Long, Goroutine> LIVE = new ConcurrentHashMap<>();
    /** The last id handed out: how many goroutines were ever started. */
    private static final AtomicLong IDS = new AtomicLong();

    /** Go's goroutine id: 1, 2, ... in start order. */
    public final long id;
    /** The goroutine that started this one, 0 when it was started by a thread that is not a goroutine. */
    public final long parentId;
    /** The frame that called {@code Go.go}, or null when not recorded; turned into text only for a dump. */
    private final StackWalker.StackFrame createdBy;
    private volatile Thread thread;
    /** Under the leak profile, the weak hold on the thread ({@link #thread} then stays null). */
    private volatile LeakWatch watch;

    private Goroutine(long id, long parentId, StackWalker.StackFrame createdBy) {
        this.id = id;
        this.parentId = parentId;
        this.createdBy = createdBy;
    }

    /**
     * Registers a new goroutine with the next id, started from the calling thread by a call
     * {@code depth} frames below this method (1 = this method's caller's caller).
     */
    public static Goroutine register(int depth) {
        long id = IDS.incrementAndGet();
        Goroutine g = new Goroutine(id, idOf(Thread.currentThread()), createdByWanted ? callerFrame(depth + 1) : null);
        LIVE.put(id, g);
        return g;
    }

    /**
     * Records the "created by" site of goroutines started from now on (unless {@code -Dgo4j.createdBy=false}):
     * called by whatever will print goroutine dumps.
     */
    public static void wantCreatedBy() {
        if (!createdByWanted && !"false".equals(CREATED_BY_PROPERTY)) {
            createdByWanted = true;
        }
    }

    /** Records the thread that runs this goroutine, once started. */
    public void started(Thread t) {
        if (LeakWatch.ENABLED) {
            watch = new LeakWatch(t, this);
        } else {
            thread = t;
        }
    }

    /**
     * Forgets this goroutine: its task returned, or its thread failed to start, or (leak profile) its
     * thread was collected. The first two clear the leak profile's weak reference, so they are never
     * reported as leaks.
     */
    public void finished() {
        LeakWatch w = watch;
        if (w != null) {
            w.clear();
        }
        LIVE.remove(id);
    }

    /** The frame that called {@code Go.go}, or null when not recorded. */
    public StackTraceElement createdBy() {
        return createdBy == null ? null : createdBy.toStackTraceElement();
    }

    /** The thread running this goroutine; null while it is being started, or once collected (leak profile). */
    public Thread thread() {
        LeakWatch w = watch;
        return w == null ? thread : w.get();
    }

    /** The leak profile's weak hold on the thread, or null when the profile is off. */
    LeakWatch watch() {
        return watch;
    }

    /** The calling goroutine's record, or null if the caller is not an unfinished goroutine. */
    static Goroutine current() {
        long id = idOf(Thread.currentThread());
        return id == 0 ? null : LIVE.get(id);
    }

    /** The unfinished goroutines, in no particular order (a weakly consistent view). */
    public static Collection<Goroutine> live() {
        return Collections.unmodifiableCollection(LIVE.values());
    }

    /** How many goroutines were ever registered (the last id handed out). */
    public static long started() {
        return IDS.get();
    }

    /** The number of unfinished goroutines. */
    public static int count() {
        return LIVE.size();
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

    private static StackWalker.StackFrame callerFrame(int skip) {
        return WALKER.walk(s -> s.skip(skip + 1).findFirst().orElse(null));
    }
}
