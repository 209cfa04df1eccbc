package dev.go4j.runtime;

import dev.go4j.internal.Handler;
import dev.go4j.internal.diag.Frames;
import dev.go4j.internal.diag.Goroutine;
import dev.go4j.internal.diag.Jfr;
import dev.go4j.internal.diag.LeakWatch;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The goroutine leak profile's reporting side ({@code -Dgo4j.leakProfile=true}; the mechanism is
 * {@link LeakWatch}): a daemon platform thread takes each goroutine whose thread was collected before its
 * task finished, forgets it, and reports it ({@link #report}); every {@value #SWEEP_MS} ms it also takes
 * the stacks of the goroutines that parked since ({@link LeakWatch#takeStacks()}). The reports are kept,
 * the latest {@value #KEPT}, for {@link Goroutines#leaked()}.
 */
final class LeakProfile {
    static final int KEPT = 1_000;
    static final long SWEEP_MS = 100;
    private static final ArrayDeque<GoroutineLeak> LEAKED = new ArrayDeque<>(); // guarded by itself
    private static final Handler<Consumer<? super GoroutineLeak>> HANDLER = new Handler<>(LeakProfile::print);

    static {
        if (LeakWatch.ENABLED) {
            if (!"false".equals(System.getProperty("jdk.trackAllThreads"))) {
                System.err.println("go4j: -Dgo4j.leakProfile=true finds nothing without -Djdk.trackAllThreads=false"
                        + " (the JDK then holds every virtual thread)");
            }
            // Inherits nothing from whichever thread loaded this class: one in a synctest bubble would
            // hand the handler the bubble's clock for good.
            Thread.ofPlatform().daemon().name("go4j-leak-profile").inheritInheritableThreadLocals(false)
                    .start(LeakProfile::watch);
        }
    }

    private LeakProfile() {}

    static List<GoroutineLeak> leaked() {
        synchronized (LEAKED) {
            return List.copyOf(LEAKED);
        }
    }

    static Consumer<? super GoroutineLeak> setHandler(Consumer<? super GoroutineLeak> h) {
        return HANDLER.set(h);
    }

    private static void watch() {
        for (;;) {
            LeakWatch w;
            try {
                w = LeakWatch.nextCollected(SWEEP_MS);
            } catch (InterruptedException e) {
                return;
            }
            LeakWatch.takeStacks();
            if (w != null) {
                Goroutine g = w.goroutine;
                g.finished();
                report(leakOf(g, w));
            }
        }
    }

    /** What the report says, from what the watch recorded while the goroutine was alive. */
    private static GoroutineLeak leakOf(Goroutine g, LeakWatch w) {
        long parkedAt = w.parkedAt();
        StackTraceElement[] frames = w.parkedIn();
        if (parkedAt == 0 || frames == null) {
            return new GoroutineLeak(g.id, null, null, List.of(), g.createdBy(), g.parentId);
        }
        Instant since = Instant.now().minusNanos(Math.max(0, System.nanoTime() - parkedAt));
        int entry = Frames.entry(frames); // past the JDK's park frames
        String reason = entry >= 0 ? Frames.reason(frames, entry) : "waiting";
        List<StackTraceElement> stack = Arrays.asList(frames).subList(Math.max(entry, 0), Frames.bottom(frames));
        return new GoroutineLeak(g.id, reason, since, List.copyOf(stack), g.createdBy(), g.parentId);
    }

    /**
     * The one place a leak is reported: kept for {@link Goroutines#leaked()}, then given to the handler
     * and emitted as a JFR {@code dev.go4j.GoroutineLeak} event. A failing handler is printed, and the
     * profile goes on.
     */
    private static void report(GoroutineLeak leak) {
        Jfr.goroutineLeak(leak.id(), leak.reason(), leak.toString());
        synchronized (LEAKED) {
            if (LEAKED.size() == KEPT) {
                LEAKED.removeFirst();
            }
            LEAKED.addLast(leak);
        }
        try {
            HANDLER.get().accept(leak);
        } catch (Throwable t) {
            System.err.println("go4j: the leak handler failed on: " + leak);
            t.printStackTrace();
        }
    }

    /** The default handler: the report's line and where the goroutine blocked, to {@code System.err}. */
    private static void print(GoroutineLeak leak) {
        StringBuilder sb = new StringBuilder(512).append(leak).append('\n');
        for (StackTraceElement e : leak.stack()) {
            sb.append("\tat ").append(e).append('\n');
        }
        System.err.print(sb);
        System.err.flush();
    }
}
