package dev.go4j.sync;

import static dev.go4j.sync.SyncTesting.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.Chan;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports of Go's sync/once_test.go (TestOnce: f runs once under concurrent calls and every caller
 * returns after it; TestOncePanic: a throwing f spends the Once, later calls do nothing) and
 * sync/oncefunc_test.go (TestOnceFunc, TestOnceValue, TestOnceValues, their panic tests: the same
 * failure on every call, and TestOnceXGC: f is released after its call).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OnceTest {
    /** Go's TestOnce: ten goroutines call run; f runs once and all return after it returned. */
    @Test
    void runsOnceAndEveryCallerWaitsForIt() throws Exception {
        Once once = new Once();
        AtomicInteger runs = new AtomicInteger();
        Chan<Boolean> release = Chan.make();
        Chan<Integer> returned = Chan.make(10);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread first = g.go(() -> once.run(() -> {
                runs.incrementAndGet();
                try {
                    release.recv();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }));
            TestSupport.awaitParked(first); // inside f, so the others cannot be the ones to run it
            Thread[] others = new Thread[9];
            for (int i = 0; i < others.length; i++) {
                others[i] = g.go(() -> {
                    once.run(runs::incrementAndGet);
                    returned.send(runs.get());
                });
            }
            awaitParked(others);
            assertEquals(1, runs.get());
            release.send(true);
            for (int i = 0; i < others.length; i++) {
                assertEquals(1, returned.recv(), "a caller returned before f did, or f ran twice");
            }
            first.join();
            g.joinAll();
        }
    }

    /** Go's TestOncePanic: the first caller gets the exception; the Once is spent. */
    @Test
    void throwingFunctionSpendsTheOnce() throws InterruptedException {
        Once once = new Once();
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> once.run(() -> {
            throw boom;
        })));
        boolean[] ran = {false};
        once.run(() -> ran[0] = true);
        assertFalse(ran[0], "the Once ran f again after a failure");
    }

    /** Go's TestOnceFunc: the function runs once; later calls do nothing. */
    @Test
    void onceFuncRunsOnce() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Runnable f = Once.onceFunc(calls::incrementAndGet);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < 8; i++) {
                g.go(f::run);
            }
            g.joinAll();
        }
        f.run();
        assertEquals(1, calls.get());
    }

    /** Go's TestOnceValue / TestOnceValues: the first result is returned to every call. */
    @Test
    void onceValueAndValuesReturnTheFirstResult() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Supplier<Integer> v = Once.onceValue(calls::incrementAndGet);
        assertEquals(1, v.get());
        assertEquals(1, v.get());
        Callable<String> vs = Once.onceValues(() -> "value " + calls.incrementAndGet());
        assertEquals("value 2", vs.call());
        assertEquals("value 2", vs.call());
        assertEquals(2, calls.get());
    }

    /** Go's TestOnceXPanic: every call re-throws the same failure; f is not called again. */
    @Test
    void failuresAreRethrownOnEveryCall() {
        AtomicInteger calls = new AtomicInteger();
        Runnable f = Once.onceFunc(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("x");
        });
        RuntimeException first = assertThrows(IllegalStateException.class, f::run);
        assertSame(first, assertThrows(IllegalStateException.class, f::run));
        Supplier<Object> v = Once.onceValue(() -> {
            calls.incrementAndGet();
            throw new ArithmeticException("y");
        });
        assertSame(assertThrows(ArithmeticException.class, v::get), assertThrows(ArithmeticException.class, v::get));
        Callable<Object> vs = Once.onceValues(() -> {
            calls.incrementAndGet();
            throw new IOException("z");
        });
        assertSame(assertThrows(IOException.class, vs::call), assertThrows(IOException.class, vs::call));
        assertEquals(3, calls.get());
    }

    /** Go's TestOnceXGC: once called, the function made by a factory no longer holds f. */
    @Test
    void functionIsReleasedAfterItsCall() throws Exception {
        @SuppressWarnings({"rawtypes", "unchecked"}) // no generic array creation
        WeakReference<Object>[] refs = new WeakReference[3];
        Runnable f = onceFuncOver(refs, 0);
        Supplier<Object> v = onceValueOver(refs, 1);
        Callable<Object> vs = onceValuesOver(refs, 2);
        f.run();
        v.get();
        vs.call();
        for (int i = 0; i < 200 && !allCleared(refs); i++) {
            System.gc();
            Thread.yield();
        }
        assertTrue(allCleared(refs), "f is still reachable after the call");
        f.run(); // still usable
        assertTrue(v.get() instanceof Integer);
    }

    private static boolean allCleared(WeakReference<?>[] refs) {
        for (WeakReference<?> r : refs) {
            if (r.get() != null) {
                return false;
            }
        }
        return true;
    }

    /** Each helper builds f capturing an object referenced only by f, and records it weakly. */
    private static Runnable onceFuncOver(WeakReference<Object>[] refs, int i) {
        Object captured = new Object();
        refs[i] = new WeakReference<>(captured);
        return Once.onceFunc(() -> captured.hashCode());
    }

    private static Supplier<Object> onceValueOver(WeakReference<Object>[] refs, int i) {
        Object captured = new Object();
        refs[i] = new WeakReference<>(captured);
        return Once.onceValue(() -> captured.hashCode());
    }

    private static Callable<Object> onceValuesOver(WeakReference<Object>[] refs, int i) {
        Object captured = new Object();
        refs[i] = new WeakReference<>(captured);
        return Once.onceValues(() -> captured.hashCode());
    }
}
