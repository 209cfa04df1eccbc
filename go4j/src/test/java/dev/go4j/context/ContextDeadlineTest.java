package dev.go4j.context;

import static dev.go4j.TestSupport.onClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.time.Clock;
import dev.go4j.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports Go's TestDeadline, TestTimeout, TestCanceledTimeout and TestLayersTimeout with an injected
 * {@link ManualClock}, so every expiry is exact: the rule "the earlier deadline wins", a deadline in
 * the past gives a context born with DEADLINE_EXCEEDED, and cancelling unschedules the alarm (no
 * thread, no leftover timer).
 */
@Timeout(60)
class ContextDeadlineTest {
    private final ManualClock clock = new ManualClock();

    private Cancelable timeout(Context parent, long millis) {
        return onClock(clock, () -> Contexts.withTimeout(parent, Duration.ofMillis(millis)));
    }

    private static boolean isDone(Context c) {
        return c.done().isDrained();
    }

    @Test
    void deadlineExpiresExactlyOnTime() {
        Instant at = clock.now().plusMillis(50);
        Cancelable c = onClock(clock, () -> Contexts.withDeadline(Contexts.background(), at));
        assertEquals(at, c.context().deadline().orElseThrow());
        clock.advance(Duration.ofMillis(49));
        assertFalse(isDone(c.context()));
        clock.advance(Duration.ofMillis(1));
        assertTrue(isDone(c.context()), "done when the clock reaches the deadline");
        assertSame(ContextException.DEADLINE_EXCEEDED, c.context().err());
        assertTrue(c.context().err().isTimeout());
        assertEquals("context deadline exceeded", c.context().err().getMessage());
        c.cancel();
        assertSame(ContextException.DEADLINE_EXCEEDED, c.context().err(), "the first error stays");
    }

    @Test
    void earlierDeadlineWins() {
        Cancelable outer = timeout(Contexts.background(), 50);
        Cancelable laterChild = timeout(outer.context(), 100);
        assertEquals(outer.context().deadline(), laterChild.context().deadline(), "the parent's deadline is earlier");
        Cancelable earlierChild = timeout(new ContextCancelTest.Foreign(outer.context()), 20);
        assertEquals(clock.now().plusMillis(20), earlierChild.context().deadline().orElseThrow());
        clock.advance(Duration.ofMillis(20));
        assertSame(ContextException.DEADLINE_EXCEEDED, earlierChild.context().err());
        assertNull(outer.context().err(), "a child's deadline never reaches its parent");
        clock.advance(Duration.ofMillis(30));
        assertSame(ContextException.DEADLINE_EXCEEDED, outer.context().err());
        assertSame(ContextException.DEADLINE_EXCEEDED, laterChild.context().err());
        assertEquals(0, clock.pending());
    }

    @Test
    void pastDeadlineIsBornExpired() {
        Cancelable c = timeout(Contexts.background(), -1);
        assertTrue(isDone(c.context()));
        assertSame(ContextException.DEADLINE_EXCEEDED, c.context().err());
        Cancelable zero = timeout(Contexts.background(), 0);
        assertSame(ContextException.DEADLINE_EXCEEDED, zero.context().err());
        assertEquals(0, clock.pending(), "no alarm for a deadline already passed");
    }

    /**
     * Go saturates a deadline too far away to compute ({@code time.Until} and the runtime's
     * {@code when}): it never fires, yet {@code deadline()} still reports it. The clock has moved, so
     * {@code nanoTime() + duration} would overflow.
     */
    @Test
    void farFutureDeadlinesNeverFire() {
        clock.advance(Duration.ofSeconds(1));
        Instant now = clock.now();
        List<Cancelable> far = farFutureContexts(clock);
        assertEquals(Instant.MAX, far.get(0).context().deadline().orElseThrow());
        assertEquals(now.plus(Duration.ofDays(365L * 300)), far.get(1).context().deadline().orElseThrow());
        assertEquals(Instant.MAX, far.get(2).context().deadline().orElseThrow(), "now + timeout saturates too");
        clock.advance(Duration.ofDays(365L * 200));
        for (Cancelable c : far) {
            assertNull(c.context().err(), c.context().toString());
        }
        assertEquals(0, clock.pending(), "a deadline no clock reaches needs no alarm");
        far.forEach(Cancelable::cancel);
        far.forEach(c -> assertSame(ContextException.CANCELED, c.context().err()));
    }

    /** The same on the system clock, whose nanoTime may lie anywhere in the long range. */
    @Test
    void farFutureDeadlinesNeverFireOnTheSystemClock() {
        for (Cancelable c : farFutureContexts(Clock.system())) {
            assertNull(c.context().err(), c.context().toString());
            assertFalse(isDone(c.context()));
            c.cancel();
        }
    }

    /** {@code withDeadline(MAX)}, {@code withTimeout(300 years)} and {@code withTimeout(Long.MAX_VALUE s)} on {@code clock}. */
    private static List<Cancelable> farFutureContexts(Clock clock) {
        Context bg = Contexts.background();
        return List.of(onClock(clock, () -> Contexts.withDeadline(bg, Instant.MAX)),
                onClock(clock, () -> Contexts.withTimeout(bg, Duration.ofDays(365L * 300))),
                onClock(clock, () -> Contexts.withTimeout(bg, Duration.ofSeconds(Long.MAX_VALUE))));
    }

    @Test
    void canceledTimeoutUnschedulesItsAlarm() {
        Cancelable c = timeout(Contexts.background(), 1000);
        assertEquals(1, clock.pending());
        c.cancel();
        assertSame(ContextException.CANCELED, c.context().err());
        assertEquals(0, clock.pending(), "cancel left the alarm scheduled");
        clock.advance(Duration.ofSeconds(2));
        assertSame(ContextException.CANCELED, c.context().err());
    }

    @Test
    void timeoutOfAParentReachesEveryLayer() {
        Cancelable top = timeout(Contexts.background(), 100);
        Context ctx = top.context();
        List<Context> layers = new ArrayList<>(List.of(ctx));
        for (int i = 0; i < 30; i++) {
            ctx = switch (i % 3) {
                case 0 -> Contexts.withValue(ctx, "k" + i, i);
                case 1 -> Contexts.withCancel(ctx).context();
                default -> timeout(ctx, 1000 + i).context();
            };
            layers.add(ctx);
        }
        clock.advance(Duration.ofMillis(99));
        layers.forEach(c -> assertNull(c.err()));
        clock.advance(Duration.ofMillis(1));
        for (Context c : layers) {
            assertSame(ContextException.DEADLINE_EXCEEDED, c.err(), c.toString());
            assertTrue(isDone(c));
        }
        assertEquals(0, clock.pending(), "the layers' own alarms were cancelled with them");
    }

    @Test
    void cancelledBeforeItsDeadlineChildOfTimeoutParent() {
        Cancelable parent = timeout(Contexts.background(), 100);
        Cancelable child = Contexts.withCancel(parent.context());
        child.cancel();
        assertSame(ContextException.CANCELED, child.context().err());
        clock.advance(Duration.ofMillis(100));
        assertSame(ContextException.CANCELED, child.context().err());
        assertSame(ContextException.DEADLINE_EXCEEDED, parent.context().err());
    }
}
