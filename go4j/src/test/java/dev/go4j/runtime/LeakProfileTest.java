package dev.go4j.runtime;

import static dev.go4j.TestSupport.awaitCleared;
import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.awaitTrue;
import static dev.go4j.TestSupport.awaitWaiting;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.Select;
import dev.go4j.TestSupport;
import dev.go4j.internal.diag.Goroutine;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The goroutine leak profile (Go 1.26's {@code goroutineleak} profile; go4j's opt-in
 * {@code -Dgo4j.leakProfile=true} with {@code -Djdk.trackAllThreads=false}). Ports Go 1.26's release-note
 * example: workers sending results to an unbuffered channel whose collector returned at the first error
 * leak on their send, and each is reported (the worker whose result was taken is not). Then the rules: a
 * goroutine blocked on a channel that nothing reachable refers to is reported with its id, wait reason,
 * stack and creator once the collector finds it (one blocked on an unreachable JDK queue too, without a
 * reason: go4j does not see that wait); a goroutine blocked on a reachable channel is not; a goroutine
 * that finished is not.
 *
 * <p>Runs in a JVM of its own with those flags (surefire execution {@code leak-profile}); skipped
 * elsewhere. The collector is not deterministic: each wait calls {@code System.gc()} and waits for a
 * report, within the tests' generous bound ({@link TestSupport#BOUND}) that only fails a broken profile. An
 * absence is checked only after a later leak was reported and the reporter went idle, so every
 * collection that could have reported it has been processed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeakProfileTest {
    private static final LinkedBlockingQueue<GoroutineLeak> REPORTS = new LinkedBlockingQueue<>();
    private static final List<GoroutineLeak> SEEN = new ArrayList<>(); // test thread only

    /** Reachable for the whole test: a goroutine blocked on it must not be reported. */
    private final Chan<Integer> reachable = Chan.make();

    @BeforeAll
    static void collectReports() throws InterruptedException {
        Assumptions.assumeTrue(Goroutines.leakProfileEnabled(), "runs in the leak-profile surefire execution");
        warmUp();
        Goroutines.setLeakHandler(REPORTS::add);
    }

    /**
     * Runs each kind of block the tests leak once to its end. Under a Java agent that transforms classes
     * (the race detector, a coverage tool), the JVM holds a virtual thread that loaded a class until the
     * thread ends: JVMTI's class file load hook gives it a thread state that refers to it strongly. So a
     * goroutine left blocked must not be the first to run its code (Select's classes, go4j's park path),
     * or it would never be collected (nor reported).
     */
    private static void warmUp() throws InterruptedException {
        Chan<Integer> a = Chan.make();
        Chan<Integer> b = Chan.make();
        Thread recv = Go.go(a::recv);
        awaitParked(recv);
        a.send(1);
        Thread send = Go.go(() -> a.send(1));
        awaitParked(send);
        a.recv();
        Thread select = Go.go(() -> Select.select(Select.recv(a, v -> v), Select.send(b, 1, () -> 1)));
        awaitParked(select);
        a.send(1);
        LinkedBlockingQueue<Integer> q = new LinkedBlockingQueue<>();
        Thread take = Go.go(q::take);
        awaitWaiting(take);
        q.add(1);
        join(recv);
        join(send);
        join(select);
        join(take);
    }

    @AfterAll
    static void restoreHandler() {
        Goroutines.setLeakHandler(null);
    }

    @Test
    void reportsAGoroutineBlockedOnAnUnreachableChannel() {
        Instant before = Instant.now();
        int live = Goroutines.numGoroutine();
        long id = leakOnReceive();
        GoroutineLeak leak = awaitLeak(id);

        assertEquals("chan receive", leak.reason());
        assertFalse(leak.since().isBefore(before.minusSeconds(1)), "since " + leak.since() + ", test began " + before);
        assertFalse(leak.since().isAfter(Instant.now()), "since " + leak.since());
        assertEquals("dev.go4j.Chan", leak.stack().get(0).getClassName(), "stack " + leak.stack());
        assertEquals("recv", leak.stack().get(0).getMethodName());
        assertNotNull(leak.createdBy(), "created by");
        assertEquals(LeakProfileTest.class.getName(), leak.createdBy().getClassName());
        assertEquals("leakOnReceive", leak.createdBy().getMethodName());
        String line = leak.toString();
        assertTrue(line.startsWith("goroutine " + id + " leaked: blocked on chan receive since " + leak.since()
                + ", created by "), line);
        assertTrue(line.contains("LeakProfileTest.leakOnReceive(LeakProfileTest.java:"), line);
        assertTrue(Goroutines.leaked().contains(leak), "leaked()");
        assertTrue(Goroutines.all().stream().noneMatch(g -> g.id() == id), "a collected goroutine is not live");
        assertTrue(Goroutines.numGoroutine() <= live, "numGoroutine no longer counts it");
    }

    @Test
    void reportsTheWorkersOfACollectorThatReturnedEarly() throws InterruptedException {
        List<Long> blocked = new ArrayList<>();
        List<Long> done = new ArrayList<>();
        assertEquals(-1, processWorkItems(4, blocked, done), "the first error");
        assertEquals(3, blocked.size());
        for (long id : blocked) {
            GoroutineLeak l = awaitLeak(id);
            assertEquals("chan send", l.reason());
            assertEquals("processWorkItems", l.createdBy().getMethodName());
        }
        awaitReporterIdle();
        assertTrue(SEEN.stream().noneMatch(l -> l.id() == done.get(0)), "reported: " + SEEN);
    }

    /**
     * Go 1.26's release-note example, every item failing: each worker sends its result to an unbuffered
     * channel, and the collector returns at the first error, so the other workers never complete their
     * send. Returns the first error (-1); the ids of the workers left blocked go to {@code blocked}, the
     * one whose result was taken to {@code done}, once it has ended.
     */
    private static int processWorkItems(int n, List<Long> blocked, List<Long> done) throws InterruptedException {
        Chan<Integer> results = Chan.make();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            workers.add(Go.go(() -> results.send(-1)));
        }
        int first = results.recv();
        awaitTrue("the worker whose result was taken ends",
                () -> workers.stream().filter(t -> t.getState() == Thread.State.TERMINATED).count() == 1);
        for (Thread t : workers) {
            if (t.getState() == Thread.State.TERMINATED) {
                done.add(Goroutine.idOf(t));
            } else {
                awaitParked(t);
                blocked.add(Goroutine.idOf(t));
            }
        }
        return first;
    }

    @Test
    void reportsASelectAndASend() {
        long select = leakOnSelect();
        long send = leakOnSend();
        assertEquals("select", awaitLeak(select).reason());
        assertEquals("chan send", awaitLeak(send).reason());
    }

    @Test
    void reportsAWaitOutsideGo4jWithoutAReason() {
        GoroutineLeak leak = awaitLeak(leakOnJdkQueue());
        assertEquals(null, leak.reason());
        assertEquals(null, leak.since());
        assertTrue(leak.stack().isEmpty());
        assertTrue(leak.toString().contains(" leaked: blocked in a wait go4j does not see"), leak.toString());
    }

    @Test
    void keepsAGoroutineBlockedOnAReachableChannel() throws InterruptedException {
        Thread blocked = Go.go(reachable::recv);
        long blockedId = Goroutine.idOf(blocked);
        awaitParked(blocked);

        awaitLeak(leakOnReceive()); // the collector ran, and found the unreachable one
        awaitReporterIdle();

        assertTrue(SEEN.stream().noneMatch(l -> l.id() == blockedId), "reported: " + SEEN);
        assertEquals(Thread.State.WAITING, blocked.getState());
        reachable.send(1);
        join(blocked);
    }

    @Test
    void aFinishedGoroutineIsNotReported() throws InterruptedException {
        Chan<Integer> once = Chan.make();
        Thread finished = Go.go(once::recv);
        long finishedId = Goroutine.idOf(finished);
        awaitParked(finished);
        once.send(1);
        join(finished);
        WeakReference<Thread> gone = new WeakReference<>(finished);
        finished = null;
        awaitCleared(gone); // its thread is collected: a report, if any, would be queued now

        awaitLeak(leakOnReceive());
        awaitReporterIdle();

        assertTrue(SEEN.stream().noneMatch(l -> l.id() == finishedId), "reported: " + SEEN);
    }

    // ---------------------------------------------------------------------------------------------
    // Each leakOn* starts a goroutine blocked on channels only it refers to, and returns only its id:
    // once it has parked, nothing reachable refers to its thread.

    private static long leakOnReceive() {
        Thread t = Go.go(() -> Chan.<Integer>make().recv());
        awaitParked(t);
        return Goroutine.idOf(t);
    }

    private static long leakOnSelect() {
        Thread t = Go.go(() -> {
            Chan<Integer> a = Chan.make();
            Chan<Integer> b = Chan.make();
            Select.select(Select.recv(a, v -> v), Select.send(b, 1, () -> 1));
        });
        awaitParked(t);
        return Goroutine.idOf(t);
    }

    private static long leakOnSend() {
        Thread t = Go.go(() -> Chan.<Integer>make().send(1));
        awaitParked(t);
        return Goroutine.idOf(t);
    }

    private static long leakOnJdkQueue() {
        Thread t = Go.go(() -> new LinkedBlockingQueue<Integer>().take());
        awaitWaiting(t);
        return Goroutine.idOf(t);
    }

    /** Collects garbage until goroutine {@code id} is reported; fails after {@link TestSupport#BOUND}. */
    private static GoroutineLeak awaitLeak(long id) {
        long deadline = System.nanoTime() + TestSupport.BOUND.toNanos();
        for (;;) {
            for (GoroutineLeak l : SEEN) {
                if (l.id() == id) {
                    return l;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                fail("goroutine " + id + " not reported within " + TestSupport.BOUND + "; reported: " + SEEN);
            }
            System.gc();
            try {
                GoroutineLeak l = REPORTS.poll(100, TimeUnit.MILLISECONDS);
                if (l != null) {
                    SEEN.add(l);
                    REPORTS.drainTo(SEEN);
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    /**
     * Waits until the reporter's thread waits for the next collected goroutine: every reference queued
     * so far has been reported. Then takes the reports in.
     */
    private static void awaitReporterIdle() {
        Thread reporter = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("go4j-leak-profile")).findFirst()
                .orElseThrow(() -> new AssertionError("no go4j-leak-profile thread"));
        awaitTrue("the leak reporter is idle", () -> reporter.getState() == Thread.State.TIMED_WAITING
                && java.util.Arrays.stream(reporter.getStackTrace())
                        .anyMatch(f -> f.getClassName().equals("java.lang.ref.ReferenceQueue")));
        REPORTS.drainTo(SEEN);
    }
}
