package dev.go4j.context;

import static dev.go4j.TestSupport.join;
import static dev.go4j.TestSupport.onClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.TestSupport;
import dev.go4j.runtime.Goroutines;
import dev.go4j.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports Go's TestAfterFunc family: called after cancel, after timeout, at once for a done context,
 * not called after stop (stop says true exactly when it prevented the call, false after the call or a
 * second stop), called asynchronously (in its own goroutine), and a parent's own AfterFunc hook is used
 * (TestCustomContextPropagation / afterFuncer in Go 1.21).
 */
@Timeout(60)
class AfterFuncTest {

    @Test
    void calledAfterCancel() throws InterruptedException {
        Cancelable c = Contexts.withCancel(Contexts.background());
        Chan<Thread> ran = Chan.make(1);
        BooleanSupplier stop = Contexts.afterFunc(c.context(), () -> ran.trySend(Thread.currentThread()));
        assertEquals(1, ((CancelCtx) c.context()).childCount());
        c.cancel();
        Thread t = ran.recv();
        assertTrue(t.isVirtual() && t.getName().startsWith("goroutine-"), "f runs in its own goroutine");
        assertFalse(stop.getAsBoolean(), "stop after the call");
        assertEquals(0, ((CancelCtx) c.context()).childCount());
    }

    @Test
    void calledAfterTimeout() throws InterruptedException {
        ManualClock clock = new ManualClock();
        Cancelable c = onClock(clock, () -> Contexts.withTimeout(Contexts.background(), Duration.ofSeconds(1)));
        Chan<String> ran = Chan.make(1);
        Contexts.afterFunc(c.context(), () -> ran.trySend("ran"));
        clock.advance(Duration.ofMillis(999));
        assertNull(ran.tryRecv());
        clock.advance(Duration.ofMillis(1));
        assertEquals("ran", ran.recv());
    }

    @Test
    void calledAtOnceForADoneContext() throws InterruptedException {
        Cancelable c = Contexts.withCancel(Contexts.background());
        c.cancel();
        Chan<String> ran = Chan.make(1);
        BooleanSupplier stop = Contexts.afterFunc(c.context(), () -> ran.trySend("ran"));
        assertEquals("ran", ran.recv());
        assertFalse(stop.getAsBoolean());
    }

    @Test
    void notCalledAfterStop() {
        Cancelable c = Contexts.withCancel(Contexts.background());
        AtomicInteger calls = new AtomicInteger();
        BooleanSupplier stop = Contexts.afterFunc(c.context(), calls::incrementAndGet);
        assertTrue(stop.getAsBoolean(), "the first stop prevents the call");
        assertFalse(stop.getAsBoolean(), "a second stop prevents nothing");
        assertEquals(0, ((CancelCtx) c.context()).childCount(), "stop unlinks");
        int before = Goroutines.numGoroutine();
        c.cancel();
        assertEquals(before, Goroutines.numGoroutine(), "no goroutine started for a stopped func");
        assertEquals(0, calls.get());
    }

    @Test
    void calledAsynchronouslyNotUnderCancel() throws InterruptedException {
        Cancelable c = Contexts.withCancel(Contexts.background());
        CountDownLatch release = new CountDownLatch(1);
        Chan<String> ran = Chan.make(1);
        Contexts.afterFunc(c.context(), () -> {
            try {
                release.await(); // would deadlock if cancel ran f itself
                ran.trySend("ran");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        c.cancel(); // returns although f is blocked
        release.countDown();
        assertEquals("ran", ran.recv());
    }

    @Test
    void stopRacesCancelExactlyOneWins() throws InterruptedException {
        for (int i = 0; i < TestSupport.scaled(300, 5000); i++) {
            Cancelable c = Contexts.withCancel(Contexts.background());
            AtomicInteger calls = new AtomicInteger();
            Chan<Boolean> ran = Chan.make(1);
            BooleanSupplier stop = Contexts.afterFunc(c.context(), () -> {
                calls.incrementAndGet();
                ran.trySend(true);
            });
            Thread canceller = Go.go(c::cancel);
            boolean stopped = stop.getAsBoolean();
            join(canceller);
            if (!stopped) {
                ran.recv();
            }
            assertEquals(stopped ? 0 : 1, calls.get(), "stop said " + stopped);
        }
    }

    /** A foreign context that offers its own AfterFunc hook (Go 1.21's afterFuncer), backed by one of ours. */
    static final class HookContext extends OwnDone implements Context.AfterFuncer {
        final Cancelable inner = Contexts.withCancel(Contexts.background());
        final AtomicInteger hooks = new AtomicInteger();
        final AtomicInteger stops = new AtomicInteger();

        @Override
        public BooleanSupplier afterFunc(Runnable f) {
            hooks.incrementAndGet();
            BooleanSupplier stop = Contexts.afterFunc(inner.context(), f);
            return () -> {
                stops.incrementAndGet();
                return stop.getAsBoolean();
            };
        }

        @Override
        void cancel() {
            super.cancel();
            inner.cancel();
        }
    }

    @Test
    void parentsOwnAfterFuncHookIsUsed() throws InterruptedException {
        HookContext parent = new HookContext();
        int before = Goroutines.numGoroutine();
        Cancelable child = Contexts.withCancel(parent);
        assertEquals(1, parent.hooks.get(), "the hook was used");
        assertEquals(before, Goroutines.numGoroutine(), "no watcher goroutine");
        Cancelable other = Contexts.withCancel(parent);
        other.cancel();
        assertEquals(1, parent.stops.get(), "cancelling the child stops the hook");
        parent.cancel();
        child.context().done().recv();
        assertSame(ContextException.CANCELED, child.context().err());
        assertNull(other.context().value("x"));
    }
}
