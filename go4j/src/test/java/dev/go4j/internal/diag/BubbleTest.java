package dev.go4j.internal.diag;

import static dev.go4j.TestSupport.awaitTrue;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.go4j.Go;
import dev.go4j.internal.Waiter;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The park hook of a synctest bubble ({@link Bubble#park}). */
@Timeout(120)
class BubbleTest {

    /**
     * A claim that comes while a goroutine waits for the bubble's lock to register as blocked is not
     * lost: that wait takes the wake-up meant for the park that follows, so the hook must see the claim
     * and not park.
     */
    @Test
    void claimWhileRegisteringAsBlockedIsNotLost() throws Exception {
        Bubble bubble = Bubble.open();
        try {
            Field f = Bubble.class.getDeclaredField("lock");
            f.setAccessible(true);
            ReentrantLock lock = (ReentrantLock) f.get(bubble);
            AtomicReference<Waiter> waiter = new AtomicReference<>();
            AtomicReference<Waiter> claimed = new AtomicReference<>();
            Thread g;
            lock.lock();
            try {
                g = Go.go(() -> { // a goroutine of the bubble: its driver starts it
                    Waiter w = Waiter.receiver();
                    waiter.set(w);
                    claimed.set(w.await(Long.MAX_VALUE));
                });
                awaitTrue("the goroutine waits for the bubble's lock", () -> lock.hasQueuedThread(g));
                Waiter w = waiter.get();
                assertSame(true, w.tryClaim());
                w.wake();
            } finally {
                lock.unlock();
            }
            join(g);
            assertSame(waiter.get(), claimed.get());
        } finally {
            bubble.close();
        }
    }
}
