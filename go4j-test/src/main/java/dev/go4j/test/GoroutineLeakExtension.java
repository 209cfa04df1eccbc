package dev.go4j.test;

import dev.go4j.runtime.GoroutineInfo;
import dev.go4j.runtime.Goroutines;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * reports, after it, those started since that have not ended within the timeout.
 */
public final class GoroutineLeakExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(GoroutineLeakExtension.class);
    private static final String BEFORE = "goroutinesBefore";

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
        long deadline = System.nanoTime() + config.timeoutMillis() * 1_000_000;
        List<GoroutineInfo> leaked = new ArrayList<>();
        for (GoroutineInfo g : Goroutines.all()) {
            if (before.contains(g.id()) || ignored(g, ignore)) {
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !g.thread().join(java.time.Duration.ofNanos(left))) {
                leaked.add(g);
            }
        }
        if (!leaked.isEmpty()) {
            // Snapshots again: the dump should show where they are now, after the wait.
            Set<Long> ids = leaked.stream().map(GoroutineInfo::id).collect(Collectors.toSet());
            String dump = Goroutines.all().stream().filter(g -> ids.contains(g.id()))
                    .map(GoroutineInfo::toString).collect(Collectors.joining("\n"));
            throw new AssertionError("found " + leaked.size() + " leaked goroutine" + (leaked.size() == 1 ? "" : "s")
                    + " still alive " + config.timeoutMillis() + " ms after the test:\n\n" + dump);
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
