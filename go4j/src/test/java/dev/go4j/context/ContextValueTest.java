package dev.go4j.context;

import static dev.go4j.TestSupport.onClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.time.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Ports Go's TestValues and TestWithoutCancel: the nearest binding wins, a null binding hides the ones
 * above, values pass through cancel and timer layers; withoutCancel keeps the values but drops
 * cancellation, deadline and cause.
 */
class ContextValueTest {
    /** Private key types, as Go recommends: equal keys of different types never collide. */
    record Key1(int id) {}

    record Key2(int id) {}

    @Test
    void nearestBindingWinsAndNullShadows() {
        Context c0 = Contexts.background();
        Context c1 = Contexts.withValue(c0, new Key1(1), "c1k1");
        assertEquals("c1k1", c1.value(new Key1(1)));
        assertNull(c1.value(new Key2(1)), "keys of different types are different");
        Context c2 = Contexts.withValue(c1, new Key2(1), "c2k2");
        assertEquals("c1k1", c2.value(new Key1(1)));
        assertEquals("c2k2", c2.value(new Key2(1)));
        Context c3 = Contexts.withValue(c2, new Key1(1), "c3k1");
        assertEquals("c3k1", c3.value(new Key1(1)), "the nearest binding wins");
        Context c4 = Contexts.withValue(Contexts.withCancel(c3).context(), new Key1(1), null);
        assertNull(c4.value(new Key1(1)), "a null binding hides the ones above");
        assertEquals("c2k2", c4.value(new Key2(1)));
        Context c5 = new ContextCancelTest.Foreign(Contexts.withTimeout(c4, Duration.ofHours(1)).context());
        assertEquals("c2k2", c5.value(new Key2(1)), "values cross timer layers and foreign wrappers");
        assertEquals("c3k1", c3.value(new Key1(1)), "a child's binding never changes its parent");
    }

    @Test
    void withoutCancelKeepsValuesOnly() {
        ManualClock clock = new ManualClock();
        CauseCancelable parent = Contexts.withCancelCause(Contexts.background());
        Cancelable timed = onClock(clock, () -> Contexts.withTimeout(
                Contexts.withValue(parent.context(), "key", "value"), Duration.ofSeconds(1)));
        Context c = Contexts.withoutCancel(timed.context());
        assertEquals("value", c.value("key"));
        assertTrue(c.deadline().isEmpty());
        assertSame(Chan.nil(), c.done());
        parent.cancel(new IllegalStateException("cause"));
        assertSame(ContextException.CANCELED, timed.context().err());
        assertNull(c.err());
        assertNull(Contexts.cause(c), "no cause through withoutCancel");
        Cancelable child = Contexts.withCancel(c);
        assertNull(child.context().err(), "a child of withoutCancel is not born cancelled");
        child.cancel();
        assertSame(ContextException.CANCELED, child.context().err());
    }
}
