package dev.go4j.runtime;

import dev.go4j.internal.AdaptiveSpin;
import dev.go4j.internal.diag.Frames;
import dev.go4j.internal.diag.Goroutine;
import dev.go4j.internal.diag.LeakWatch;
import dev.go4j.internal.diag.LockCycles;
import dev.go4j.internal.diag.LockOrder;
import dev.go4j.internal.Switches;
import dev.go4j.internal.Waiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Go's {@code runtime} package for go4j's goroutines: who is running, who is blocked and on what, and
 * Go's goroutine dump.
 *
 * <pre>{@code
 * System.err.print(Goroutines.dump());       // as Go prints on a crash or SIGQUIT
 * for (GoroutineInfo g : Goroutines.all()) { // runtime.Stack(buf, true), as objects
 *     if (g.blocked()) System.err.println(g.id() + " waits: " + g.state());
 * }
 * }</pre>
 *
 * <p>The dump is Go's: {@code goroutine 7 [chan receive, 2 minutes]:}, the goroutine's stack from the
 * go4j call it waits in, and {@code created by <frame> in goroutine 1}. The wait reason comes from the
 * stack (the go4j call the goroutine is in), the waiting time from the parked waiter, so recording them
 * costs one plain write when a goroutine parks and nothing else until a dump is asked for
 * ({@code -Dgo4j.diagnostics=false} drops that write: dumps then show no waiting time and no goroutine as
 * blocked; {@code DiagnosticsBench} measures the difference). Wire {@link #dump()} to an admin endpoint or a JMX operation
 * to get it on demand from a running service; {@link dev.go4j.Go#main} prints it on a deadlock.
 *
 * <p>Only goroutines started with {@link dev.go4j.Go#go} are listed: virtual threads started otherwise
 * are not known to go4j.
 *
 * <p><b>Leak profile</b> (Go 1.26's goroutine leak profile; opt-in): started with
 * {@code -Dgo4j.leakProfile=true -Djdk.trackAllThreads=false}, go4j reports every goroutine that blocks
 * where nothing can ever wake it (a channel, lock or queue that nothing reachable refers to any more),
 * once the garbage collector has found out:
 * <pre>
 * goroutine 7 leaked: blocked on chan receive since 2026-11-23T16:40:01.5Z, created by app.Server.handle(Server.java:42) in goroutine 1
 *         at dev.go4j.Chan.recv(Chan.java:301)
 *         at app.Server.lambda$handle$0(Server.java:43)
 * </pre>
 * See {@link #leaked()}.
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
 * // given: java.util.logging.Logger log; List<LockOrderInversion> failures
 * Goroutines.setLockCycleHandler(cycle -> log.severe(cycle.toString()));
 * Goroutines.checkLockOrder(true);           // in tests or a debugging run
 * Goroutines.setLockOrderHandler(inv -> failures.add(inv));
 * }</pre>
 */
public final class Goroutines {
    /** The handlers set by the user, null for the defaults; guarded by Goroutines.class. */
    private static Consumer<? super LockCycle> lockCycleHandler;
    private static Consumer<? super LockOrderInversion> lockOrderHandler;

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
     * Records from now on where each goroutine was started (the "created by" frame of dumps and panics).
     * Off until something asks for diagnostics, because finding the frame takes a stack walk, microseconds
     * per {@link dev.go4j.Go#go} (for a task that is a lambda or method reference, only until its call site
     * is known; then it costs next to nothing): {@link #all()}, {@link #dump()}, {@link dev.go4j.Go#main}
     * and go4j-test's leak check turn it on. {@code -Dgo4j.createdBy=true} records from the start,
     * {@code =false} never.
     */
    public static void recordCreatedBy() {
        Goroutine.wantCreatedBy();
    }

    /** The number of live goroutines: Go's {@code runtime.NumGoroutine}. */
    public static int numGoroutine() {
        return Goroutine.count();
    }

    /**
     * The goroutines found leaked so far (the latest 1,000), oldest first: empty unless
     * the leak profile is on ({@link #leakProfileEnabled()}).
     *
     * <p>How it works: a virtual thread parked without a deadline is reachable only through what would
     * unpark it, here the waiter queued in a go4j channel or lock. When nothing reachable refers to that
     * channel or lock any more, no goroutine can ever wake it, and the garbage collector collects its thread,
     * provided nothing else holds it: the JDK's thread container holds every virtual thread unless
     * {@code -Djdk.trackAllThreads=false}, and go4j's registry then holds goroutines only weakly. go4j reports
     * a goroutine whose thread was collected before its task finished: by default to {@code System.err}
     * ({@link #setLeakHandler}), with the wait reason, the time and the stack recorded when it parked, and
     * where it was created. A collected goroutine is no longer counted by {@link #numGoroutine()}.
     *
     * <p>What it cannot see: a goroutine still referenced (its {@code Thread} kept by the code that started
     * it, a channel it waits on kept in a field of a live object) is not leaked in this sense; one parked
     * with a deadline is held by the scheduler's timer and wakes; leaks are found only as fast as the
     * collector looks (usually the next old-generation collection), and at most a tenth of a second later.
     * Costs, only with the profile on: a weak reference per goroutine, a small record per park without a
     * deadline, and a stack trace of each goroutine still parked a tenth of a second later (taken by the
     * profile's thread).
     * Both system properties must be given at startup: {@code -Djdk.trackAllThreads=false} also hides
     * virtual threads from the JDK's thread dumps ({@code jcmd Thread.dump_to_file}); go4j's {@link #dump()}
     * still lists them.
     */
    public static List<GoroutineLeak> leaked() {
        return LeakProfile.leaked();
    }

    /**
     * Replaces what the leak profile does with each leak it finds: by default, print the report's line
     * ({@link GoroutineLeak#toString()}) and its stack to {@code System.err}. The handler runs on the
     * profile's own daemon thread, one leak at a time.
     *
     * @param handler receives each leak; {@code null} restores the default
     * @return the previous handler, or null if it was the default
     */
    public static Consumer<? super GoroutineLeak> setLeakHandler(Consumer<? super GoroutineLeak> handler) {
        return LeakProfile.setHandler(handler);
    }

    /** True when the JVM was started with {@code -Dgo4j.leakProfile=true} (see {@link #leaked()}). */
    public static boolean leakProfileEnabled() {
        return LeakWatch.ENABLED;
    }

    /**
     * The parallelism of the JDK's virtual-thread scheduler: Go's {@code runtime.GOMAXPROCS(0)}. It is set
     * only before the first virtual thread starts, with {@code -Djdk.virtualThreadScheduler.parallelism=N}
     * (the JDK offers no way to change it later), and defaults to the number of processors.
     */
    public static int gomaxprocs() {
        return AdaptiveSpin.carriers();
    }

    /**
     * Routes lock-cycle reports to {@code handler}, called once per cycle on the thread that closed it,
     * just before that thread parks (so keep it short and do not lock go4j locks in it); {@code null}
     * restores the default, which prints {@link LockCycle#toString()} to {@code System.err}. Exceptions
     * it throws are printed and otherwise ignored. Reports stop if {@code -Dgo4j.lockCycles=false}.
     *
     * @return the previous handler, or null if it was the default
     */
    public static synchronized Consumer<? super LockCycle> setLockCycleHandler(Consumer<? super LockCycle> handler) {
        Consumer<? super LockCycle> old = lockCycleHandler;
        lockCycleHandler = handler;
        LockCycles.setHandler(handler == null ? null : c -> handler.accept(LockCycle.of(c)));
        return old;
    }

    /**
     * The lock cycles among the goroutines waiting for go4j locks now, each once (a cycle is found from
     * any goroutine in it; other threads appear only as members of such a cycle); empty if none or if
     * lock-cycle detection is off. {@link dev.go4j.Go#main} puts them in its {@link DeadlockError}, and
     * prints those the default handler did not print already.
     */
    public static List<LockCycle> lockCycles() {
        return Switches.LOCK_CYCLES ? LockCycles.current().stream().map(LockCycle::of).toList() : List.of();
    }

    /**
     * Turns lock-order checking on or off (initially as {@code -Dgo4j.lockOrder}, default off). While on,
     * every {@code lock}/{@code rLock} of a go4j lock records a stack (microseconds: a debugging mode) and
     * the locks each thread holds; the graph of lock orders keeps every lock it saw reachable. Locks
     * taken while it was off are not known as held. While off it costs a lock one volatile read of the
     * switch per lock event.
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
    public static synchronized Consumer<? super LockOrderInversion> setLockOrderHandler(
            Consumer<? super LockOrderInversion> handler) {
        Consumer<? super LockOrderInversion> old = lockOrderHandler;
        lockOrderHandler = handler;
        LockOrder.setHandler(handler == null ? null : i -> handler.accept(LockOrderInversion.of(i)));
        return old;
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
        int entry = Frames.entry(frames);
        Duration waited = null;
        boolean blocked = false;
        if (blocker instanceof Waiter w && !w.isDecided() && w.parkedAt() != 0) {
            waited = Duration.ofNanos(Math.max(0, System.nanoTime() - w.parkedAt()));
            blocked = ts == Thread.State.WAITING;
        }
        String state = state(ts, frames, entry);
        List<StackTraceElement> stack = Arrays.asList(frames).subList(Math.max(entry, 0), Frames.bottom(frames));
        return new GoroutineInfo(g.id, t, state, blocked, waited, List.copyOf(stack), g.createdBy(), g.parentId);
    }

    private static String state(Thread.State ts, StackTraceElement[] frames, int entry) {
        if (entry >= 0) {
            return Frames.reason(frames, entry);
        }
        return switch (ts) {
            case RUNNABLE, NEW -> "running";
            case TIMED_WAITING -> sleeping(frames) ? "sleep" : "waiting";
            default -> inIo(frames) ? "IO wait" : "waiting";
        };
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
