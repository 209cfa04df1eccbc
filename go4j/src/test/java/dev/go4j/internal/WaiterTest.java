package dev.go4j.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.lincheck.LincheckSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The waiter's single decision: a claim, a cancel or the waiting thread's interrupt decides the
 * operation, exactly one of them, and a claim that wins over an interrupt is not lost.
 */
class WaiterTest {
    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void theFirstClaimDecidesAndLaterOnesLose() {
        Waiter leader = Waiter.receiver();
        Waiter second = Waiter.selectCase(leader, 1);
        assertFalse(leader.isDecided());
        assertTrue(second.tryClaim());
        assertFalse(leader.tryClaim(), "the select was decided by its second case");
        assertFalse(second.cancel());
        assertTrue(leader.isDecided() && second.isDecided());
    }

    @Test
    void awaitReturnsTheClaimedCase() throws InterruptedException {
        Waiter leader = Waiter.receiver();
        Waiter second = Waiter.selectCase(leader, 1);
        second.tryClaim();
        assertSame(second, leader.await(Long.MAX_VALUE));
    }

    @Test
    void cancelDecidesAndAwaitReturnsNull() throws InterruptedException {
        Waiter w = Waiter.receiver();
        assertTrue(w.cancel());
        assertFalse(w.tryClaim(), "no party can claim a cancelled wait");
        assertFalse(w.cancel(), "decided once");
        assertNull(w.await(Long.MAX_VALUE));
    }

    @Test
    void aPassedDeadlineCancels() throws InterruptedException {
        Waiter w = Waiter.receiver();
        assertNull(w.await(System.nanoTime() - 1));
        assertFalse(w.tryClaim());
    }

    @Test
    void anInterruptBeforeAnyClaimCancelsAndThrows() {
        Waiter w = Waiter.receiver();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> w.await(Long.MAX_VALUE));
        assertFalse(Thread.currentThread().isInterrupted(), "the exception carries the interrupt");
        assertFalse(w.tryClaim(), "the interrupted wait is cancelled: no party can claim it afterwards");
    }

    @Test
    void aClaimBeforeTheInterruptWinsAndLeavesTheInterruptSet() throws InterruptedException {
        Waiter w = Waiter.receiver();
        w.tryClaim();
        Thread.currentThread().interrupt();
        assertSame(w, w.await(Long.MAX_VALUE));
        assertTrue(Thread.currentThread().isInterrupted());
    }

    /**
     * A claim races the waiting thread's pending interrupt, in every interleaving: await either throws
     * (its cancel won) or returns the claim with the interrupt status set, including when the claim
     * lands after await has seen (and so cleared) the interrupt.
     */
    @Test
    void aClaimThatBeatsAPendingInterruptKeepsTheInterrupt() {
        LincheckSupport.modelCheck(LincheckSupport.LIGHT, 10, () -> new ClaimRacesInterrupt().run());
    }

    /** One round of {@link #aClaimThatBeatsAPendingInterruptKeepsTheInterrupt}; fields are its shared state. */
    static final class ClaimRacesInterrupt {
        final Waiter w = Waiter.receiver();
        boolean claimed;

        void run() {
            Thread claimer = new Thread(() -> {
                if (w.tryClaim()) {
                    claimed = true;
                    w.wake();
                }
            });
            claimer.start();
            Thread.currentThread().interrupt();
            Waiter returned = null;
            boolean threw = false;
            try {
                returned = w.await(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                threw = true;
            }
            boolean interruptSet = Thread.interrupted();
            WaitQueueTest.join(claimer);
            assertTrue(claimed != threw, "claimed " + claimed + ", threw " + threw);
            if (claimed) {
                assertSame(w, returned);
                assertTrue(interruptSet, "a claim that beat the interrupt lost it");
            } else {
                assertFalse(interruptSet, "the exception carries the interrupt");
            }
        }
    }

    /**
     * A claim, a cancel and an interrupt race a parked waiter: in every interleaving exactly one of
     * them decides; await returns the claim (with the interrupt status set, as the interrupt was sent),
     * null for the cancel, or throws for the interrupt.
     */
    @Test
    void claimCancelAndInterruptRaceToExactlyOneDecision() {
        LincheckSupport.modelCheck(LincheckSupport.LIGHT, 20, () -> new ThreeWayRace().run());
    }

    /**
     * One round of {@link #claimCancelAndInterruptRaceToExactlyOneDecision}, the scenario's main thread
     * waiting; fields are its shared state.
     */
    static final class ThreeWayRace {
        final Waiter w = Waiter.receiver();
        boolean claimed;
        boolean cancelled;

        void run() {
            Thread waiting = Thread.currentThread();
            Thread claimer = new Thread(() -> {
                if (w.tryClaim()) {
                    claimed = true;
                    w.wake();
                }
            });
            Thread canceller = new Thread(() -> cancelled = w.cancel());
            Thread interrupter = new Thread(waiting::interrupt);
            claimer.start();
            canceller.start();
            interrupter.start();
            Waiter returned = null;
            boolean threw = false;
            try {
                returned = w.await(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                threw = true;
            }
            boolean interruptSet = false;
            for (;;) {
                try {
                    interrupter.join(); // the interrupt status, read once the interrupt was sent
                    break;
                } catch (InterruptedException e) {
                    interruptSet = true;
                }
            }
            interruptSet |= Thread.interrupted();
            WaitQueueTest.join(claimer);
            WaitQueueTest.join(canceller);
            int decisions = (claimed ? 1 : 0) + (cancelled ? 1 : 0) + (threw ? 1 : 0);
            String outcome = "claimed " + claimed + ", cancelled " + cancelled + ", threw " + threw;
            assertTrue(decisions == 1, outcome);
            assertTrue(claimed == (returned == w), outcome);
            assertTrue(!claimed || interruptSet, "a claim that beat the interrupt lost it: " + outcome);
        }
    }
}
