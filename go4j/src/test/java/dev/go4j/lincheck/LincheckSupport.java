package dev.go4j.lincheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.ChannelException;
import dev.go4j.TestSupport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jetbrains.lincheck.Lincheck;

/**
 * Shared plumbing of the Lincheck tests: the invocation budgets of the CI and long profiles, and the
 * {@link Scenario} base class of the fixed scenarios that {@link Lincheck#runConcurrentTest} model-checks.
 */
public final class LincheckSupport {

    /*
     * Invocation budgets (interleavings explored per scenario), sized by the number of threads: an
     * invocation of a scenario with four worker threads costs several times one with two. The CI budget
     * keeps the whole Lincheck suite around 60-80 s on two cores, and is not generous: with a seeded bug
     * some scenarios needed 200-250 invocations to find it. The long profile explores ten times more.
     */
    /** Scenarios with two worker threads. */
    public static final int LIGHT = TestSupport.scaled(400, 4_000);
    /** Scenarios with three worker threads. */
    static final int MEDIUM = TestSupport.scaled(250, 2_500);
    /** Scenarios with four or more worker threads. */
    static final int HEAVY = TestSupport.scaled(150, 1_500);

    private LincheckSupport() {}

    /**
     * Model-checks a scenario: each of the {@code invocations} runs a fresh scenario from
     * {@code scenario} in another interleaving chosen by Lincheck. A failed assertion (in any thread of
     * the scenario) or a thread that never ends fails the test with the interleaving that led there.
     *
     * <p>Pass a lambda ({@code () -> new MyScenario()}), not a constructor reference: with a
     * constructor reference Lincheck 3.7 silently stopped after three invocations. To catch such a
     * silent loss of coverage, this fails if Lincheck ran far fewer invocations than asked for.
     */
    static void modelCheck(int invocations, Supplier<? extends Scenario> scenario) {
        modelCheck(invocations, Math.min(invocations, MIN_INVOCATIONS), () -> {
            try {
                scenario.get().run();
            } catch (InterruptedException e) {
                throw new AssertionError("scenario main thread interrupted", e);
            }
        });
    }

    /**
     * Model-checks {@code scenario}, run once per invocation in Lincheck's main thread, where it starts
     * its threads, joins them and asserts: for the tests of the parking core in {@code dev.go4j.internal}.
     * Their scenarios are so small that Lincheck may run out of new interleavings before
     * {@code invocations}: this fails only if it ran fewer than {@code atLeast}.
     */
    public static void modelCheck(int invocations, int atLeast, Runnable scenario) {
        Invocation invocation = new Invocation(scenario);
        Lincheck.runConcurrentTest(invocations, invocation);
        int ran = invocation.count.get();
        assertTrue(ran >= atLeast, "Lincheck ran " + ran + " of " + invocations + " invocations");
    }

    /** Fewer invocations than this (unless fewer were asked for) means Lincheck explored too little. */
    private static final int MIN_INVOCATIONS = 100;

    /** One invocation of a scenario; counts the invocations (a named class, not a lambda, to hold it). */
    private static final class Invocation implements Runnable {
        private final Runnable scenario;
        private final AtomicInteger count = new AtomicInteger();

        Invocation(Runnable scenario) {
            this.scenario = scenario;
        }

        @Override
        public void run() {
            count.incrementAndGet();
            scenario.run();
        }
    }

    /**
     * One fixed concurrent scenario. Its shared state lives in the fields of the scenario object (a
     * fresh one per invocation), never in captured locals, so that Lincheck sees every shared access.
     *
     * <p>Lincheck cannot manage virtual threads, so a scenario starts platform threads with
     * {@link #fork} (never {@code Go.go}); Lincheck takes over every thread started inside a scenario.
     * Lincheck ignores an exception that ends a forked thread, so {@link #fork} records it and
     * {@link #join} rethrows it in the scenario's main thread.
     */
    abstract static class Scenario {
        private Throwable failure;

        /** Builds the threads, joins them and asserts the outcome; runs in Lincheck's main thread. */
        abstract void run() throws InterruptedException;

        /** A body run by a scenario thread; may be interrupted. */
        @FunctionalInterface
        interface Body {
            void run() throws InterruptedException;
        }

        /**
         * Starts a platform thread running {@code body}. Anything the body throws, an unexpected
         * {@link InterruptedException} included, fails the scenario at the next {@link #join}.
         */
        final Thread fork(Body body) {
            Thread t = new Thread(() -> {
                try {
                    body.run();
                } catch (Throwable e) {
                    recordFailure(e);
                }
            });
            t.start();
            return t;
        }

        private synchronized void recordFailure(Throwable e) {
            if (failure == null) {
                failure = e;
            }
        }

        /** Joins the threads in order, then rethrows a failure of any forked thread. */
        final void join(Thread... threads) {
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new AssertionError("scenario main thread interrupted", e);
                }
            }
            Throwable f;
            synchronized (this) {
                f = failure;
            }
            if (f != null) {
                throw new AssertionError("a scenario thread failed: " + f, f);
            }
        }
    }

    /** The outcome of a blocking send, as a scenario records it. */
    enum Sent { OK, CLOSED }

    /** Sends {@code v}, returning {@link Sent#CLOSED} where {@code send} throws "send on closed channel". */
    static Sent send(Chan<Integer> ch, int v) throws InterruptedException {
        try {
            ch.send(v);
            return Sent.OK;
        } catch (ChannelException e) {
            assertEquals("send on closed channel", e.getMessage());
            return Sent.CLOSED;
        }
    }

    /** Sorted copy of the non-null values, for comparing what was sent with what was received. */
    @SafeVarargs
    static <T extends Comparable<T>> List<T> sortedNonNull(T... values) {
        List<T> l = new ArrayList<>();
        for (T v : values) {
            if (v != null) {
                l.add(v);
            }
        }
        Collections.sort(l);
        return l;
    }
}
