package dev.go4j.runtime;

import static dev.go4j.TestSupport.BOUND;
import static dev.go4j.runtime.LockTesting.lockInOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * Lock-order checking (Linux's lockdep, Go's {@code sasha-s/go-deadlock}): locks taken in both orders
 * are reported as a potential deadlock in a run that never deadlocked, once per pair, with the stacks
 * of both orders; a consistent order, or checking left off (the default), reports nothing.
 *
 * <p>The goroutines of each case run one after the other (each joined before the next starts), so
 * nothing here can deadlock. The handler keeps only reports about this test's locks and is restored,
 * and checking switched back, after each test.
 */
@Timeout(60)
class LockOrderTest {
    private final Set<Object> mine = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<LockOrderInversion> reports = new LinkedBlockingQueue<>();
    private Consumer<? super LockOrderInversion> previous;
    private boolean wasChecking;

    @BeforeEach
    void route() {
        wasChecking = Goroutines.checkLockOrder(false);
        previous = Goroutines.setLockOrderHandler(i -> {
            if (mine.contains(i.first()) || mine.contains(i.second())) {
                reports.add(i);
            }
        });
    }

    @AfterEach
    void restore() {
        Goroutines.setLockOrderHandler(previous);
        Goroutines.checkLockOrder(wasChecking);
    }

    private <L> L mine(L lock) {
        mine.add(lock);
        return lock;
    }

    /** Runs {@code task} in a goroutine and waits for it to end. */
    private static void inGoroutine(dev.go4j.Task task) throws Throwable {
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            g.go(task);
            g.joinAll();
        }
    }

    private static void firstPath(Locker x, Locker y) throws InterruptedException {
        nested(x, y);
    }

    private static void secondPath(Locker x, Locker y) throws InterruptedException {
        nested(x, y);
    }

    private static void nested(Locker outer, Locker inner) throws InterruptedException {
        outer.lock();
        try {
            inner.lock();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }

    private static boolean names(List<StackTraceElement> stack, String method) {
        return stack.stream().anyMatch(f -> f.getClassName().equals(LockOrderTest.class.getName())
                && f.getMethodName().equals(method));
    }

    @Test
    void offByDefault() throws Throwable {
        assertFalse(wasChecking || Boolean.getBoolean("go4j.lockOrder"), "lock-order checking is off by default");
        Mutex a = mine(new Mutex());
        Mutex b = mine(new Mutex());
        inGoroutine(() -> firstPath(a, b));
        inGoroutine(() -> secondPath(b, a));
        assertTrue(reports.isEmpty(), "nothing is checked while off: " + reports);
    }

    @Test
    void inversionIsReportedOnceWithBothStacksInARunThatDidNotDeadlock() throws Throwable {
        Goroutines.checkLockOrder(true);
        Mutex a = mine(new Mutex());
        Mutex b = mine(new Mutex());
        inGoroutine(() -> firstPath(a, b));
        assertTrue(reports.isEmpty(), "one order is fine: " + reports);
        inGoroutine(() -> secondPath(b, a));
        LockOrderInversion inv = reports.poll(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(inv, "the inversion is reported");
        assertSame(a, inv.first());
        assertSame(b, inv.second());
        assertTrue(names(inv.firstThenSecond(), "firstPath"), "a then b: " + inv);
        assertTrue(names(inv.firstLockedAt(), "firstPath"), "a locked: " + inv);
        assertTrue(names(inv.secondThenFirst(), "secondPath"), "b then a: " + inv);
        assertTrue(names(inv.secondLockedAt(), "secondPath"), "b locked: " + inv);
        assertEquals("lock", inv.firstThenSecond().get(0).getMethodName(), "stacks start at the lock call: " + inv);
        String text = inv.toString();
        assertTrue(text.startsWith("go4j: potential deadlock: inconsistent lock order: sync.Mutex@"), text);

        inGoroutine(() -> secondPath(b, a));
        inGoroutine(() -> firstPath(a, b));
        assertTrue(reports.isEmpty(), "reported once per pair: " + reports);
    }

    /** The report names locks made with a name. */
    @Test
    void inversionReportNamesNamedLocks() {
        Mutex accounts = new Mutex("accounts");
        RWMutex ledger = new RWMutex("ledger");
        String text = new LockOrderInversion(accounts, ledger, List.of(), List.of(), List.of(), List.of()).toString();
        assertTrue(text.startsWith("go4j: potential deadlock: inconsistent lock order: sync.Mutex \"accounts\" then "
                + "sync.RWMutex \"ledger\", and sync.RWMutex \"ledger\" then sync.Mutex \"accounts\"\n"), text);
    }

    @Test
    void consistentOrderIsNotReported() throws Throwable {
        Goroutines.checkLockOrder(true);
        Mutex a = mine(new Mutex());
        Mutex b = mine(new Mutex());
        Mutex c = mine(new Mutex());
        inGoroutine(() -> firstPath(a, b));
        inGoroutine(() -> secondPath(a, b));
        inGoroutine(() -> {
            a.lock();
            nested(b, c);
            a.unlock();
        });
        inGoroutine(() -> nested(a, c));
        assertTrue(reports.isEmpty(), "one order throughout: " + reports);
    }

    @Test
    void readLocksCountSinceAWaitingWriterMakesThemDeadlock() throws Throwable {
        Goroutines.checkLockOrder(true);
        RWMutex rw = mine(new RWMutex());
        Mutex m = mine(new Mutex());
        inGoroutine(() -> firstPath(rw.rLocker(), m));
        inGoroutine(() -> secondPath(m, rw));
        LockOrderInversion inv = reports.poll(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(inv, "the inversion is reported");
        assertSame(rw, inv.first());
        assertSame(m, inv.second());
    }

    /** A lock taken by tryLock is held like any other: locks taken under it are ordered after it. */
    @Test
    void lockTakenByTryLockIsHeld() throws Throwable {
        Goroutines.checkLockOrder(true);
        Mutex a = mine(new Mutex());
        Mutex b = mine(new Mutex());
        inGoroutine(() -> {
            assertTrue(a.tryLock());
            b.lock();
            b.unlock();
            a.unlock();
        });
        inGoroutine(() -> secondPath(b, a));
        LockOrderInversion inv = reports.poll(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(inv, "a, taken by tryLock, then b is one order; b then a the other");
        assertSame(a, inv.first());
    }

    @Test
    void lockUnlockedByAnotherGoroutineIsNoLongerHeldByTheOneThatLockedIt() throws Throwable {
        Goroutines.checkLockOrder(true);
        Mutex a = mine(new Mutex());
        Mutex b = mine(new Mutex());
        // Go allows this: one goroutine locks a, another thread unlocks it; the first then takes b alone.
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Chan<String> locked = Chan.make();
            Chan<String> unlocked = Chan.make();
            g.go(() -> {
                a.lock();
                locked.send("a");
                unlocked.recv();
                b.lock();
                b.unlock();
            });
            locked.recv();
            a.unlock();
            unlocked.send("a");
            g.joinAll();
        }
        inGoroutine(() -> secondPath(b, a));
        assertTrue(reports.isEmpty(), "a was not held when b was taken: " + reports);
    }

    private static LockCycle.Member firstMember(LockCycle c) {
        return c.members().get(0);
    }

    @Test
    void lockCycleSaysWhereEachLockWasTakenWhileCheckingIsOn() throws Throwable {
        assumeTrue(LockTesting.CYCLES_DETECTED, "run with -Dgo4j.lockCycles=false");
        Goroutines.checkLockOrder(true);
        Mutex a = mine(new Mutex());
        Mutex b = mine(new Mutex());
        BlockingQueue<LockCycle> cycles = new LinkedBlockingQueue<>();
        Consumer<? super LockCycle> before = Goroutines.setLockCycleHandler(c -> {
            if (c.members().stream().anyMatch(x -> mine.contains(x.waitsFor()))) {
                cycles.add(c);
            }
        });
        WaitGroup bothHoldOne = new WaitGroup();
        bothHoldOne.add(2);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            lockInOrder(g, a, b, bothHoldOne);
            lockInOrder(g, b, a, bothHoldOne);
            LockCycle c = cycles.poll(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(c, "the cycle is reported");
            for (LockCycle.Member x : c.members()) {
                assertNotNull(x.lockedAt(), c.toString());
                assertEquals(LockTesting.class.getName(), x.lockedAt().getClassName(), c.toString());
            }
            assertTrue(c.toString().contains(" (locked at " + firstMember(c).lockedAt() + ") and waits for"), c.toString());
            LockOrderInversion inv = reports.poll(BOUND.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(inv, "the same orders are an inversion too");
        } finally {
            Goroutines.setLockCycleHandler(before);
        }
    }
}
