package dev.go4j.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.Select;
import dev.go4j.context.Cancelable;
import dev.go4j.context.ContextException;
import dev.go4j.context.Contexts;
import dev.go4j.runtime.DeadlockError;
import dev.go4j.synctest.Synctest;
import dev.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/**
 * {@link SyncTest}: the method runs in a bubble (virtual time, {@link Synctest#await} allowed), and a
 * deadlock in it fails the test with the bubble's message.
 */
class SyncTestExtensionTest {

    /** Runs in virtual time: a minute's timeout fires at once, at the bubble's exact time. */
    @SyncTest
    void runsInVirtualTime() throws Exception {
        assertEquals(Instant.parse("2000-01-01T00:00:00Z"), Time.now());
        Chan<String> never = Chan.make();
        String r = Select.select(Select.recv(never, v -> v), Select.timeout(Duration.ofMinutes(1), () -> "timeout"));
        assertEquals("timeout", r);
        assertEquals(Instant.parse("2000-01-01T00:01:00Z"), Time.now());
        Go.go(() -> never.send("late"));
        Synctest.await();
        assertEquals("late", never.recv());
    }

    /** The README's side-by-side sample, Go's TestWithTimeout: a context deadline to the nanosecond. */
    @SyncTest
    void withTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(5);
        Cancelable c = Contexts.withTimeout(Contexts.background(), timeout);
        try {
            Time.sleep(timeout.minusNanos(1));
            Synctest.await();
            assertNull(c.context().err(), "before timeout");
            Time.sleep(Duration.ofNanos(1));
            Synctest.await();
            assertSame(ContextException.DEADLINE_EXCEEDED, c.context().err(), "after timeout");
        } finally {
            c.cancel();
        }
    }

    static class Cases {
        @SyncTest
        void deadlocks() throws Exception {
            Chan.<Integer>make().recv();
        }
    }

    private static Events run(String method) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectMethod(Cases.class, method))
                .execute().testEvents();
    }

    @Test
    void deadlockFailsTheTest() {
        Events events = run("deadlocks");
        events.assertStatistics(s -> s.started(1).failed(1));
        events.assertThatEvents().haveExactly(1, event(test("deadlocks"), finishedWithFailure(
                instanceOf(DeadlockError.class), message("deadlock: all goroutines in bubble are blocked"))));
    }
}
