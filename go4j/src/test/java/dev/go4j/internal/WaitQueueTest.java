package dev.go4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.lincheck.LincheckSupport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wait queue on its own: FIFO order, a re-queued waiter at the head, O(1) removal from anywhere,
 * and {@code claimFirst} never handing out a waiter whose operation was decided elsewhere, even when
 * a cancel races it.
 */
class WaitQueueTest {
    private final WaitQueue q = new WaitQueue();

    /** Claims every live waiter in queue order. */
    private List<Waiter> drain() {
        List<Waiter> out = new ArrayList<>();
        for (Waiter w; (w = q.claimFirst(WaitQueue.KEEP, true)) != null; ) {
            out.add(w);
        }
        return out;
    }

    private static List<Waiter> waiters(int n) {
        List<Waiter> ws = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ws.add(Waiter.selectCase(i));
        }
        return ws;
    }

    @Test
    void claimsInArrivalOrder() {
        List<Waiter> ws = waiters(5);
        ws.forEach(q::add);
        assertEquals(ws, drain());
        assertTrue(q.isEmpty());
    }

    @Test
    void addFirstGoesBeforeEveryQueuedWaiter() {
        List<Waiter> ws = waiters(3);
        q.add(ws.get(0));
        q.add(ws.get(1));
        q.addFirst(ws.get(2));
        assertEquals(List.of(ws.get(2), ws.get(0), ws.get(1)), drain());
    }

    @Test
    void addFirstOnAnEmptyQueueIsAlsoItsTail() {
        List<Waiter> ws = waiters(2);
        q.addFirst(ws.get(0));
        q.add(ws.get(1));
        assertEquals(ws, drain());
    }

    @Test
    void removeFromHeadMiddleAndTailKeepsTheOthersInOrder() {
        for (int gone = 0; gone < 3; gone++) {
            List<Waiter> ws = waiters(3);
            ws.forEach(q::add);
            q.remove(ws.get(gone));
            assertFalse(q.contains(ws.get(gone)));
            List<Waiter> rest = new ArrayList<>(ws);
            rest.remove(gone);
            rest.forEach(w -> assertTrue(q.contains(w)));
            assertEquals(rest, drain(), "after removing waiter " + gone);
        }
    }

    @Test
    void removingTheOnlyWaiterEmptiesTheQueue() {
        Waiter w = Waiter.receiver();
        q.add(w);
        q.remove(w);
        assertTrue(q.isEmpty());
        Waiter next = Waiter.selectCase(1);
        q.add(next);
        assertEquals(List.of(next), drain(), "head and tail were both reset");
    }

    @Test
    void removingAWaiterNotQueuedHereChangesNothing() {
        List<Waiter> ws = waiters(2);
        ws.forEach(q::add);
        WaitQueue other = new WaitQueue();
        Waiter elsewhere = Waiter.selectCase(7);
        other.add(elsewhere);
        q.remove(Waiter.selectCase(9));
        q.remove(elsewhere);
        q.remove(ws.get(0));
        q.remove(ws.get(0)); // a second time: already gone
        assertTrue(other.contains(elsewhere), "a waiter of another queue stays there");
        assertEquals(List.of(ws.get(1)), drain());
    }

    @Test
    void claimFirstDropsDeadWaitersOnItsWay() {
        Waiter cancelled = Waiter.receiver();
        Waiter select = Waiter.receiver();
        Waiter selectSibling = Waiter.selectCase(select, 1); // its select fired on another case
        Waiter live = Waiter.receiver();
        q.add(cancelled);
        q.add(selectSibling);
        q.add(live);
        assertTrue(cancelled.cancel());
        assertTrue(select.tryClaim());
        assertSame(live, q.claimFirst(WaitQueue.KEEP, true));
        assertTrue(q.isEmpty(), "the dead waiters were unlinked, not left for the next claim");
        assertFalse(q.contains(cancelled));
        assertFalse(q.contains(selectSibling));
    }

    @Test
    void claimFirstOfOnlyDeadWaitersIsNull() {
        Waiter w = Waiter.receiver();
        q.add(w);
        w.cancel();
        assertNull(q.claimFirst("v", true));
        assertTrue(q.isEmpty());
    }

    @Test
    void claimFirstHandsTheItemUnlessKept() {
        Waiter receiver = Waiter.receiver();
        q.add(receiver);
        assertSame(receiver, q.claimFirst("sent", true));
        assertEquals("sent", receiver.item);
        assertTrue(receiver.success);

        Waiter sender = Waiter.receiver();
        sender.item = "offered";
        q.add(sender);
        assertSame(sender, q.claimFirst(WaitQueue.KEEP, false));
        assertEquals("offered", sender.item, "KEEP leaves a sender's value in place");
        assertFalse(sender.success, "false: woken by close");
    }

    @Test
    void findLeavesTheWaiterQueued() {
        List<Waiter> ws = waiters(3);
        ws.forEach(q::add);
        assertSame(ws.get(1), q.find(w -> w.index == 1));
        assertNull(q.find(w -> w.index == 5));
        assertEquals(ws, drain());
    }

    /**
     * A waker's {@code claimFirst} races the waiter's own cancel (an interrupt, a timeout): in every
     * interleaving exactly one of them decides the operation.
     */
    @Test
    void claimFirstRacingCancelHasExactlyOneWinner() {
        LincheckSupport.modelCheck(LincheckSupport.LIGHT, 20, () -> new ClaimRacesCancel().run());
    }

    /** One round of {@link #claimFirstRacingCancelHasExactlyOneWinner}; fields are its shared state. */
    static final class ClaimRacesCancel {
        final WaitQueue queue = new WaitQueue();
        final Waiter w = Waiter.receiver();
        Waiter claimed;
        boolean cancelled;

        void run() {
            queue.add(w);
            Thread waker = new Thread(() -> claimed = queue.claimFirst("v", true));
            Thread canceller = new Thread(() -> cancelled = w.cancel());
            waker.start();
            canceller.start();
            join(waker);
            join(canceller);
            assertNotEquals(claimed != null, cancelled, "claimed " + claimed + ", cancelled " + cancelled);
            assertTrue(w.isDecided());
        }
    }

    static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
