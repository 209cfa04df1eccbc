package dev.go4j.pattern;

import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.TestSupport;
import dev.go4j.runtime.Goroutines;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Helpers shared by the pattern tests, beyond {@link TestSupport}: the "no goroutine left behind" check
 * (as a JUnit extension run around every test, and as a method to call mid-test), and producing and
 * draining a channel.
 */
final class PatternTesting {
    private PatternTesting() {}

    /**
     * Polls {@link Goroutines#numGoroutine()} (yielding, no sleeping) until it is at most {@code baseline}:
     * every goroutine started since the baseline was taken has ended. Fails after {@link TestSupport#BOUND}.
     */
    static void awaitNoGoroutineLeft(int baseline) {
        long deadline = System.nanoTime() + TestSupport.BOUND.toNanos();
        while (Goroutines.numGoroutine() > baseline) {
            if (System.nanoTime() - deadline > 0) {
                fail("goroutines left behind: " + (Goroutines.numGoroutine() - baseline) + " still running after "
                        + TestSupport.BOUND);
            }
            Thread.yield();
        }
    }

    /** Sends 0..n-1 on {@code src} from a goroutine, then closes it. */
    static void produce(Chan<Integer> src, int n) {
        Go.go(() -> {
            try (src) {
                for (int i = 0; i < n; i++) {
                    src.send(i);
                }
            }
        });
    }

    /** Receives every value of {@code ch} until it is closed and drained. */
    static <T> List<T> drain(RecvChan<T> ch) throws InterruptedException {
        List<T> values = new ArrayList<>();
        for (T v; (v = ch.recv()) != null; ) {
            values.add(v);
        }
        return values;
    }

    /**
     * Takes the goroutine count before each test and checks, after it, that every goroutine the test
     * started (directly or through a pattern) has ended: the "no goroutine left behind" rule. Register
     * with {@code @ExtendWith(PatternTesting.NoGoroutineLeft.class)}.
     */
    static final class NoGoroutineLeft implements BeforeEachCallback, AfterEachCallback {
        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(NoGoroutineLeft.class);

        @Override
        public void beforeEach(ExtensionContext context) {
            context.getStore(NS).put("baseline", Goroutines.numGoroutine());
        }

        @Override
        public void afterEach(ExtensionContext context) {
            awaitNoGoroutineLeft(context.getStore(NS).get("baseline", Integer.class));
        }
    }
}
