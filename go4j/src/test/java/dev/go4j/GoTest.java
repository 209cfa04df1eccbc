package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.awaitTrue;
import static dev.go4j.TestSupport.capturingErr;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.runtime.Goroutines;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Rule 9: goroutines. {@link Go#go} runs its task on a new virtual thread named
 * {@code goroutine-<id>}; tasks may throw checked exceptions; an exception escaping a goroutine goes to
 * the panic handler, which by default prints Go's {@code panic: ...} / {@code goroutine <id> [running]:}
 * to {@code System.err}; {@link Goroutines#numGoroutine} counts the goroutines that have not finished (as Go's
 * {@code runtime.NumGoroutine}). Goroutines are started with {@code Go.go} directly here (not through
 * {@link TestSupport.Goroutines}) because these tests are about what happens to what escapes them.
 */
@Timeout(60)
class GoTest {
    private static final Pattern NAME = Pattern.compile("goroutine-(\\d+)");

    @AfterEach
    void restoreDefaultPanicHandler() {
        Go.setPanicHandler(null);
    }

    private static long idOf(Thread t) {
        Matcher m = NAME.matcher(t.getName());
        assertTrue(m.matches(), "goroutine thread name: " + t.getName());
        return Long.parseLong(m.group(1));
    }

    /** The handler contract of every go4j {@code set...Handler}: the previous one back, null for the default. */
    @Test
    void setPanicHandlerReturnsThePreviousHandler() {
        BiConsumer<Thread, Throwable> mine = (t, e) -> { };
        assertNull(Go.setPanicHandler(mine), "the default is reported as null");
        assertSame(mine, Go.setPanicHandler(null));
        assertNull(Go.setPanicHandler(null));
    }

    /** Sets a handler collecting (thread, exception) pairs, for the caller to restore in finally. */
    private static Queue<Object[]> collectPanics() {
        Queue<Object[]> panics = new ConcurrentLinkedQueue<>();
        Go.setPanicHandler((t, e) -> panics.add(new Object[] {t, e, Thread.currentThread()}));
        return panics;
    }

    @Test
    void runsTaskOnVirtualThreadNamedGoroutineN() throws Exception {
        AtomicReference<Thread> ran = new AtomicReference<>();
        Chan<Boolean> done = Chan.make(1);
        Thread t = Go.go(() -> {
            ran.set(Thread.currentThread());
            done.send(true);
        });
        assertEquals(Boolean.TRUE, done.recv(), "the task ran");
        join(t);
        assertSame(t, ran.get(), "go returns the goroutine's thread");
        assertTrue(t.isVirtual(), "a goroutine is a virtual thread");
        long first = idOf(t);
        assertTrue(first >= 1, "ids count from 1");

        Thread a = Go.go(() -> {});
        Thread b = Go.go(() -> {});
        join(a);
        join(b);
        assertTrue(idOf(a) > first && idOf(b) > idOf(a), "ids count up in start order: "
                + first + ", " + idOf(a) + ", " + idOf(b));
    }

    @Test
    void nullTaskRejected() {
        assertThrows(NullPointerException.class, () -> Go.go(null));
    }

    /** Task.run may throw checked exceptions; one that escapes reaches the panic handler as it is. */
    @Test
    void checkedExceptionReachesPanicHandler() throws Exception {
        Queue<Object[]> panics = collectPanics();
        try {
            IOException boom = new IOException("checked boom");
            Thread t = Go.go(() -> {
                throw boom;
            });
            join(t);
            Object[] p = panics.poll();
            assertNotNull(p, "the panic handler was called");
            assertSame(t, p[0], "handler gets the failing goroutine");
            assertSame(boom, p[1], "handler gets the exception itself");
            assertSame(t, p[2], "handler runs in the failing goroutine");
            assertTrue(panics.isEmpty(), "called once");
        } finally {
            Go.setPanicHandler(null);
        }
    }

    /** Unchecked exceptions, errors and an escaping InterruptedException are panics too, one call each. */
    @Test
    void everyEscapingThrowableReachesPanicHandler() throws Exception {
        Queue<Object[]> panics = collectPanics();
        try {
            List<Throwable> thrown = List.of(
                    new IllegalStateException("unchecked"), new AssertionError("error"), new InterruptedException("ie"));
            List<Thread> threads = new ArrayList<>();
            for (Throwable e : thrown) {
                threads.add(Go.go(() -> {
                    if (e instanceof Exception ex) {
                        throw ex;
                    }
                    throw (Error) e;
                }));
            }
            for (Thread t : threads) {
                join(t);
            }
            assertEquals(thrown.size(), panics.size());
            for (Object[] p : panics) {
                int i = threads.indexOf((Thread) p[0]);
                assertTrue(i >= 0, "a goroutine of this test");
                assertSame(thrown.get(i), p[1]);
            }
        } finally {
            Go.setPanicHandler(null);
        }
    }

    /** A goroutine that returns normally does not call the handler. */
    @Test
    void normalReturnIsNoPanic() throws Exception {
        Queue<Object[]> panics = collectPanics();
        try {
            join(Go.go(() -> {}));
            assertTrue(panics.isEmpty());
        } finally {
            Go.setPanicHandler(null);
        }
    }

    /** The default handler prints Go's format to System.err (captured here for the test's duration). */
    @Test
    void defaultPanicHandlerPrintsGoStyle() throws Exception {
        Go.setPanicHandler(null);
        Thread[] t = new Thread[1];
        String out = capturingErr(() -> {
            t[0] = Go.go(() -> {
                throw new IllegalStateException("boom");
            });
            join(t[0]);
        });
        assertTrue(out.contains("panic: java.lang.IllegalStateException: boom"), out);
        assertTrue(out.contains("goroutine " + idOf(t[0]) + " [running]:"), out);
        assertTrue(out.indexOf("panic: ") < out.indexOf("goroutine " + idOf(t[0])), "panic line first:\n" + out);
    }

    /** If the custom handler itself throws, its failure is printed by the default handler. */
    @Test
    void failingHandlerFallsBackToDefault() throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        BiConsumer<Thread, Throwable> failing = (th, e) -> {
            seen.set(e);
            throw new UnsupportedOperationException("handler broke");
        };
        Thread[] t = new Thread[1];
        String out;
        try {
            Go.setPanicHandler(failing);
            out = capturingErr(() -> {
                t[0] = Go.go(() -> {
                    throw new IllegalStateException("first");
                });
                join(t[0]);
            });
        } finally {
            Go.setPanicHandler(null);
        }
        assertInstanceOf(IllegalStateException.class, seen.get());
        assertTrue(out.contains("panic: java.lang.UnsupportedOperationException: handler broke"), out);
        assertTrue(out.contains("goroutine " + idOf(t[0]) + " [running]:"), out);
    }

    /**
     * A handler that throws loses nothing: both panics are printed, Go-style (a panic while panicking),
     * the goroutine's own panic first, then the goroutine's stack and the handler's.
     */
    @Test
    void failingHandlerPrintsBothPanicsOriginalFirst() throws Exception {
        Thread[] t = new Thread[1];
        String out;
        try {
            Go.setPanicHandler((th, e) -> {
                throw new UnsupportedOperationException("handler broke");
            });
            out = capturingErr(() -> {
                t[0] = Go.go(GoTest::throwFirst);
                join(t[0]);
            });
        } finally {
            Go.setPanicHandler(null);
        }
        int first = out.indexOf("panic: java.lang.IllegalStateException: first\n");
        int second = out.indexOf("\tpanic: java.lang.UnsupportedOperationException: handler broke");
        int header = out.indexOf("goroutine " + idOf(t[0]) + " [running]:\n");
        assertTrue(first == 0 && second > first && header > second, out);
        assertTrue(out.indexOf("throwFirst", header) > header, "the goroutine's stack, from its own exception:\n" + out);
        assertTrue(out.indexOf("failingHandlerPrintsBothPanicsOriginalFirst", header) > header,
                "the handler's stack:\n" + out);
    }

    private static void throwFirst() {
        throw new IllegalStateException("first");
    }

    /**
     * Once "created by" sites are recorded (Go.main, a dump), a panic ends with Go's
     * {@code created by <frame> in goroutine <parent>}, as a goroutine dump shows it.
     */
    @Test
    void panicEndsWithCreatedBy() throws Exception {
        Goroutines.recordCreatedBy();
        Chan<Thread> child = Chan.make(1);
        Thread[] parent = new Thread[1];
        String out = capturingErr(() -> {
            parent[0] = Go.go(() -> child.send(Go.go(GoTest::throwFirst)));
            join(parent[0]);
            join(child.recv());
        });
        Matcher m = Pattern.compile("\ncreated by (\\S+/)?" + Pattern.quote(GoTest.class.getName())
                + "\\.lambda\\$panicEndsWithCreatedBy\\$\\d+\\(GoTest\\.java:\\d+\\) in goroutine (\\d+)\n").matcher(out);
        assertTrue(m.find(), out);
        assertEquals(idOf(parent[0]), Long.parseLong(m.group(2)), out);
        assertTrue(out.indexOf("throwFirst") < m.start(), "after the stack:\n" + out);
    }

    /**
     * numGoroutine counts live goroutines: it rises by N while N goroutines block on a channel, and
     * returns to where it was once they end, normally or by panic.
     */
    @Test
    void numGoroutineCountsLiveGoroutines() throws Exception {
        int n = 50;
        Queue<Object[]> panics = collectPanics();
        Chan<Boolean> release = Chan.make();
        List<Thread> threads = new ArrayList<>();
        try {
            int before = Goroutines.numGoroutine();
            for (int i = 0; i < n; i++) {
                boolean panicking = i % 3 == 0;
                threads.add(Go.go(() -> {
                    release.recv();
                    if (panicking) {
                        throw new IllegalStateException("panic on purpose");
                    }
                }));
            }
            awaitTrue("numGoroutine rises by " + n + " (before: " + before + ")",
                    () -> Goroutines.numGoroutine() == before + n);
            awaitParked(threads.toArray(Thread[]::new));
            assertEquals(before + n, Goroutines.numGoroutine(), "all blocked, all counted");
            release.close();
            for (Thread t : threads) {
                join(t);
            }
            awaitTrue("numGoroutine returns to " + before + " (now: " + Goroutines.numGoroutine() + ")",
                    () -> Goroutines.numGoroutine() == before);
            assertEquals((n + 2) / 3, panics.size(), "the panicking ones panicked");
        } finally {
            for (Thread t : threads) {
                t.interrupt();
            }
            for (Thread t : threads) {
                t.join(TestSupport.BOUND);
            }
            Go.setPanicHandler(null);
        }
    }
}
