package dev.go4j.semaphore;

import static dev.go4j.TestSupport.awaitWaiting;
import static dev.go4j.TestSupport.awaitTrue;
import static dev.go4j.TestSupport.join;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Go;
import dev.go4j.context.Cancelable;
import dev.go4j.context.Context;
import dev.go4j.context.ContextException;
import dev.go4j.TestSupport;
import dev.go4j.context.Contexts;
import dev.go4j.errgroup.ErrGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports x/sync semaphore_test.go: TestWeighted (the hammer), TestWeightedPanic, TestWeightedTryAcquire,
 * TestWeightedAcquire, TestWeightedDoesntBlockIfTooBig, TestLargeAcquireDoesntStarve,
 * TestAllocCancelDoesntStarve and TestWeightedAcquireCanceled, plus FIFO without barging and the
 * interrupt rule (an interrupted acquire leaves nothing acquired and wakes the next waiters).
 */
@Timeout(60)
class WeightedTest {
    static final Context BG = Contexts.background();

    @Test
    void hammer() throws InterruptedException {
        int n = 8;
        int loops = scaled(2000, 50_000) / n;
        Weighted sem = new Weighted(n);
        AtomicLong held = new AtomicLong();
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long w = i + 1;
            ts.add(Go.go(() -> {
                for (int j = 0; j < loops; j++) {
                    sem.acquire(BG, w);
                    long now = held.addAndGet(w);
                    if (now > n) {
                        throw new AssertionError("held " + now + " > size " + n);
                    }
                    if (ThreadLocalRandom.current().nextInt(4) == 0) {
                        Thread.yield();
                    }
                    held.addAndGet(-w);
                    sem.release(w);
                }
            }));
        }
        for (Thread t : ts) {
            join(t);
        }
        assertTrue(sem.tryAcquire(n), "all units back");
    }

    @Test
    void releaseMoreThanHeldThrows() {
        Weighted w = new Weighted(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.release(1));
        assertEquals("semaphore: released more than held", e.getMessage());
        assertTrue(w.tryAcquire(1), "the failed release changed nothing");
    }

    @Test
    void tryAcquire() throws Exception {
        Weighted sem = new Weighted(2);
        List<Boolean> tries = new ArrayList<>();
        sem.acquire(BG, 1);
        tries.add(sem.tryAcquire(1));
        tries.add(sem.tryAcquire(1));
        sem.release(2);
        tries.add(sem.tryAcquire(1));
        sem.acquire(BG, 1);
        tries.add(sem.tryAcquire(1));
        assertEquals(List.of(true, false, true, false), tries);
    }

    /** Go's tryAcquire helper of TestWeightedAcquire: acquire, or give up by cancelling once it blocks. */
    static boolean acquireOrGiveUp(Weighted sem, long n) throws InterruptedException {
        Cancelable c = Contexts.withCancel(BG);
        AtomicReference<Throwable> err = new AtomicReference<>();
        Thread t = Go.go(() -> {
            try {
                sem.acquire(c.context(), n);
            } catch (ContextException e) {
                err.set(e);
            }
        });
        awaitTrue("the acquire returned or blocked", () -> !t.isAlive() || TestSupport.isWaiting(t));
        c.cancel(); // gives up if it blocked
        join(t);
        return err.get() == null;
    }

    @Test
    void acquire() throws Exception {
        Weighted sem = new Weighted(2);
        List<Boolean> tries = new ArrayList<>();
        sem.acquire(BG, 1);
        tries.add(acquireOrGiveUp(sem, 1));
        tries.add(acquireOrGiveUp(sem, 1));
        sem.release(2);
        tries.add(acquireOrGiveUp(sem, 1));
        sem.acquire(BG, 1);
        tries.add(acquireOrGiveUp(sem, 1));
        assertEquals(List.of(true, false, true, false), tries);
    }

    @Test
    void doesntBlockIfTooBig() throws Exception {
        int n = 2;
        Weighted sem = new Weighted(n);
        Cancelable big = Contexts.withCancel(BG);
        AtomicReference<Throwable> bigErr = new AtomicReference<>();
        Thread tooBig = Go.go(() -> {
            try {
                sem.acquire(big.context(), n + 1);
            } catch (ContextException e) {
                bigErr.set(e);
            }
        });
        awaitWaiting(tooBig);
        ErrGroup g = ErrGroup.withContext(BG);
        for (int i = n * 3; i > 0; i--) {
            g.go(() -> {
                sem.acquire(g.context(), 1);
                Thread.yield();
                sem.release(1);
            });
        }
        g.await();
        assertTrue(tooBig.isAlive(), "the too-big request waits only for its context");
        big.cancel();
        join(tooBig);
        assertSame(ContextException.CANCELED, bigErr.get());
    }

    @Test
    void largeAcquireDoesntStarve() throws Exception {
        int n = 4;
        Weighted sem = new Weighted(n);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> ts = new ArrayList<>();
        try {
            for (int i = n; i > 0; i--) {
                sem.acquire(BG, 1);
                ts.add(Go.go(() -> {
                    try {
                        while (running.get()) {
                            Thread.yield();
                            sem.release(1);
                            sem.acquire(BG, 1);
                        }
                    } finally {
                        sem.release(1);
                    }
                }));
            }
            Cancelable bounded = Contexts.withTimeout(BG, TestSupport.BOUND); // a safety net, not a measure
            sem.acquire(bounded.context(), n); // would starve if small requests could barge
            bounded.cancel();
        } finally {
            running.set(false);
        }
        sem.release(n);
        for (Thread t : ts) {
            join(t);
        }
    }

    @Test
    void allocCancelDoesntStarve() throws Exception {
        Weighted sem = new Weighted(10);
        sem.acquire(BG, 1);
        Cancelable c = Contexts.withCancel(BG);
        Thread big = Go.go(() -> {
            try {
                sem.acquire(c.context(), 10);
            } catch (ContextException expected) {
                // cancelled below
            }
        });
        awaitWaiting(big); // queued
        Thread canceller = Go.go(c::cancel);
        sem.acquire(BG, 1); // must not starve behind the cancelled big request
        sem.release(1);
        join(canceller);
        join(big);
    }

    @Test
    void acquireCanceledBeforeTokensAvailableFails() throws Exception {
        for (int i = 0; i < scaled(200, 5000); i++) {
            Weighted sem = new Weighted(2);
            Cancelable c = Contexts.withCancel(BG);
            sem.acquire(BG, 1);
            AtomicReference<Throwable> err = new AtomicReference<>();
            Thread acquirer = Go.go(() -> {
                try {
                    sem.acquire(c.context(), 2);
                } catch (ContextException e) {
                    err.set(e);
                }
            });
            awaitWaiting(acquirer); // queued for 2 units
            c.cancel(); // the context is done first ...
            sem.release(1); // ... then the units become available (the waiter may even be granted them)
            join(acquirer);
            assertSame(ContextException.CANCELED, err.get(), "the context was done before the tokens were available");
            assertTrue(sem.tryAcquire(2), "TryAcquire after canceled Acquire failed");
            sem.release(2);
            assertThrows(ContextException.class, () -> sem.acquire(c.context(), 1),
                    "Acquire with a done context succeeded although it need not block");
        }
    }

    @Test
    void fifoWithoutBargingAndInterruptWakesTheNext() throws Exception {
        Weighted sem = new Weighted(10);
        sem.acquire(BG, 5);
        AtomicReference<Throwable> bigOutcome = new AtomicReference<>();
        Thread big = Go.go(() -> {
            try {
                sem.acquire(BG, 8);
            } catch (InterruptedException e) {
                bigOutcome.set(e);
            }
        });
        awaitWaiting(big);
        assertFalse(sem.tryAcquire(1), "no barging past a waiter");
        Thread small = Go.go(() -> sem.acquire(BG, 2));
        awaitWaiting(small);
        assertTrue(small.isAlive(), "2 units are free, but the small request waits its turn");
        big.interrupt();
        join(big);
        assertInstanceOf(InterruptedException.class, bigOutcome.get());
        join(small); // woken because the head left
        assertTrue(sem.tryAcquire(3), "5 + 2 held, 3 free: the interrupted request holds nothing");
        assertFalse(sem.tryAcquire(1));
        sem.release(10);
        assertTrue(sem.tryAcquire(10));
    }

    @Test
    void interruptAfterGrantGivesTheUnitsBack() throws Exception {
        for (int i = 0; i < scaled(300, 5000); i++) {
            Weighted sem = new Weighted(1);
            sem.acquire(BG, 1);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread t = Go.go(() -> {
                try {
                    sem.acquire(BG, 1);
                    outcome.set("acquired");
                } catch (InterruptedException e) {
                    outcome.set(e);
                }
            });
            awaitWaiting(t);
            Thread releaser = Go.go(() -> sem.release(1)); // races with the interrupt
            t.interrupt();
            join(t);
            join(releaser);
            if ("acquired".equals(outcome.get())) {
                sem.release(1);
            }
            assertTrue(sem.tryAcquire(1), "a unit was lost; outcome " + outcome.get());
        }
    }

    @Test
    void doneContextFailsEvenWhenFree() throws InterruptedException {
        Weighted sem = new Weighted(1);
        Cancelable c = Contexts.withCancel(BG);
        c.cancel();
        assertSame(ContextException.CANCELED, assertThrows(ContextException.class, () -> sem.acquire(c.context(), 1)));
        assertTrue(sem.tryAcquire(1));

    }

}
