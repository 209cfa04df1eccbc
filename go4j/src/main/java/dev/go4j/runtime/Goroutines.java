package dev.go4j.runtime;

import dev.go4j.internal.Goroutine;
import dev.go4j.internal.LockCycles;
import dev.go4j.internal.LockOrder;
import dev.go4j.internal.Waiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Go's {@code runtime} package for go4j's goroutines: who is running, who is blocked and on what, and
 * Go's goroutine dump.
 *
 * <pre>{@code
 * System.err.print(Goroutines.dump());       // as Go prints on a crash or SIGQUIT
 * for (GoroutineInfo g : Goroutines.all())   // runtime.Stack(buf, true), as objects
 *     if (g.blocked()) ...
 * }</pre>
 *
 * <p>The dump is Go's: {@code goroutine 7 [chan receive, 2 minutes]:}, the goroutine's stack from the
 * go4j call it waits in, and {@code created by <frame> in goroutine 1}. The wait reason comes from the
 * stack (the go4j call the goroutine is in), the waiting time from the parked waiter, so recording them
 * costs nothing until a dump is asked for. Wire {@link #dump()} to an admin endpoint or a JMX operation
 * to get it on demand from a running service; {@link dev.go4j.Go#main} prints it on a deadlock.
 *
 * <p>Only goroutines started with {@link dev.go4j.Go#go} are listed: virtual threads started otherwise
 * are not known to go4j.
 *
 * <p><b>Lock cycles</b> (on by default; {@code -Dgo4j.lockCycles=false} turns them off). When goroutines
 * (or any threads) wait for each other's {@code dev.go4j.sync} locks in a cycle, the last of them to
 * park finds the cycle before parking, and it is reported once as a {@link LockCycle} to the handler
 * set with {@link #setLockCycleHandler} (by default printed to {@code System.err}). The goroutines stay
 * blocked, as in Go; interrupting one ends its wait as usual. The cost: a mutex records the thread that
 * last locked it with a plain write, an {@code RWMutex} its writer and a few readers (readers sharing a
 * slot may go unrecorded, so a cycle through them can be missed); the search runs only when a thread is
 * about to park on a lock. Every edge is checked twice before a report (the waiter not yet woken, the
 * lock still held by the next member), so a cycle that has already broken is not reported. What it
 * cannot know: Go's locks are not owned, so a goroutine outside the cycle may still unlock one of its
 * locks (legal, rare). For that reason a goroutine re-locking a mutex it holds itself, a pattern Go
 * allows when another goroutine will unlock it, is not reported.
 *
 * <p><b>Lock order</b> (off by default; {@code -Dgo4j.lockOrder=true} or {@link #checkLockOrder}): the
 * potential deadlocks of Linux's lockdep and Go's {@code sasha-s/go-deadlock}. Every go4j lock taken
 * while holding another adds an edge "A before B" to a global graph, with the stacks of the first time;
 * taking them in the other order later is reported as a {@link LockOrderInversion} (once per pair), even
 * if the run never deadlocks. Only pairs are checked: an order cycle through three or more locks
 * (A before B, B before C, C before A) is not reported, though lockdep would find it.
 *
 * <pre>{@code
 * Goroutines.setLockCycleHandler(cycle -> log.error(cycle.toString()));
 * Goroutines.checkLockOrder(true);           // in tests or a debugging run
 * Goroutines.setLockOrderHandler(inv -> failures.add(inv));
 * }</pre>
 */
public final class Goroutines {
    private static final CodeSource LIBRARY = Goroutines.class.getProtectionDomain().getCodeSource();
    private static final Map<String, Boolean> IS_LIBRARY = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> IS_PUBLIC_API = new ConcurrentHashMap<>();

    private Goroutines() {}

    /**
     * A snapshot of every live goroutine, by id. The first call also turns on the recording of the
     * "created by" frame for goroutines started afterwards (see {@link #recordCreatedBy()}).
     */
    public static List<GoroutineInfo> all() {
        recordCreatedBy();
        List<GoroutineInfo> out = new ArrayList<>();
        for (Goroutine g : Goroutine.live()) {
            Thread t = g.thread();
            if (t != null && t.isAlive()) {
                out.add(info(g, t));
            }
        }
        out.sort(Comparator.comparingLong(GoroutineInfo::id));
        return out;
    }

    /** Every live goroutine in Go's dump format, by id, separated by blank lines. */
    public static String dump() {
        StringBuilder sb = new StringBuilder();
        dump(sb);
        return sb.toString();
    }

    /** Writes {@link #dump()} to {@code out} (a {@code PrintStream}, a {@code Writer}, a {@code StringBuilder}). */
    public static void dump(Appendable out) {
        try {
            boolean first = true;
            for (GoroutineInfo g : all()) {
                if (!first) {
                    out.append('\n');
                }
                out.append(g.toString());
                first = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Records from now on where each goroutine was started (the "created by" frame of dumps). Off until
     * something asks for diagnostics, because the stack walk costs about a microsecond per
     * {@link dev.go4j.Go#go}: {@link #all()}, {@link #dump()}, {@link dev.go4j.Go#main} and go4j-test's leak
     * check turn it on. {@code -Dgo4j.createdBy=true} records from the start, {@code =false} never.
     */
    public static void recordCreatedBy() {
        Goroutine.wantCreatedBy();
    }

    /** The number of live goroutines: Go's {@code runtime.NumGoroutine}. */
    public static int numGoroutine() {
        return Goroutine.count();
    }

    /**
     * The parallelism of the JDK's virtual-thread scheduler: Go's {@code runtime.GOMAXPROCS(0)}. It is set
     * only before the first virtual thread starts, with {@code -Djdk.virtualThreadScheduler.parallelism=N}
     * (the JDK offers no way to change it later), and defaults to the number of processors.
     */
    public static int gomaxprocs() {
        String p = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        try {
            return p == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(p.trim());
        } catch (NumberFormatException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /**
     * Routes lock-cycle reports to {@code handler}, called once per cycle on the thread that closed it,
     * just before that thread parks (so keep it short and do not lock go4j locks in it); {@code null}
     * restores the default, which prints {@link LockCycle#toString()} to {@code System.err}. Exceptions
     * it throws are printed and otherwise ignored. Reports stop if {@code -Dgo4j.lockCycles=false}.
     *
     * @return the previous handler, or null if it was the default
     */
    public static Consumer<? super LockCycle> setLockCycleHandler(Consumer<? super LockCycle> handler) {
        return LockCycles.setHandler(handler);
    }

    /**
     * The lock cycles among the goroutines waiting for go4j locks now, each once (a cycle is found from
     * any goroutine in it; other threads appear only as members of such a cycle); empty if none or if
     * lock-cycle detection is off. {@link dev.go4j.Go#main} adds them to its deadlock report.
     */
    public static List<LockCycle> lockCycles() {
        return LockCycles.ENABLED ? LockCycles.current() : List.of();
    }

    /**
     * Turns lock-order checking on or off (initially as {@code -Dgo4j.lockOrder}, default off). While on,
     * every {@code lock}/{@code rLock} of a go4j lock records a stack (microseconds: a debugging mode) and
     * the locks each thread holds; the graph of lock orders keeps every lock it saw reachable. Locks
     * taken while it was off are not known as held. While off it costs a lock nothing: the switch is a
     * constant the JIT folds into the lock methods (changing it recompiles them).
     *
     * @return the previous setting
     */
    public static boolean checkLockOrder(boolean on) {
        return LockOrder.enable(on);
    }

    /**
     * Routes lock-order inversion reports to {@code handler}, called once per pair of locks on the thread
     * about to take the second lock in the new order (before it waits for it); {@code null} restores the
     * default, which prints {@link LockOrderInversion#toString()} to {@code System.err}. Exceptions it
     * throws are printed and otherwise ignored.
     *
     * @return the previous handler, or null if it was the default
     */
    public static Consumer<? super LockOrderInversion> setLockOrderHandler(Consumer<? super LockOrderInversion> handler) {
        return LockOrder.setHandler(handler);
    }

    /** Yields the processor to other goroutines: Go's {@code runtime.Gosched}. */
    public static void gosched() {
        Thread.yield();
    }

    // ---------------------------------------------------------------------------------------------

    private static GoroutineInfo info(Goroutine g, Thread t) {
        Thread.State ts = t.getState();
        Object blocker = LockSupport.getBlocker(t);
        StackTraceElement[] frames = t.getStackTrace();
        int entry = entryFrame(frames);
        Duration waited = null;
        boolean blocked = false;
        if (blocker instanceof Waiter w && !w.isDecided() && w.parkedAt() != 0) {
            waited = Duration.ofNanos(Math.max(0, System.nanoTime() - w.parkedAt()));
            blocked = ts == Thread.State.WAITING;
        }
        String state = state(ts, frames, entry);
        List<StackTraceElement> stack = Arrays.asList(frames).subList(Math.max(entry, 0), bottom(frames));
        return new GoroutineInfo(g.id, t, state, blocked, waited, List.copyOf(stack), g.createdBy(), g.parentId);
    }

    private static String state(Thread.State ts, StackTraceElement[] frames, int entry) {
        if (entry >= 0) {
            return reason(frames, entry);
        }
        return switch (ts) {
            case RUNNABLE, NEW -> "running";
            case TIMED_WAITING -> sleeping(frames) ? "sleep" : "waiting";
            default -> inIo(frames) ? "IO wait" : "waiting";
        };
    }

    /**
     * The go4j call the goroutine is in: within the first run of library frames below the JDK's park
     * frames, the innermost public method of go4j's public API (so {@code Once.run} waiting in a mutex is
     * {@code Mutex.lock}, and a read lock taken through {@code rLocker()} is {@code RWMutex.rLock}, as Go
     * names them), else the outermost library frame; -1 if the goroutine is not inside go4j.
     */
    private static int entryFrame(StackTraceElement[] frames) {
        int i = 0;
        while (i < frames.length && isJdk(frames[i])) {
            i++;
        }
        int outermost = -1;
        for (; i < frames.length && isLibrary(frames[i]) && !isGoroutineStart(frames[i]); i++) {
            if (isPublicApi(frames[i])) {
                return i;
            }
            outermost = i;
        }
        return outermost;
    }

    /** Go's wait reason for the go4j call at {@code frames[entry]}. */
    private static String reason(StackTraceElement[] frames, int entry) {
        StackTraceElement e = frames[entry];
        String cls = e.getClassName();
        String m = e.getMethodName();
        boolean nil = Arrays.stream(frames, 0, entry + 1).anyMatch(f -> f.getMethodName().equals("blockForever"));
        if (cls.startsWith("dev.go4j.Chan")) {
            String op = m.equals("send") ? "chan send" : "chan receive";
            return nil ? op + " (nil chan)" : op;
        }
        if (cls.startsWith("dev.go4j.Select")) {
            return nil ? "select (no cases)" : "select";
        }
        if (m.equals("sleep")) {
            return "sleep";
        }
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        if (dollar > 0) {
            simple = simple.substring(0, dollar);
        }
        String pkg = cls.substring(0, cls.lastIndexOf('.'));
        pkg = pkg.substring(pkg.lastIndexOf('.') + 1);
        String goMethod = m.equals("await") ? "Wait" : Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return pkg + "." + simple + "." + goMethod;
    }

    /** The end of the goroutine's own frames: the task runner and the virtual thread's frames are cut off. */
    private static int bottom(StackTraceElement[] frames) {
        for (int i = 0; i < frames.length; i++) {
            if (isGoroutineStart(frames[i])) {
                return i;
            }
        }
        return frames.length;
    }

    private static boolean isGoroutineStart(StackTraceElement f) {
        return f.getClassName().equals("dev.go4j.Go");
    }

    private static boolean isJdk(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.");
    }

    private static boolean isLibrary(StackTraceElement f) {
        return IS_LIBRARY.computeIfAbsent(f.getClassName(), Goroutines::loadedFromLibrary);
    }

    private static boolean isPublicApi(StackTraceElement f) {
        return IS_PUBLIC_API.computeIfAbsent(f.getClassName() + '#' + f.getMethodName(), k -> publicApi(f));
    }

    private static boolean publicApi(StackTraceElement f) {
        String name = f.getClassName();
        if (name.startsWith("dev.go4j.internal.")) {
            return false;
        }
        try {
            Class<?> c = Class.forName(name, false, Goroutines.class.getClassLoader());
            return Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass()
                    && c.getModule().isExported(c.getPackageName())
                    && Arrays.stream(c.getMethods()).anyMatch(m -> m.getName().equals(f.getMethodName()));
        } catch (ClassNotFoundException | SecurityException | LinkageError e) {
            return false;
        }
    }

    private static boolean loadedFromLibrary(String className) {
        if (!className.startsWith("dev.go4j.")) {
            return false;
        }
        try {
            Class<?> c = Class.forName(className, false, Goroutines.class.getClassLoader());
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            return cs != null && LIBRARY != null && cs.getLocation().equals(LIBRARY.getLocation());
        } catch (ClassNotFoundException | SecurityException | LinkageError e) {
            return false;
        }
    }

    private static boolean sleeping(StackTraceElement[] frames) {
        return frames.length > 0 && Arrays.stream(frames).limit(8).anyMatch(
                f -> f.getClassName().equals("java.lang.Thread") && f.getMethodName().startsWith("sleep"));
    }

    private static boolean inIo(StackTraceElement[] frames) {
        return Arrays.stream(frames).limit(16).anyMatch(f -> f.getClassName().startsWith("sun.nio.ch.")
                || f.getClassName().startsWith("java.net.") || f.getClassName().startsWith("java.io."));
    }
}
