package dev.go4j.errgroup;

import static dev.go4j.TestSupport.awaitWaiting;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.context.Context;
import dev.go4j.context.ContextException;
import dev.go4j.context.Contexts;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports x/sync errgroup_test.go: TestZeroGroup, TestWithContext, TestCancelCause, TestTryGo and
 * TestGoLimit, plus the rules around them: the context is cancelled at the first failure (before
 * await), changing the limit while limited tasks run throws, and an interrupted await leaves the group
 * usable.
 */
@Timeout(60)
class ErrGroupTest {
    static final Exception ERR1 = new Exception("errgroup_test: 1");
    static final Exception ERR2 = new Exception("errgroup_test: 2");

    /** Await, returning the group's error (the cause of the ExecutionException) or null. */
    static Throwable awaitErr(ErrGroup g) throws InterruptedException {
        try {
            g.await();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        }
    }

    @Test
    void zeroGroupReportsTheFirstError() throws InterruptedException {
        List<List<Exception>> cases = List.of(List.of(), Arrays.asList((Exception) null), List.of(ERR1),
                Arrays.asList(ERR1, null), Arrays.asList(ERR1, null, ERR2));
        for (List<Exception> errs : cases) {
            ErrGroup g = new ErrGroup();
            Exception first = null;
            for (Exception err : errs) {
                g.go(() -> {
                    if (err != null) {
                        throw err;
                    }
                });
                if (first == null) {
                    first = err;
                }
                assertSame(first, awaitErr(g), "after " + errs);
            }
        }
    }

    @Test
    void withContextCancelsOnAwait() throws InterruptedException {
        Exception doom = new Exception("group_test: doomed");
        List<List<Exception>> cases = List.of(List.of(), Arrays.asList((Exception) null), List.of(doom),
                Arrays.asList(doom, null), Arrays.asList(null, doom));
        for (List<Exception> errs : cases) {
            ErrGroup g = ErrGroup.withContext(Contexts.background());
            Context ctx = g.context();
            for (Exception err : errs) {
                g.go(() -> {
                    if (err != null) {
                        throw err;
                    }
                });
            }
            assertSame(errs.contains(doom) ? doom : null, awaitErr(g));
            assertTrue(ctx.done().isDrained(), "ctx not cancelled after await, case " + errs);
            assertSame(ContextException.CANCELED, ctx.err());
        }
    }

    @Test
    void cancelCauseIsTheFirstError() throws InterruptedException {
        Exception doom = new Exception("group_test: doomed");
        ErrGroup g = ErrGroup.withContext(Contexts.background());
        g.go(() -> {
            throw doom;
        });
        assertSame(doom, awaitErr(g));
        assertSame(doom, Contexts.cause(g.context()));

        ErrGroup ok = ErrGroup.withContext(Contexts.background());
        ok.go(() -> {});
        assertNull(awaitErr(ok));
        assertSame(ContextException.CANCELED, Contexts.cause(ok.context()));
    }

    @Test
    void firstFailureCancelsTheContextAtOnce() throws InterruptedException {
        ErrGroup g = ErrGroup.withContext(Contexts.background());
        Context ctx = g.context();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        g.go(() -> {
            ctx.done().recv(); // ends only because the sibling failed
            seen.set(Contexts.cause(ctx));
        });
        IllegalStateException boom = new IllegalStateException("boom");
        g.go(() -> {
            throw boom;
        });
        assertSame(boom, awaitErr(g));
        assertSame(boom, seen.get());
    }

    @Test
    void tryGo() throws InterruptedException {
        ErrGroup g = new ErrGroup();
        int n = 42;
        g.setLimit(n);
        Chan<Boolean> ch = Chan.make();
        dev.go4j.Task fn = () -> ch.send(true);
        for (int i = 0; i < n; i++) {
            assertTrue(g.tryGo(fn), "TryGo should succeed but got fail at " + i + "-th call");
        }
        assertFalse(g.tryGo(fn), "TryGo is expected to fail but succeeded");
        Thread drain = Go.go(() -> {
            for (int i = 0; i < n; i++) {
                ch.recv();
            }
        });
        assertNull(awaitErr(g));
        join(drain);
        assertTrue(g.tryGo(fn), "TryGo should succeed after all goroutines");
        drain = Go.go(ch::recv);
        assertNull(awaitErr(g));
        join(drain);

        g.setLimit(1);
        assertTrue(g.tryGo(fn));
        assertFalse(g.tryGo(fn));
        drain = Go.go(ch::recv);
        assertNull(awaitErr(g));
        join(drain);

        g.setLimit(0);
        for (int i = 0; i < 1 << 10; i++) {
            assertFalse(g.tryGo(fn), "TryGo should fail with limit 0");
        }
        assertNull(awaitErr(g));
    }

    @Test
    void goLimit() throws InterruptedException {
        int limit = 10;
        ErrGroup g = new ErrGroup();
        g.setLimit(limit);
        AtomicInteger active = new AtomicInteger();
        for (int i = 0; i <= 1 << 10; i++) {
            g.go(() -> {
                int n = active.incrementAndGet();
                if (n > limit) {
                    throw new IllegalStateException("saw " + n + " active goroutines; want <= " + limit);
                }
                Thread.yield();
                active.decrementAndGet();
            });
        }
        assertNull(awaitErr(g));
    }

    @Test
    void changingTheLimitWhileLimitedTasksRunThrows() throws InterruptedException {
        ErrGroup g = new ErrGroup();
        g.setLimit(2);
        Chan<Boolean> release = Chan.make();
        g.go(release::recv);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.setLimit(5));
        assertEquals("errgroup: modify limit while 1 goroutines in the group are still active", e.getMessage());
        release.close();
        assertNull(awaitErr(g));
        g.setLimit(5); // fine once idle
    }

    @Test
    void goBlocksForASlotAndIsInterruptible() throws InterruptedException {
        ErrGroup g = new ErrGroup();
        g.setLimit(1);
        Chan<Boolean> release = Chan.make();
        g.go(release::recv);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread blocked = Go.go(() -> {
            try {
                g.go(() -> fail("must not start"));
            } catch (InterruptedException e) {
                outcome.set(e);
            }
        });
        awaitWaiting(blocked);
        blocked.interrupt();
        join(blocked);
        assertInstanceOf(InterruptedException.class, outcome.get());
        release.close();
        assertNull(awaitErr(g));
        assertTrue(g.tryGo(() -> {}), "the interrupted go took no slot");
        assertNull(awaitErr(g));
    }

    @Test
    void interruptedAwaitLeavesTheGroupRunning() throws InterruptedException {
        ErrGroup g = ErrGroup.withContext(Contexts.background());
        Chan<Boolean> release = Chan.make();
        g.go(release::recv);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = Go.go(() -> {
            try {
                g.await();
            } catch (InterruptedException e) {
                outcome.set(e);
            }
        });
        awaitWaiting(waiter);
        waiter.interrupt();
        join(waiter);
        assertInstanceOf(InterruptedException.class, outcome.get());
        assertNull(g.context().err(), "an interrupted await does not cancel");
        release.close();
        assertNull(awaitErr(g));
        assertSame(ContextException.CANCELED, g.context().err());
    }

    @Test
    void zeroGroupHasNoContext() {
        assertThrows(IllegalStateException.class, () -> new ErrGroup().context());
    }
}
