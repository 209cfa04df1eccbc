package dev.go4j.pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.TestSupport;
import dev.go4j.context.Cancelable;
import dev.go4j.context.Context;
import dev.go4j.context.ContextException;
import dev.go4j.context.Contexts;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The book's replicated requests (chapter 5, "Replicated Requests", C5-10) with {@link Replicas#first}:
 * the first answer wins, the other replicas are cancelled through their done channel, and none is left
 * running when the call returns. Instead of the book's random sleeps, the losers wait for their done
 * channel: the winner is then known, and so is the proof that they were cancelled. The {@link Context}
 * version is checked the same way, with losers blocked in a context-aware receive.
 */
@Timeout(60)
@ExtendWith(PatternTesting.NoGoroutineLeft.class)
class ReplicasTest {

    /** A loser: answers nothing until cancelled, then gives up. */
    private static int waitForCancel(RecvChan<?> done, AtomicInteger cancelled) throws InterruptedException {
        done.recv();
        cancelled.incrementAndGet();
        throw new CancellationException("replica cancelled");
    }

    /** C5-10: ten replicas, one answers; the call returns its answer after all nine others were cancelled. */
    @Test
    void c5_10_firstAnswerWinsAndTheRestAreCancelled() throws InterruptedException {
        int winner = ThreadLocalRandom.current().nextInt(10);
        AtomicInteger cancelled = new AtomicInteger();
        Result<Integer> r = Replicas.first(Chan.nil(), 10,
                (done, id) -> id == winner ? id : waitForCancel(done, cancelled));
        assertEquals(winner, r.orElseThrow());
        assertEquals(9, cancelled.get(), "every loser saw its done channel close before first returned");
    }

    /** A replica that fails does not win; one that answers does. */
    @Test
    void failuresDoNotWin() throws InterruptedException {
        Result<String> r = Replicas.first(Chan.nil(), 3, (done, id) -> switch (id) {
            case 0 -> throw new IllegalStateException("replica 0 broke");
            case 1 -> "answer";
            default -> {
                done.recv();
                yield "too late";
            }
        });
        assertEquals("answer", r.orElseThrow());
    }

    /** All replicas fail: the result is the first failure, with the others suppressed. */
    @Test
    void allFail() throws InterruptedException {
        Result<String> r = Replicas.first(Chan.nil(), 4, (done, id) -> {
            throw new IllegalStateException("replica " + id);
        });
        Throwable e = ((Result.Err<String>) r).error();
        assertInstanceOf(IllegalStateException.class, e);
        assertEquals(3, e.getSuppressed().length);
    }

    /** Closing the caller's done cancels every replica; the result is a CancellationException. */
    @Test
    void doneCancelsAll() throws InterruptedException {
        Chan<Object> done = Chan.make();
        AtomicInteger cancelled = new AtomicInteger();
        Result<Integer> r = Replicas.first(done, 5, (d, id) -> {
            if (id == 0) {
                done.close(); // the caller gives up while all replicas are busy
            }
            return waitForCancel(d, cancelled);
        });
        assertInstanceOf(CancellationException.class, ((Result.Err<Integer>) r).error());
        assertEquals(5, cancelled.get());
    }

    /** Interrupted while waiting for an answer: throws, and the replicas are cancelled all the same. */
    @Test
    void interruptCancelsTheReplicas() throws Exception {
        AtomicInteger cancelled = new AtomicInteger();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Chan<Thread> caller = Chan.make(1);
        Go.go(() -> {
            caller.send(Thread.currentThread());
            try {
                outcome.complete(Replicas.first(Chan.nil(), 3, (done, id) -> {
                    if (id == 0) {
                        caller.recv().interrupt();
                    }
                    return waitForCancel(done, cancelled);
                }));
            } catch (InterruptedException e) {
                outcome.complete(e);
            }
        });
        assertInstanceOf(InterruptedException.class, outcome.get(TestSupport.BOUND.toSeconds(), TimeUnit.SECONDS));
        TestSupport.awaitTrue("all replicas cancelled", () -> cancelled.get() == 3);
    }

    /** A loser with a context: blocked in a context-aware receive until its context is cancelled. */
    private static int waitForCancel(Context ctx, AtomicInteger cancelled) throws Exception {
        try {
            return Contexts.recv(ctx, Chan.<Integer>make());
        } catch (ContextException e) {
            cancelled.incrementAndGet();
            throw e;
        }
    }

    /** C5-10 with a Context: the losers' child context is cancelled once the first answer is in. */
    @Test
    void withContextFirstAnswerWinsAndTheRestAreCancelled() throws InterruptedException {
        int winner = ThreadLocalRandom.current().nextInt(10);
        AtomicInteger cancelled = new AtomicInteger();
        Context background = Contexts.background();
        Result<Integer> r = Replicas.first(background, 10,
                (ctx, id) -> id == winner ? id : waitForCancel(ctx, cancelled));
        assertEquals(winner, r.orElseThrow());
        assertEquals(9, cancelled.get());
        assertEquals(null, background.err(), "the caller's context is left alone");
    }

    /** The caller's context is cancelled first: every replica gives up, and the error is ctx.err(). */
    @Test
    void withContextCancelledContextCancelsAll() throws InterruptedException {
        AtomicInteger cancelled = new AtomicInteger();
        try (Cancelable c = Contexts.withCancel(Contexts.background())) {
            Result<Integer> r = Replicas.first(c.context(), 5, (ctx, id) -> {
                if (id == 0) {
                    c.cancel();
                }
                return waitForCancel(ctx, cancelled);
            });
            assertEquals(ContextException.CANCELED, ((Result.Err<Integer>) r).error());
        }
        assertEquals(5, cancelled.get());
    }

    @Test
    void rejectsNoReplicas() {
        assertThrows(IllegalArgumentException.class, () -> Replicas.first(Chan.nil(), 0, (d, id) -> 1));
    }
}
