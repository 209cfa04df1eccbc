package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.awaitTrue;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.context.Cancelable;
import dev.go4j.context.Contexts;
import dev.go4j.errgroup.ErrGroup;
import dev.go4j.internal.diag.DeadlockCheck;
import dev.go4j.runtime.DeadlockError;
import dev.go4j.singleflight.SingleFlight;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Clock;
import dev.go4j.time.Ticker;
import dev.go4j.time.Time;
import dev.go4j.time.Timer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Go's global deadlock detection ("fatal error: all goroutines are asleep - deadlock!") in
 * {@link Go#main}, and what must not be reported: a goroutine in I/O, in a JDK lock, asleep, or waiting
 * on a channel that a pending timer or a running platform thread may still serve; and that a deadlock
 * through errgroup or singleflight, or beside a timer nobody waits for (Go 1.23), is reported.
 *
 * <p>The negative cases drive the check directly, a fixed number of scans, so nothing here waits for
 * a timeout to prove an absence; each then removes the one thing that could make progress and shows
 * the same scans now report the deadlock, so the case fails if the rule is broken either way.
 *
 * <p>No JUnit {@code @Timeout} here, and JUnit's timeout watcher (a non-daemon platform thread that
 * other test classes start and that waits with a deadline, so the check would rightly count it as able
 * to make progress) is named in {@code go4j.deadlock.ignoreThreads}. Every wait below is bounded by
 * {@link TestSupport#BOUND}.
 */
class DeadlockTest {
    private static final String IGNORE = "go4j.deadlock.ignoreThreads";
    private final List<Thread> stuck = new ArrayList<>();

    @BeforeAll
    static void ignoreJUnitsWatcher() {
        System.setProperty(IGNORE, "junit-jupiter-timeout-watcher");
    }

    @AfterAll
    static void restore() {
        System.clearProperty(IGNORE);
    }

    @AfterEach
    void releaseStuckGoroutines() throws InterruptedException {
        Go.setPanicHandler((t, e) -> {}); // they end by throwing InterruptedException
        try {
            for (Thread t : stuck) {
                t.interrupt();
                join(t);
            }
        } finally {
            Go.setPanicHandler(null);
        }
    }

    private Thread asleepOnChannel() {
        Chan<Integer> never = Chan.make();
        Thread t = Go.go(never::recv);
        stuck.add(t);
        awaitParked(t);
        return t;
    }

    /** What the last {@link #runMain} printed to System.err (its deadlock report), kept out of the build's output. */
    private String err = "";

    /**
     * Runs {@link Go#main} on this thread and returns what it threw, or null; what it prints to
     * System.err goes to {@link #err}. Bounded by a daemon watchdog that interrupts it after
     * {@link TestSupport#BOUND}: a thread waiting with a deadline in this (non-daemon) thread would
     * count as able to make progress.
     */
    private Throwable runMain(Task task) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            return runMainWatched(task);
        } finally {
            System.setErr(original);
            err = captured.toString(StandardCharsets.UTF_8);
        }
    }

    private static Throwable runMainWatched(Task task) {
        Thread self = Thread.currentThread();
        CountDownLatch done = new CountDownLatch(1);
        Thread watchdog = Thread.ofPlatform().daemon().start(() -> {
            try {
                if (!done.await(TestSupport.BOUND.toMillis(), TimeUnit.MILLISECONDS)) {
                    self.interrupt();
                }
            } catch (InterruptedException ignored) {
                // the test is over
            }
        });
        try {
            Go.main(task);
            return null;
        } catch (InterruptedException e) {
            return fail("Go.main neither returned nor reported a deadlock within " + TestSupport.BOUND);
        } catch (Throwable t) {
            return t;
        } finally {
            done.countDown();
            watchdog.interrupt();
            Thread.interrupted();
        }
    }

    /** Scans {@code n} times; true if any scan reported a deadlock. */
    private static boolean anyStuck(DeadlockCheck check, int n) {
        for (int i = 0; i < n; i++) {
            if (check.stuck()) {
                return true;
            }
        }
        return false;
    }

    @Test
    void mainBlockedForeverIsADeadlockWithTheDump() throws Exception {
        AtomicReference<Thread> main = new AtomicReference<>();
        DeadlockError e = assertInstanceOf(DeadlockError.class, runMain(() -> {
            main.set(Thread.currentThread());
            Chan<Integer> ch = Chan.make();
            ch.recv();
        }));
        stuck.add(main.get());
        assertEquals("all goroutines are asleep - deadlock!", e.getMessage());
        assertTrue(e.dump().contains("[chan receive]:"), e.dump());
    }

    @Test
    void goroutinesWaitingForEachOtherAreADeadlock() throws Exception {
        AtomicReference<Thread> child = new AtomicReference<>();
        AtomicReference<Thread> main = new AtomicReference<>();
        DeadlockError e = assertInstanceOf(DeadlockError.class, runMain(() -> {
            main.set(Thread.currentThread());
            Chan<Integer> a = Chan.make();
            Chan<Integer> b = Chan.make();
            child.set(Go.go(() -> b.send(a.recv())));
            b.recv();
        }));
        stuck.add(main.get());
        stuck.add(child.get());
        assertTrue(e.dump().contains("[chan receive]:"), e.dump());
        long listed = e.dump().lines().filter(l -> l.startsWith("goroutine ")).count();
        assertTrue(listed >= 2, e.dump());
    }

    @Test
    void lockOrderInversionIsADeadlock() {
        DeadlockError e = assertInstanceOf(DeadlockError.class, runMain(this::lockOrderInversion));
        String dump = e.dump();
        assertEquals(2, dump.lines().filter(l -> l.matches("goroutine \\d+ \\[sync\\.Mutex\\.Lock\\]:")).count(), dump);
        assertTrue(dump.contains("[sync.WaitGroup.Wait]:"), dump);
        if (!"false".equals(System.getProperty("go4j.lockCycles"))) { // the lock-cycle detector is on
            assertEquals(1, e.lockCycles().size(), "the lock cycle is part of the report: " + e.lockCycles());
            assertEquals(2, e.lockCycles().get(0).members().size(), e.lockCycles().toString());
        }
    }

    /**
     * What the user reads on System.err is one report: the lock cycle, printed by the default handler
     * when it formed, is not printed again in the deadlock report, which appears once.
     */
    @Test
    void aLockCycleAndTheDeadlockArePrintedOnce() {
        assertInstanceOf(DeadlockError.class, runMain(this::lockOrderInversion));
        assertEquals(1, occurrences(err, "fatal error: all goroutines are asleep - deadlock!"), err);
        int cycles = "false".equals(System.getProperty("go4j.lockCycles")) ? 0 : 1;
        assertEquals(cycles, occurrences(err, "go4j: lock cycle (deadlock) detected:"), err);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * The book's chapter 1 example (C1-03): printSum(&a, &b) and printSum(&b, &a); a barrier instead of
     * its two-second sleep makes both take their first lock before either takes its second.
     */
    private void lockOrderInversion() throws InterruptedException {
        stuck.add(Thread.currentThread());
        Mutex a = new Mutex();
        Mutex b = new Mutex();
        WaitGroup bothHoldOne = new WaitGroup();
        bothHoldOne.add(2);
        WaitGroup wg = new WaitGroup();
        for (Mutex[] order : new Mutex[][] {{a, b}, {b, a}}) {
            wg.add(1);
            stuck.add(Go.go(() -> {
                order[0].lock();
                bothHoldOne.done();
                bothHoldOne.await();
                order[1].lock();
                wg.done();
            }));
        }
        wg.await();
    }

    @Test
    void mainThatFinishesIsNoDeadlockAndItsFailurePropagates() throws Exception {
        Chan<Integer> ch = Chan.make(1);
        assertNull(runMain(() -> {
            Go.go(() -> ch.send(1));
            assertEquals(1, ch.recv());
        }));
        IllegalStateException boom = new IllegalStateException("boom");
        assertSame(boom, runMain(() -> {
            throw boom;
        }));
    }

    @Test
    void goroutineInIoIsNotReported() throws Exception {
        asleepOnChannel();
        DeadlockCheck check = new DeadlockCheck(Thread.currentThread());
        Thread io;
        try (ServerSocket server = new ServerSocket(0)) {
            io = Go.go(() -> {
                try {
                    server.accept().close();
                } catch (IOException closed) {
                    // the test closed the socket
                }
            });
            awaitTrue("the goroutine waits in accept", () -> io.getState() == Thread.State.WAITING
                    || io.getState() == Thread.State.RUNNABLE && inAccept(io));
            assertFalse(anyStuck(check, 5));
        }
        join(io);
        assertTrue(anyStuck(check, 2));
    }

    private static boolean inAccept(Thread t) {
        for (StackTraceElement f : t.getStackTrace()) {
            if (f.getMethodName().contains("accept")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void goroutineInAJdkLockIsNotReported() throws Exception {
        asleepOnChannel();
        DeadlockCheck check = new DeadlockCheck(Thread.currentThread());
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        Thread waiting = Go.go(() -> {
            lock.lock();
            lock.unlock();
        });
        awaitTrue("the goroutine waits for the lock", () -> lock.hasQueuedThread(waiting));
        assertFalse(anyStuck(check, 5));
        lock.unlock();
        join(waiting);
        assertTrue(anyStuck(check, 2));
    }

    @Test
    void sleepingGoroutineIsNotReported() throws Exception {
        asleepOnChannel();
        DeadlockCheck check = new DeadlockCheck(Thread.currentThread());
        CountDownLatch asleep = new CountDownLatch(1);
        Thread sleeper = Go.go(() -> {
            asleep.countDown();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException woken) {
                // the test woke it
            }
        });
        asleep.await();
        awaitTrue("the goroutine sleeps", () -> sleeper.getState() == Thread.State.TIMED_WAITING);
        assertFalse(anyStuck(check, 5));
        sleeper.interrupt();
        join(sleeper);
        assertTrue(anyStuck(check, 2));
    }

    /** A goroutine that ran between two scans (here: started and ended) means no instant was seen. */
    @Test
    void goroutineStartedBetweenScansHoldsBackTheReport() throws Exception {
        asleepOnChannel();
        DeadlockCheck check = new DeadlockCheck(Thread.currentThread());
        assertFalse(check.stuck());
        join(Go.go(() -> {}));
        assertFalse(check.stuck());
        assertTrue(check.stuck());
    }

    /** A clock alarm whose action go4j cannot see through may wake anyone: it counts. */
    @Test
    void pendingAlarmOfAnUnknownActionIsNotReported() {
        asleepOnChannel();
        DeadlockCheck check = new DeadlockCheck(Thread.currentThread());
        Clock.Alarm alarm = Clock.system().at(Clock.system().nanoTime() + 3_600_000_000_000L, () -> {});
        assertFalse(anyStuck(check, 5));
        assertTrue(alarm.cancel());
        assertTrue(anyStuck(check, 2));
    }

    @Test
    void runningPlatformThreadIsNotReported() throws Exception {
        asleepOnChannel();
        DeadlockCheck check = new DeadlockCheck(Thread.currentThread());
        CountDownLatch stop = new CountDownLatch(1);
        Thread platform = Thread.ofPlatform().daemon(false).start(() -> {
            while (stop.getCount() > 0) {
                Thread.onSpinWait();
            }
        });
        assertFalse(anyStuck(check, 5));
        stop.countDown();
        platform.join();
        assertTrue(anyStuck(check, 2));
    }

    // Waits in x/sync: they park in go4j primitives (a WaitGroup), so the check sees them.

    @Test
    void errGroupAwaitingAStuckTaskIsADeadlock() {
        DeadlockError e = assertInstanceOf(DeadlockError.class, runMain(() -> {
            stuck.add(Thread.currentThread());
            ErrGroup g = new ErrGroup();
            Chan<Integer> c = Chan.make();
            g.go(() -> {
                stuck.add(Thread.currentThread());
                c.recv();
            });
            g.await();
        }));
        assertTrue(e.dump().contains("[sync.WaitGroup.Wait]:"), e.dump());
    }

    @Test
    void singleFlightWaitingForAStuckCallIsADeadlock() {
        DeadlockError e = assertInstanceOf(DeadlockError.class, runMain(() -> {
            stuck.add(Thread.currentThread());
            SingleFlight<String, Integer> flights = new SingleFlight<>();
            Chan<Integer> never = Chan.make();
            Chan<Void> inFlight = Chan.make();
            stuck.add(Go.go(() -> flights.doCall("k", () -> {
                inFlight.close();
                return never.recv();
            })));
            inFlight.recv();
            flights.doCall("k", () -> 0);
        }));
        assertTrue(e.dump().contains("[sync.WaitGroup.Wait]:"), e.dump());
    }

    // Timers (Go 1.23): a channel timer counts only while someone waits on its channel, a context
    // deadline only while its firing could wake someone; an afterFunc always counts.

    @Test
    void unreadTimerIsADeadlock() {
        assertInstanceOf(DeadlockError.class, runMain(() -> {
            stuck.add(Thread.currentThread());
            Time.after(Duration.ofHours(1));
            Chan.<Integer>make().recv();
        }));
    }

    @Test
    void unreadTickerIsADeadlock() {
        assertInstanceOf(DeadlockError.class, runMain(() -> {
            stuck.add(Thread.currentThread());
            Ticker ticking = Time.newTicker(Duration.ofMillis(5));
            try {
                Chan.<Integer>make().recv();
            } finally {
                ticking.stop();
            }
        }));
    }

    @Test
    void unreadContextDeadlineIsADeadlock() {
        assertInstanceOf(DeadlockError.class, runMain(() -> {
            stuck.add(Thread.currentThread());
            try (Cancelable c = Contexts.withTimeout(Contexts.background(), Duration.ofHours(1));
                    Cancelable child = Contexts.withCancel(c.context())) {
                child.context().done(); // made, but nobody waits on it
                Chan.<Integer>make().recv();
            }
        }));
    }

    @Test
    void timersThatFireWakeTheirWaitersWithoutAReport() {
        assertNull(runMain(() -> {
            Time.after(Duration.ofMillis(20)).recv();
            Select.select(Select.recv(Chan.<Integer>make(), v -> v),
                    Select.recv(Time.after(Duration.ofMillis(20)), at -> 0));
            try (Cancelable c = Contexts.withTimeout(Contexts.background(), Duration.ofMillis(20));
                    Cancelable child = Contexts.withCancel(c.context())) {
                child.context().done().recv();
            }
            Chan<Integer> ch = Chan.make();
            Time.afterFunc(Duration.ofMillis(20), () -> ch.send(1));
            assertEquals(1, ch.recv());
        }));
    }

    @Test
    void receiverOnATimerIsNotReported() throws Exception {
        RecvChan<Instant> c = Time.after(Duration.ofHours(1));
        waitedOnTimerIsNotReported(c::recv);
    }

    @Test
    void selectWithATimerCaseIsNotReported() throws Exception {
        RecvChan<Instant> c = Time.after(Duration.ofHours(1));
        waitedOnTimerIsNotReported(() -> Select.select(Select.recv(Chan.<Integer>make(), v -> v),
                Select.recv(c, at -> 0)));
    }

    @Test
    void receiverOnAStoppedThenResetTimerIsNotReported() throws Exception {
        Timer t = Time.newTimer(Duration.ofHours(1));
        t.stop();
        t.reset(Duration.ofHours(1));
        waitedOnTimerIsNotReported(t.c()::recv);
    }

    @Test
    void waiterOnADeadlineContextIsNotReported() throws Exception {
        try (Cancelable c = Contexts.withTimeout(Contexts.background(), Duration.ofHours(1))) {
            waitedOnTimerIsNotReported(c.context().done()::recv);
        }
    }

    @Test
    void waiterOnAChildOfADeadlineContextIsNotReported() throws Exception {
        try (Cancelable c = Contexts.withTimeout(Contexts.background(), Duration.ofHours(1));
                Cancelable child = Contexts.withCancel(Contexts.withValue(c.context(), "k", "v"))) {
            waitedOnTimerIsNotReported(child.context().done()::recv);
        }
    }

    /** Shows that a goroutine in {@code wait} holds back a report, and that once it is gone the same scans report. */
    private void waitedOnTimerIsNotReported(Task wait) throws InterruptedException {
        asleepOnChannel();
        DeadlockCheck check = new DeadlockCheck(Thread.currentThread());
        Thread waiting = Go.go(() -> {
            try {
                wait.run();
            } catch (InterruptedException e) {
                // the test took it away
            }
        });
        awaitParked(waiting);
        assertFalse(anyStuck(check, 5));
        waiting.interrupt();
        join(waiting);
        assertTrue(anyStuck(check, 2));
    }

    @Test
    void afterFuncThatWillReleaseAReceiverIsNotReported() throws Exception {
        Chan<Integer> ch = Chan.make();
        Timer t = Time.afterFunc(Duration.ofHours(1), () -> ch.send(1));
        Thread receiver = Go.go(ch::recv);
        stuck.add(receiver);
        awaitParked(receiver);
        DeadlockCheck check = new DeadlockCheck(Thread.currentThread());
        assertFalse(anyStuck(check, 5));
        assertTrue(t.stop());
        assertTrue(anyStuck(check, 2));
    }

    @Test
    void contextAfterFuncUnderADeadlineIsNotReported() throws Exception {
        try (Cancelable c = Contexts.withTimeout(Contexts.background(), Duration.ofHours(1))) {
            Chan<Integer> ch = Chan.make();
            BooleanSupplier stop = Contexts.afterFunc(c.context(), ch::close);
            Thread receiver = Go.go(ch::recv);
            stuck.add(receiver);
            awaitParked(receiver);
            DeadlockCheck check = new DeadlockCheck(Thread.currentThread());
            assertFalse(anyStuck(check, 5));
            assertTrue(stop.getAsBoolean());
            assertTrue(anyStuck(check, 2));
        }
    }
}
