package dev.go4j.runtime;

import static dev.go4j.TestSupport.BOUND;
import static dev.go4j.runtime.LockTesting.awaitLockWait;
import static dev.go4j.runtime.LockTesting.lockInOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.TestSupport;
import dev.go4j.sync.Locker;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.RWMutex;
import dev.go4j.sync.WaitGroup;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lock-cycle detector: goroutines waiting for each other's go4j locks in a cycle are reported at
 * once, once, with who holds and who waits for what; the book's chapter 1 deadlock (C1-03, two
 * goroutines locking a and b in opposite order) first. And what is not a cycle: a chain ending in a
 * goroutine that can still run, a {@code tryLock}, a cycle broken by an interrupt (the goroutines go on).
 *
 * <p>A report is made before the last member parks, so once every member is parked every report of
 * the cycle has been made: the negative cases need no timeout. The handler keeps only reports about
 * this test's locks (other test classes share the JVM) and is restored after each test.
 */
@Timeout(60)
class LockCycleTest {
    private final Set<Object> mine = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<LockCycle> reports = new LinkedBlockingQueue<>();
    private Consumer<? super LockCycle> previous;

    @BeforeEach
    void route() {
        previous = Goroutines.setLockCycleHandler(c -> {
            if (c.members().stream().anyMatch(m -> mine.contains(m.waitsFor()))) {
                reports.add(c);
            }
        });
    }

    @AfterEach
    void restore() {
        Goroutines.setLockCycleHandler(previous);
    }

    private <L> L mine(L lock) {
        mine.add(lock);
        return lock;
    }

    private LockCycle awaitReport() throws InterruptedException {
        LockCycle c = reports.poll(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(c, "no lock cycle reported within " + BOUND);
        return c;
    }

    /** Checks that member {@code i} runs on {@code thread}, holds {@code holds} and waits for {@code waitsFor}. */
    private static void assertMember(LockCycle c, Thread thread, Object holds, Object waitsFor) {
        LockCycle.Member m = c.members().stream().filter(x -> x.thread() == thread).findFirst()
                .orElseThrow(() -> new AssertionError(thread + " is not a member of\n" + c));
        assertSame(holds, m.holds(), c.toString());
        assertSame(waitsFor, m.waitsFor(), c.toString());
        assertEquals(Long.parseLong(thread.getName().substring("goroutine-".length())), m.goroutine());
        assertTrue(m.stack().stream().anyMatch(f -> f.getClassName().equals(LockTesting.class.getName())),
                "the member's stack reaches the code that locked: " + m.stack());
    }

    @Test
    void chapterOneDeadlockIsReportedOnceWithBothMembersAndInterruptingOneLetsBothGoOn() throws Throwable {
        Mutex a = mine(new Mutex());
        Mutex b = mine(new Mutex());
        WaitGroup bothHoldOne = new WaitGroup();
        bothHoldOne.add(2);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            TestSupport.Call<String> abCall = lockInOrder(g, a, b, bothHoldOne);
            TestSupport.Call<String> baCall = lockInOrder(g, b, a, bothHoldOne);
            Thread ab = abCall.thread();
            Thread ba = baCall.thread();
            LockCycle c = awaitReport();
            assertEquals(2, c.members().size(), c.toString());
            assertMember(c, ab, a, b);
            assertMember(c, ba, b, a);
            String text = c.toString();
            assertTrue(text.startsWith("go4j: lock cycle (deadlock) detected:\n"), text);
            assertTrue(text.contains("goroutine " + c.members().get(0).goroutine() + " holds sync.Mutex@"), text);
            assertTrue(text.contains(" and waits for sync.Mutex@"), text);
            assertFalse(Goroutines.lockCycles().stream().noneMatch(x -> x.members().stream()
                    .anyMatch(m -> m.thread() == ab)), "the cycle is still there for Go.main's report");

            awaitLockWait(ab);
            awaitLockWait(ba);
            ab.interrupt(); // its lock(b) throws, it unlocks a, so ba gets a and finishes
            assertEquals("interrupted", abCall.get());
            assertEquals("both", baCall.get());
            g.joinAll();
        }
        assertTrue(reports.isEmpty(), "reported once: " + reports);
        assertTrue(a.tryLock() && b.tryLock(), "nothing is left locked");
    }
}
