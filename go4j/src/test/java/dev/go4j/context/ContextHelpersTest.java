package dev.go4j.context;

import static dev.go4j.TestSupport.awaitWaiting;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.Chan;
import dev.go4j.Go;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Java helpers: {@link Contexts#recv} (Go's select on a channel and ctx.Done()),
 * {@link Contexts#get} (a Future bounded by a context) and {@link Contexts#call} (a task interrupted
 * when its context is done, with no interrupt leaking afterwards).
 */
@Timeout(60)
class ContextHelpersTest {

    @Test
    void recvReturnsValueOrContextError() throws Exception {
        Chan<String> ch = Chan.make(1);
        ch.send("v");
        assertEquals("v", Contexts.recv(Contexts.background(), ch));
        ch.close();
        assertNull(Contexts.recv(Contexts.background(), ch), "closed channel");

        Cancelable c = Contexts.withCancel(Contexts.background());
        Chan<String> never = Chan.make();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Go.go(() -> {
            try {
                Contexts.recv(c.context(), never);
            } catch (ContextException e) {
                thrown.set(e);
            }
        });
        awaitWaiting(t);
        c.cancel();
        join(t);
        assertSame(ContextException.CANCELED, thrown.get());
    }

    @Test
    void getWaitsForFutureUntilDone() throws Exception {
        CompletableFuture<String> f = new CompletableFuture<>();
        f.complete("ok");
        assertEquals("ok", Contexts.get(Contexts.background(), f));
        CompletableFuture<String> failed = CompletableFuture.failedFuture(new IllegalStateException("x"));
        assertInstanceOf(IllegalStateException.class,
                assertThrows(ExecutionException.class, () -> Contexts.get(Contexts.background(), failed)).getCause());

        Cancelable c = Contexts.withCancel(Contexts.background());
        CompletableFuture<String> pending = new CompletableFuture<>();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = Go.go(() -> {
            try {
                outcome.set(Contexts.get(c.context(), pending));
            } catch (ContextException e) {
                outcome.set(e);
            }
            outcome.set(Thread.currentThread().isInterrupted() ? "interrupt leaked" : outcome.get());
        });
        awaitWaiting(t);
        c.cancel();
        join(t);
        assertSame(ContextException.CANCELED, outcome.get());
        assertFalse(pending.isDone(), "the future is left alone");
    }

    @Test
    void callOnDoneContextDoesNotRun() {
        Cancelable c = Contexts.withCancel(Contexts.background());
        c.cancel();
        boolean[] ran = new boolean[1];
        assertSame(ContextException.CANCELED, assertThrows(ContextException.class, () -> Contexts.call(c.context(), () -> {
            ran[0] = true;
            return 1;
        })));
        assertFalse(ran[0]);
    }

    @Test
    void callCompletesWithoutInterruptWhenNotCancelled() throws Exception {
        Cancelable c = Contexts.withCancel(Contexts.background());
        assertEquals(7, Contexts.call(c.context(), () -> 7));
        assertEquals(0, ((CancelCtx) c.context()).childCount(), "the after-func was unlinked");
        c.cancel();
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void callInterruptsTheTaskAndClearsTheInterrupt() throws Exception {
        for (int i = 0; i < TestSupport.scaled(200, 2000); i++) {
            Cancelable c = Contexts.withCancel(Contexts.background());
            AtomicReference<Object> outcome = new AtomicReference<>();
            boolean raceWithEnd = i % 2 == 1;
            Thread t = Go.go(() -> {
                Object r;
                try {
                    r = Contexts.call(c.context(), () -> {
                        if (raceWithEnd) {
                            return "finished";
                        }
                        Thread.sleep(Long.MAX_VALUE); // blocking work that knows only interrupts
                        return "slept";
                    });
                } catch (ContextException e) {
                    r = e;
                }
                outcome.set(Thread.currentThread().isInterrupted() ? "interrupt leaked" : r);
            });
            if (!raceWithEnd) {
                awaitWaiting(t);
            }
            c.cancel();
            join(t);
            Object r = outcome.get();
            assertTrue(r == ContextException.CANCELED || (raceWithEnd && "finished".equals(r)), "outcome " + r);
        }
    }

    @Test
    void foreignInterruptStillReachesTheTask() throws Exception {
        Cancelable c = Contexts.withCancel(Contexts.background());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = Go.go(() -> {
            try {
                Contexts.call(c.context(), () -> {
                    Thread.sleep(Long.MAX_VALUE);
                    return null;
                });
            } catch (InterruptedException e) {
                outcome.set(e);
            }
        });
        awaitWaiting(t);
        t.interrupt();
        join(t);
        assertInstanceOf(InterruptedException.class, outcome.get());
        assertNull(c.context().err());
    }
}
