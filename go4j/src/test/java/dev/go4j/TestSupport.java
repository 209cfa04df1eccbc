package dev.go4j;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.internal.ShortLock;
import dev.go4j.time.Clock;
import dev.go4j.time.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Helpers shared by all channel, select and goroutine tests: the stress profile, a "parked in a channel
 * operation" probe that needs no sleeping, bounded waits and joins, a scope that owns the goroutines a
 * test starts (so none outlives it and their failures fail the test), and an exactly-once ledger of
 * values.
 */
public final class TestSupport {
    /** True under {@code -Dgo4j.stress=long}. */
    public static final boolean LONG = "long".equals(System.getProperty("go4j.stress"));

    /**
     * How many times slower than usual the tests run: {@code -Dgo4j.stress.slowdown=k} (1 by default; the
     * race profile sets it, as the race detector slows synchronisation down by about that much). Bounds
     * are k times longer and stress sizes k times smaller, as Go's tests shrink under {@code -race}, so
     * that each test keeps within its {@code @Timeout}.
     */
    public static final int SLOWDOWN = Math.max(1, Integer.getInteger("go4j.stress.slowdown", 1));

    /**
     * A generous bound for waits, joins and gets (bigger under the long profile and a slowdown): only a
     * safety net, never a measured duration.
     */
    public static final Duration BOUND = Duration.ofSeconds((LONG ? 120 : 30) * SLOWDOWN);

    private TestSupport() {}

    /**
     * A stress size: {@code ci} in the default (CI) profile, {@code longRun} under {@code -Dgo4j.stress=long},
     * divided by {@link #SLOWDOWN} (at least 1).
     */
    public static int scaled(int ci, int longRun) {
        return Math.max(1, (LONG ? longRun : ci) / SLOWDOWN);
    }

    /**
     * Waits, without sleeping, until {@code t} is parked inside a go4j blocking operation (its waiters
     * are then queued): state WAITING or TIMED_WAITING, parked on something other than a lock (a
     * channel's lock is an AQS), with a go4j frame on its stack and not merely queued for a channel's
     * short lock. Fails if {@code t} ends first or does not park within {@link #BOUND}.
     */
    public static void awaitParked(Thread t) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        for (long spins = 0; ; spins++) {
            Thread.State s = t.getState();
            if (s == Thread.State.TERMINATED) {
                fail(t.getName() + " ended instead of blocking");
            }
            if (isParked(s) && parkedInGo4j(t)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail(t.getName() + " did not block within " + BOUND + "; state " + t.getState() + "; stack:\n"
                        + stack(t));
            }
            if ((spins & 63) == 63) {
                Thread.yield();
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Waits for {@link #awaitParked(Thread)} on each thread. */
    public static void awaitParked(Thread... threads) {
        for (Thread t : threads) {
            awaitParked(t);
        }
    }

    private static boolean isParked(Thread.State s) {
        return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING;
    }

    /** Library classes a parked goroutine's stack passes through when it blocks in a channel operation. */
    private static final List<String> BLOCKING_FRAMES =
            List.of("dev.go4j.Select", "dev.go4j.Chan", "dev.go4j.internal.Waiter");

    /** True if {@code t} is parked in a go4j blocking operation now (see {@link #awaitParked(Thread)}). */
    public static boolean parkedInGo4j(Thread t) {
        Object blocker = LockSupport.getBlocker(t);
        if (blocker == null || blocker instanceof AbstractQueuedSynchronizer) {
            return false; // not parked, or parked for a lock (a channel's short lock): about to proceed
        }
        boolean inGo4j = false;
        for (StackTraceElement f : t.getStackTrace()) {
            String c = f.getClassName();
            if (c.equals("dev.go4j.internal.ShortLock")) {
                return false; // queued for a channel's lock: about to proceed, not blocked
            }
            inGo4j |= BLOCKING_FRAMES.contains(c);
        }
        return inGo4j && isParked(t.getState()); // the stack was sampled while still parked
    }

    /**
     * Waits, without sleeping, until {@code t} waits in anything (a go4j primitive, a future, a sleep, a
     * JDK lock) other than a channel's short internal lock. Fails if {@code t} ends first. For blocking
     * that does not go through go4j's waiters; prefer {@link #awaitParked(Thread)} where it does.
     */
    public static void awaitWaiting(Thread t) {
        awaitTrue(t.getName() + " waits", () -> {
            if (t.getState() == Thread.State.TERMINATED) {
                fail(t.getName() + " ended instead of blocking");
            }
            return isWaiting(t);
        });
    }

    /** True if {@code t} waits now in anything but a channel's short internal lock (see {@link #awaitWaiting}). */
    public static boolean isWaiting(Thread t) {
        Thread.State s = t.getState();
        return isParked(s) && !(LockSupport.getBlocker(t) instanceof ShortLock) && t.getState() == s;
    }

    /** Polls {@code condition} (yielding) until it holds; fails after {@link #BOUND}. */
    public static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("timed out waiting until " + what);
            }
            Thread.yield();
        }
    }

    /** Joins {@code t} within {@link #BOUND}; fails (with its stack) if it is still running. */
    public static void join(Thread t) throws InterruptedException {
        if (!t.join(BOUND)) {
            fail(t.getName() + " still running after " + BOUND + "; state " + t.getState() + "; stack:\n"
                    + stack(t));
        }
    }

    /** The current stack of {@code t}, one {@code \tat frame} line per frame. */
    public static String stack(Thread t) {
        StringBuilder sb = new StringBuilder();
        Arrays.stream(t.getStackTrace()).forEach(f -> sb.append("\tat ").append(f).append('\n'));
        return sb.toString();
    }

    /** Runs {@code task} in a goroutine (which inherits the caller's clock); its result comes back through {@link Call#get}. */
    public static <R> Call<R> call(Callable<R> task) {
        CompletableFuture<R> f = new CompletableFuture<>();
        Thread t = Go.go(() -> {
            try {
                f.complete(task.call());
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return new Call<>(t, f);
    }

    /** Runs {@link System#gc()} until every reference is cleared; fails after a bounded number of tries. */
    public static void awaitCleared(WeakReference<?>... refs) {
        for (int i = 0; i < 100; i++) {
            if (Arrays.stream(refs).allMatch(r -> r.get() == null)) {
                return;
            }
            System.gc();
        }
        fail("still reachable after 100 garbage collections");
    }

    /**
     * Runs {@code main} with {@code args} in a fresh JVM: this JVM's {@code java} with {@code jvmArgs}, go4j, the test
     * classes and this JVM's class and module paths on its class path. Waits for it within {@link #BOUND}
     * (then kills it: exit code -1).
     *
     * @return its exit code and its output, stdout and stderr merged
     */
    public static JavaRun runJava(List<String> jvmArgs, Class<?> main, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmArgs);
        command.addAll(List.of("-cp", classPathFor(main), main.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("go4j-child", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            int exit = -1;
            if (p.waitFor(BOUND.toNanos(), TimeUnit.NANOSECONDS)) {
                exit = p.exitValue();
            } else {
                p.destroyForcibly().waitFor();
            }
            return new JavaRun(exit, Files.readAllLines(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** What {@link #runJava} saw: the exit code (-1 if killed after {@link #BOUND}) and the output lines. */
    public record JavaRun(int exitCode, List<String> lines) {
        /** The output as one string, for failure messages. */
        public String output() {
            return String.join("\n", lines);
        }
    }

    /** go4j's classes, the classes of {@code main}'s source set, then this JVM's class and module paths. */
    private static String classPathFor(Class<?> main) throws Exception {
        List<String> entries = new ArrayList<>(List.of(locationOf(Chan.class), locationOf(main)));
        for (String property : List.of("java.class.path", "jdk.module.path")) {
            for (String e : System.getProperty(property, "").split(File.pathSeparator)) {
                if (!e.isEmpty()) {
                    entries.add(e);
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /**
     * The directory or jar {@code c} was loaded from (asked of the class file itself, since test classes
     * patched into go4j's module are on neither path).
     */
    private static String locationOf(Class<?> c) throws Exception {
        URL url = c.getResource(c.getSimpleName() + ".class");
        String path = Path.of(url.toURI()).toString();
        return path.substring(0, path.length() - (c.getName().replace('.', File.separatorChar) + ".class").length());
    }

    /**
     * Runs {@code body} with {@code System.err} captured and returns what was printed there: for tests
     * whose goroutines print panics by design, so that the test asserts on them and the build's output
     * stays for real failures. {@code body} must wait for those goroutines to end.
     */
    public static String capturingErr(Task body) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            body.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    /**
     * The timers of the calling goroutine's synctest bubble not yet fired or stopped: code that stops
     * its timers leaves none. The bubble's clock is the {@link ManualClock} {@code Synctest} moves.
     */
    public static int bubbleTimersPending() {
        return ((ManualClock) Clock.current()).pending();
    }

    /** {@link Clock#using} for bodies whose checked exceptions fail the test. */
    public static <T> T onClock(Clock clock, Callable<T> body) {
        try {
            return Clock.using(clock, body);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * Runs {@code blocking} in a goroutine, waits until it is parked, interrupts it, and checks that it
     * then threw {@link InterruptedException} with the interrupt status cleared (it neither returned nor
     * failed otherwise).
     */
    static void assertBlocksUntilInterrupted(Callable<?> blocking) throws Throwable {
        try (Goroutines g = new Goroutines()) {
            Call<Object> c = g.call(() -> {
                try {
                    return "returned " + blocking.call();
                } catch (InterruptedException e) {
                    return Thread.currentThread().isInterrupted() ? "interrupt status still set" : e;
                }
            });
            awaitParked(c.thread());
            c.thread().interrupt();
            Object outcome = c.get();
            assertInstanceOf(InterruptedException.class, outcome, "expected to block until interrupted: " + outcome);
            g.joinAll();
        }
    }

    /**
     * The goroutines of one test. {@link #go} starts a goroutine with {@link Go#go} and keeps any
     * exception escaping it; {@link #joinAll} waits (bounded) for all of them and rethrows the first
     * failure. {@link #close} (use try-with-resources) interrupts and joins any goroutine still running,
     * so that no test leaves goroutines behind, then reports failures; exceptions caused by that final
     * interrupt are not reported.
     */
    public static final class Goroutines implements AutoCloseable {
        private final List<Thread> threads = new CopyOnWriteArrayList<>();
        private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        private volatile boolean closing;

        /** A scope with no goroutine yet. */
        public Goroutines() {}

        /** Starts {@code task} with {@link Go#go}; an exception escaping it fails the test. */
        public Thread go(Task task) {
            Thread t = Go.go(() -> {
                try {
                    task.run();
                } catch (Throwable e) {
                    boolean interrupted = e instanceof InterruptedException || e instanceof UncheckedInterruptedException;
                    if (!(closing && interrupted)) {
                        failures.add(e);
                    }
                }
            });
            threads.add(t);
            return t;
        }

        /** Starts {@code task} in a goroutine; its result (or exception) comes back through {@link Call#get}. */
        public <R> Call<R> call(Callable<R> task) {
            CompletableFuture<R> f = new CompletableFuture<>();
            Thread t = go(() -> {
                try {
                    f.complete(task.call());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            });
            return new Call<>(t, f);
        }

        /**
         * Joins every goroutine (all within one {@link #BOUND}), including those started meanwhile by the
         * goroutines joined, then rethrows the first failure, if any.
         */
        public void joinAll() throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            for (int i = 0; i < threads.size(); i++) {
                Thread t = threads.get(i);
                long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
                if (!t.join(Duration.ofMillis(left))) {
                    fail(t.getName() + " did not finish within " + BOUND + "; state " + t.getState()
                            + "; stack:\n" + stack(t));
                }
            }
            rethrowFailures();
        }

        /**
         * Waits (bounded) for {@code latch}, failing at once if a goroutine fails meanwhile (it may be
         * the one that should have counted down).
         */
        public void await(CountDownLatch latch, String what) throws InterruptedException {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (!latch.await(20, TimeUnit.MILLISECONDS)) {
                rethrowFailures();
                if (System.nanoTime() - deadline > 0) {
                    fail(what + " did not happen within " + BOUND);
                }
            }
        }

        /** Rethrows the first failure of any goroutine, with the others suppressed. */
        public void rethrowFailures() {
            Throwable first = failures.peek();
            if (first == null) {
                return;
            }
            AssertionError e = new AssertionError("a goroutine failed: " + first, first);
            failures.stream().skip(1).forEach(e::addSuppressed);
            throw e;
        }

        /** Interrupts the goroutines still running, joins them (bounded), then reports failures. */
        @Override
        public void close() {
            closing = true;
            List<Thread> alive = new ArrayList<>();
            for (Thread t : threads) {
                if (t.isAlive()) {
                    t.interrupt();
                    alive.add(t);
                }
            }
            try {
                for (Thread t : alive) {
                    if (!t.join(BOUND)) {
                        fail(t.getName() + " ignored its interrupt; stack:\n" + stack(t));
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while ending the test's goroutines", e);
            }
            rethrowFailures();
        }
    }

    /** A goroutine started by {@link Goroutines#call} and its coming result. */
    public record Call<R>(Thread thread, CompletableFuture<R> result) {
        /** Waits (bounded) for the result; rethrows the goroutine's exception. */
        public R get() throws Throwable {
            try {
                return result.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw e.getCause();
            } catch (TimeoutException e) {
                throw new AssertionError(thread.getName() + " gave no result within " + BOUND + "; stack:\n"
                        + stack(thread), e);
            }
        }
    }

    /**
     * Exactly-once bookkeeping for values {@code 0..n-1}: {@link #receive} counts each arrival;
     * {@link #assertEachOnce} checks that every value arrived once (no loss, no duplicate), and that
     * the count and the sum of what arrived match.
     */
    static final class Ledger {
        private final AtomicIntegerArray seen;
        private final LongAdder count = new LongAdder();
        private final LongAdder sum = new LongAdder();

        Ledger(int n) {
            seen = new AtomicIntegerArray(n);
        }

        /** Records one arrival of {@code v}; fails at once on a duplicate. */
        void receive(int v) {
            count.increment();
            sum.add(v);
            int before = seen.getAndIncrement(v);
            if (before != 0) {
                throw new AssertionError("value " + v + " received " + (before + 1) + " times");
            }
        }

        void assertEachOnce() {
            int n = seen.length();
            List<Integer> missing = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                int k = seen.get(v);
                if (k != 1 && missing.size() < 20) {
                    missing.add(v);
                }
            }
            if (!missing.isEmpty()) {
                fail("values not received exactly once (first ones): " + missing
                        + "; received " + count.sum() + " of " + n);
            }
            if (count.sum() != n) {
                fail("received " + count.sum() + " values, sent " + n);
            }
            long expectedSum = (long) n * (n - 1) / 2;
            if (sum.sum() != expectedSum) {
                fail("sum of received values " + sum.sum() + " != " + expectedSum);
            }
        }
    }
}
