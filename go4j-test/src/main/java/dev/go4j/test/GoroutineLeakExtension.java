package dev.go4j.test;

import dev.go4j.runtime.GoroutineInfo;
import dev.go4j.runtime.Goroutines;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link VerifyNoGoroutineLeaks}: records the live goroutines before each test and
 * reports, after it, those started since that have not ended. The timeout counts only the time a
 * goroutine spends not runnable: one that was released (its channel closed, its context cancelled) is
 * runnable until it ends, so it is waited for however slowly a loaded machine schedules it.
 */
public final class GoroutineLeakExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GoroutineLeakExtension.class);
    private static final String BEFORE = "goroutinesBefore";
    /** How long a goroutine that stays runnable (a busy loop, say) is waited for before it is reported. */
    private static final long RUNNABLE_LIMIT_NANOS = 60_000_000_000L;
    private static final Duration POLL = Duration.ofMillis(2);

    @Override
    public void beforeEach(ExtensionContext context) {
        Goroutines.recordCreatedBy(); // the report names where each leaked goroutine was started
        Set<Long> before = Goroutines.all().stream().map(GoroutineInfo::id).collect(Collectors.toSet());
        context.getStore(NS).put(BEFORE, before);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Set<Long> before = (Set<Long>) context.getStore(NS).get(BEFORE);
        VerifyNoGoroutineLeaks config = config(context);
        List<Pattern> ignore = Arrays.stream(config.ignore()).map(Pattern::compile).toList();
        List<Thread> started = Goroutines.all().stream()
                .filter(g -> !before.contains(g.id()) && !ignored(g, ignore))
                .map(GoroutineInfo::thread).toList();
        List<Thread> leaked = awaitEnd(started, config.timeoutMillis() * 1_000_000);
        if (!leaked.isEmpty()) {
            // Snapshots again: the dump should show where they are now, after the wait.
            String dump = Goroutines.all().stream().filter(g -> leaked.contains(g.thread()))
                    .map(GoroutineInfo::toString).collect(Collectors.joining("\n"));
            throw new AssertionError("found " + leaked.size() + " leaked goroutine" + (leaked.size() == 1 ? "" : "s")
                    + " still alive " + config.timeoutMillis() + " ms after the test:\n\n" + dump);
        }
    }

    /**
     * Waits for {@code threads} to end; returns those that did not. A thread is given up on once it has
     * spent {@code budget} ns not runnable (parked, sleeping, waiting) since the test ended, or after
     * {@link #RUNNABLE_LIMIT_NANOS} in all: time spent runnable but not scheduled, which a loaded machine
     * can stretch at will, is never held against a goroutine that is winding down.
     */
    private static List<Thread> awaitEnd(List<Thread> threads, long budget) throws InterruptedException {
        Map<Thread, Long> idle = new HashMap<>();
        long start = System.nanoTime();
        long last = start;
        for (;;) {
            long now = System.nanoTime();
            List<Thread> alive = threads.stream().filter(Thread::isAlive).toList();
            for (Thread t : alive) {
                if (t.getState() != Thread.State.RUNNABLE) {
                    idle.merge(t, now - last, Long::sum);
                }
            }
            last = now;
            List<Thread> givenUp = alive.stream().filter(t -> idle.getOrDefault(t, 0L) >= budget).toList();
            if (givenUp.size() == alive.size() || now - start >= RUNNABLE_LIMIT_NANOS) {
                return alive;
            }
            alive.stream().filter(t -> !givenUp.contains(t)).findFirst().orElseThrow().join(POLL);
        }
    }

    private static VerifyNoGoroutineLeaks config(ExtensionContext context) {
        return context.getTestMethod().flatMap(m -> AnnotationSupport.findAnnotation(m, VerifyNoGoroutineLeaks.class))
                .or(() -> context.getTestClass().flatMap(c -> AnnotationSupport.findAnnotation(c, VerifyNoGoroutineLeaks.class)))
                .orElseThrow(() -> new IllegalStateException("@VerifyNoGoroutineLeaks not found on " + context.getDisplayName()));
    }

    private static boolean ignored(GoroutineInfo g, List<Pattern> ignore) {
        if (ignore.isEmpty()) {
            return false;
        }
        Stream<StackTraceElement> frames = Stream.concat(g.stack().stream(), Stream.ofNullable(g.createdBy()));
        return frames.map(f -> f.getClassName() + "." + f.getMethodName())
                .anyMatch(name -> ignore.stream().anyMatch(p -> p.matcher(name).matches()));
    }
}
