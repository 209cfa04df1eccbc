package dev.go4j.internal;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.TestSupport.Call;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The runtime semaphore on its own ({@code runtime/sema.go}): permits, FIFO wake-ups, a LIFO re-queue
 * at the head, hand-off that no barger can take, and an interrupted waiter that leaves holding nothing.
 * Each waiter is parked (and so queued) before the next one starts, so the queue order is known.
 */
@Timeout(60)
class SemaTest {
    private final Sema sema = new Sema(0);
    private final List<String> acquired = new CopyOnWriteArrayList<>();

    /** Starts a goroutine that acquires a permit, then records {@code name}; returns once it is queued. */
    private Thread waiter(TestSupport.Goroutines g, String name, boolean lifo) {
        Thread t = g.go(() -> {
            sema.acquire(lifo);
            acquired.add(name);
        });
        awaitParked(t);
        return t;
    }

    private void awaitAcquired(int n) {
        awaitTrue(n + " acquired", () -> acquired.size() >= n);
    }

    @Test
    void permitsAreTakenUntilNoneIsLeft() {
        Sema s = new Sema(2);
        assertTrue(s.tryAcquire());
        assertTrue(s.tryAcquire());
        assertFalse(s.tryAcquire(), "the count never goes negative");
        s.release(false);
        assertTrue(s.tryAcquire());
    }

    @Test
    void releasesWakeWaitersInArrivalOrder() throws Exception {
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (String name : List.of("a", "b", "c")) {
                waiter(g, name, false);
            }
            for (int i = 1; i <= 3; i++) {
                sema.release(true);
                awaitAcquired(i);
            }
            assertEquals(List.of("a", "b", "c"), acquired);
            g.joinAll();
        }
    }

    @Test
    void aLifoWaiterGoesBeforeTheQueue() throws Exception {
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            waiter(g, "first", false);
            waiter(g, "second", false);
            waiter(g, "requeued", true);
            for (int i = 1; i <= 3; i++) {
                sema.release(true);
                awaitAcquired(i);
            }
            assertEquals(List.of("requeued", "first", "second"), acquired);
            g.joinAll();
        }
    }

    @Test
    void aHandedOffPermitCannotBeBarged() throws Exception {
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            waiter(g, "waiter", false);
            sema.release(true);
            assertFalse(sema.tryAcquire(), "the permit went to the woken waiter, not to a barger");
            awaitAcquired(1);
            g.joinAll();
        }
    }

    /**
     * Without hand-off the woken waiter competes with a barger for the permit, as in Go: whichever loses,
     * exactly one holds it, and a waiter that lost waits again (queued) for the next release.
     */
    @Test
    void withoutHandOffTheWokenWaiterCompetesAndALoserWaitsAgain() throws Exception {
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread t = waiter(g, "waiter", false);
            sema.release(false);
            if (sema.tryAcquire()) {
                awaitParked(t); // woken, found no permit, queued again
                assertTrue(acquired.isEmpty());
                sema.release(false);
            }
            awaitAcquired(1);
            assertFalse(sema.tryAcquire(), "one permit, taken once");
            g.joinAll();
        }
    }

    @Test
    void anInterruptedWaiterLeavesHoldingNothingAndNotQueued() throws Throwable {
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Call<Object> gone = g.call(() -> {
                try {
                    sema.acquire(false);
                    return "acquired";
                } catch (InterruptedException e) {
                    return e;
                }
            });
            awaitParked(gone.thread());
            waiter(g, "next", false);
            gone.thread().interrupt();
            assertInstanceOf(InterruptedException.class, gone.get());
            sema.release(true);
            awaitAcquired(1);
            assertEquals(List.of("next"), acquired, "the release went to the live waiter");
            sema.release(true);
            assertTrue(sema.tryAcquire(), "nobody waits any more: the permit stays free");
            g.joinAll();
        }
    }
}
