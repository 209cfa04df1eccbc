package dev.go4j.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.go4j.Chan;
import dev.go4j.Go;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@link VerifyNoGoroutineLeaks}, run through JUnit's own engine test kit: a test that leaks a goroutine
 * fails with the goroutine's dump; one whose goroutines end (at once, or while winding down after the
 * test, however long they stay runnable) passes; goroutines alive before the test and allow-listed ones are not reported; a method's
 * annotation overrides its class's.
 */
class GoroutineLeakExtensionTest {
    /** Goroutines the cases below leave parked, released after each case. */
    static final Queue<Thread> PARKED = new ConcurrentLinkedQueue<>();

    @AfterEach
    void releaseLeaks() throws InterruptedException {
        Go.setPanicHandler((t, e) -> {});
        try {
            for (Thread t; (t = PARKED.poll()) != null; ) {
                t.interrupt();
                t.join();
            }
        } finally {
            Go.setPanicHandler(null);
        }
    }

    static void leakOne() {
        Chan<Integer> never = Chan.make();
        PARKED.add(Go.go(never::recv));
    }

    @VerifyNoGoroutineLeaks(timeoutMillis = 100)
    static class Cases {
        @Test
        void leaks() {
            leakOne();
        }

        @Test
        void joinsItsGoroutine() throws Exception {
            Chan<Integer> ch = Chan.make();
            Go.go(() -> ch.send(42));
            ch.recv();
        }

        @Test
        void goroutineEndsAfterTheTest() {
            Chan<Integer> ch = Chan.make(1);
            Go.go(() -> {
                ch.recv(); // released by the close below, possibly after the test method returned
            });
            ch.close();
        }

        @Test
        void goroutineRunsLongAfterTheTest() {
            // Stands for a released goroutine that a loaded machine runs slowly: runnable, not blocked,
            // for three times the timeout after the test.
            long until = System.nanoTime() + 300_000_000L;
            Go.go(() -> {
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
        }

        @Test
        @VerifyNoGoroutineLeaks(ignore = "dev\\.go4j\\.test\\.GoroutineLeakExtensionTest\\.leakOne")
        void leakIsAllowListed() {
            leakOne();
        }
    }

    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(method == null ? selectClass(Cases.class) : selectMethod(Cases.class, method))
                .execute().testEvents();
    }

    @Test
    void leakingTestFailsWithTheDump() {
        Events events = run("leaks");
        events.assertStatistics(s -> s.started(1).failed(1));
        events.assertThatEvents().haveExactly(1, event(test("leaks"), finishedWithFailure(
                instanceOf(AssertionError.class),
                message(m -> m.startsWith("found 1 leaked goroutine still alive 100 ms after the test:")
                        && m.contains("[chan receive]:") && m.contains("created by ")
                        && m.contains("GoroutineLeakExtensionTest.leakOne(")))));
    }

    @Test
    void testsWhoseGoroutinesEndPass() {
        run("joinsItsGoroutine").assertStatistics(s -> s.started(1).succeeded(1));
        run("goroutineEndsAfterTheTest").assertStatistics(s -> s.started(1).succeeded(1));
        run("goroutineRunsLongAfterTheTest").assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void allowListedGoroutineIsNotReported() {
        run("leakIsAllowListed").assertStatistics(s -> s.started(1).succeeded(1));
    }

    @Test
    void goroutinesAliveBeforeTheTestAreNotReported() {
        leakOne(); // parked before the case starts
        run("joinsItsGoroutine").assertStatistics(s -> s.started(1).succeeded(1));
        assertTrue(PARKED.peek().isAlive());
    }
}
