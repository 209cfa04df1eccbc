package dev.go4j.internal;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.TestSupport.Call;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The notify list under {@code sync.Cond} ({@code runtime/sema.go}'s {@code notifyList}): tickets are
 * woken in ticket order whatever the order their waiters queued in, a ticket woken before its waiter
 * queues returns at once, {@code notifyEvery} wakes only the tickets taken so far, and a ticket given up
 * (interrupt, abandon) does not swallow a signal.
 */
@Timeout(60)
class NotifyListTest {
    private final Sema.NotifyList list = new Sema.NotifyList();
    private final List<Long> woken = new CopyOnWriteArrayList<>();

    /** Starts a goroutine waiting for ticket {@code t}; returns once it is queued. */
    private Thread waiter(TestSupport.Goroutines g, long t) {
        Thread th = g.go(() -> {
            list.await(t);
            woken.add(t);
        });
        awaitParked(th);
        return th;
    }

    private void awaitWoken(int n) {
        awaitTrue(n + " woken", () -> woken.size() >= n);
    }

    @Test
    void ticketsCountUp() {
        assertEquals(0, list.add());
        assertEquals(1, list.add());
        assertEquals(2, list.add());
    }

    @Test
    void notifyOneWakesTheOldestTicketNotTheFirstQueued() throws Exception {
        long t0 = list.add();
        long t1 = list.add();
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            waiter(g, t1);
            waiter(g, t0); // slow to queue after taking its ticket
            list.notifyOne();
            awaitWoken(1);
            list.notifyOne();
            awaitWoken(2);
            assertEquals(List.of(t0, t1), woken);
            g.joinAll();
        }
    }

    @Test
    void aTicketWokenBeforeItsWaiterQueuesReturnsAtOnce() throws InterruptedException {
        long t = list.add();
        list.notifyOne();
        list.await(t); // would park forever if the signal were lost
    }

    @Test
    void notifyEveryWakesTheTicketsTakenSoFarOnly() throws Exception {
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            waiter(g, list.add());
            waiter(g, list.add());
            list.notifyEvery();
            awaitWoken(2);
            waiter(g, list.add());
            assertEquals(2, woken.size(), "a ticket taken after notifyEvery still waits");
            list.notifyOne();
            awaitWoken(3);
            g.joinAll();
        }
    }

    @Test
    void anInterruptedWaiterGivesItsTicketBack() throws Throwable {
        long t0 = list.add();
        long t1 = list.add();
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Call<Object> gone = g.call(() -> {
                try {
                    list.await(t0);
                    return "woken";
                } catch (InterruptedException e) {
                    return e;
                }
            });
            awaitParked(gone.thread());
            waiter(g, t1);
            gone.thread().interrupt();
            assertInstanceOf(InterruptedException.class, gone.get());
            list.notifyOne();
            awaitWoken(1);
            assertEquals(List.of(t1), woken, "the signal went to the next ticket, not to the abandoned one");
            g.joinAll();
        }
    }

    @Test
    void anAbandonedTicketDoesNotSwallowASignal() throws Exception {
        long t0 = list.add();
        long t1 = list.add();
        list.abandon(t0); // its waiter failed before waiting
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            waiter(g, t1);
            list.notifyOne();
            awaitWoken(1);
            g.joinAll();
        }
    }

    @Test
    void whenEveryOutstandingTicketIsAbandonedTheNextOneStillWaits() throws Exception {
        list.abandon(list.add());
        list.abandon(list.add());
        long t = list.add();
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            waiter(g, t);
            assertTrue(woken.isEmpty());
            list.notifyOne();
            awaitWoken(1);
            g.joinAll();
        }
    }
}
