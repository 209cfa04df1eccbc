package dev.go4j.runtime;

import dev.go4j.internal.Frames;
import dev.go4j.internal.Goroutine;
import dev.go4j.internal.Waiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

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
 * costs one plain write when a goroutine parks and nothing else until a dump is asked for
 * ({@code -Dgo4j.diagnostics=false} drops that write: dumps then show no waiting time and no goroutine as
 * blocked; {@code DiagnosticsBench} measures the difference). Wire {@link #dump()} to an admin endpoint or a JMX operation
 * to get it on demand from a running service; {@link dev.go4j.Go#main} prints it on a deadlock.
 *
 * <p>Only goroutines started with {@link dev.go4j.Go#go} are listed: virtual threads started otherwise
 * are not known to go4j.
 */
public final class Goroutines {
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
