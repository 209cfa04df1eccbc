package dev.go4j.runtime;

import static dev.go4j.TestSupport.BOUND;
import static dev.go4j.runtime.LockTesting.awaitLockWait;
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
import java.util.concurrent.CountDownLatch;
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
        assumeTrue(LockTesting.CYCLES_DETECTED, "run with -Dgo4j.lockCycles=false");
        previous = Goroutines.setLockCycleHandler(c -> {
            if (c.members().stream().anyMatch(m -> mine.contains(m.waitsFor()))) {
                reports.add(c);
            }
        });
    }

    @AfterEach
    void restore() {
        if (LockTesting.CYCLES_DETECTED) {
            Goroutines.setLockCycleHandler(previous);
        }
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
        Set<String> testCode = Set.of(LockTesting.class.getName(), LockCycleTest.class.getName());
        assertTrue(m.stack().stream().anyMatch(f -> testCode.contains(f.getClassName())),
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

    /** Locks made with a name are reported by it; an unnamed one by its identity hash. */
    @Test
    void namedLocksAreReportedByName() throws Throwable {
        Mutex accounts = mine(new Mutex("accounts"));
        RWMutex index = mine(new RWMutex("index"));
        Mutex unnamed = mine(new Mutex());
        WaitGroup allHoldOne = new WaitGroup();
        allHoldOne.add(3);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            long ga = goroutineId(lockInOrder(g, accounts, index, allHoldOne).thread());
            long gi = goroutineId(lockInOrder(g, index, unnamed, allHoldOne).thread());
            long gu = goroutineId(lockInOrder(g, unnamed, accounts, allHoldOne).thread());
            String text = awaitReport().toString();
            String u = "sync.Mutex@" + Integer.toHexString(System.identityHashCode(unnamed));
            assertTrue(text.contains("goroutine " + ga + " holds sync.Mutex \"accounts\" and waits for sync.RWMutex \"index\" held by goroutine " + gi + "\n"), text);
            assertTrue(text.contains("goroutine " + gi + " holds sync.RWMutex \"index\" and waits for " + u + " held by goroutine " + gu + "\n"), text);
            assertTrue(text.contains("goroutine " + gu + " holds " + u + " and waits for sync.Mutex \"accounts\" held by goroutine " + ga + "\n"), text);
            assertTrue(text.contains("\ngoroutine " + gu + " [waiting for sync.Mutex \"accounts\"]:\n"), text);
        }
        assertEquals("sync.Mutex \"accounts\"", accounts.toString());
        assertEquals("sync.RWMutex \"index\"", index.toString());
    }

    private static long goroutineId(Thread t) {
        return Long.parseLong(t.getName().substring("goroutine-".length()));
    }

    @Test
    void threeGoroutineCycleIsReportedInWaitForOrder() throws Throwable {
        Mutex[] locks = {mine(new Mutex()), mine(new Mutex()), mine(new Mutex())};
        WaitGroup allHoldOne = new WaitGroup();
        allHoldOne.add(3);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread[] ts = new Thread[3];
            for (int i = 0; i < 3; i++) {
                ts[i] = lockInOrder(g, locks[i], locks[(i + 1) % 3], allHoldOne).thread();
            }
            LockCycle c = awaitReport();
            assertEquals(3, c.members().size(), c.toString());
            for (int i = 0; i < 3; i++) {
                assertMember(c, ts[i], locks[i], locks[(i + 1) % 3]);
                LockCycle.Member m = c.members().get(i);
                assertSame(m.waitsFor(), c.members().get((i + 1) % 3).holds(), "wait-for order: " + c);
            }
            TestSupport.awaitParked(ts);
        }
        assertTrue(reports.isEmpty(), "reported once: " + reports);
    }

    @Test
    void rwMutexWriterCycleIsReported() throws Throwable {
        RWMutex a = mine(new RWMutex());
        RWMutex b = mine(new RWMutex());
        WaitGroup bothHoldOne = new WaitGroup();
        bothHoldOne.add(2);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread ab = lockInOrder(g, a, b, bothHoldOne).thread();
            Thread ba = lockInOrder(g, b, a, bothHoldOne).thread();
            LockCycle c = awaitReport();
            assertEquals(2, c.members().size(), c.toString());
            assertMember(c, ab, a, b);
            assertMember(c, ba, b, a);
            assertTrue(c.toString().contains("holds sync.RWMutex@"), c.toString());
        }
    }

    @Test
    void readLockTakenAgainBehindAWaitingWriterIsACycle() throws Throwable {
        // Go's documented RWMutex deadlock: a reader locks again while a writer waits for it.
        RWMutex rw = mine(new RWMutex());
        CountDownLatch writerWaits = new CountDownLatch(1);
        CountDownLatch readerIn = new CountDownLatch(1);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread reader = g.go(() -> readTwice(rw, readerIn, writerWaits));
            g.await(readerIn, "the first read lock");
            Thread writer = g.go(() -> {
                rw.lock();
                rw.unlock();
            });
            awaitLockWait(writer);
            writerWaits.countDown();
            LockCycle c = awaitReport();
            assertEquals(2, c.members().size(), c.toString());
            LockCycle.Member r = c.members().stream().filter(m -> m.thread() == reader).findFirst().orElseThrow();
            LockCycle.Member w = c.members().stream().filter(m -> m.thread() == writer).findFirst().orElseThrow();
            assertSame(rw, r.holds());
            assertSame(rw, w.waitsFor());
        }
    }

    @Test
    void readerWaitingForAMutexWhoseHolderWaitsForTheReadersIsACycle() throws Throwable {
        RWMutex rw = mine(new RWMutex());
        Mutex m = mine(new Mutex());
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            Thread reader = g.go(() -> holdThenLock(rw.rLocker(), m, bothHoldOne));
            Thread writer = g.go(() -> holdThenLock(m, rw, bothHoldOne));
            LockCycle c = awaitReport();
            assertEquals(2, c.members().size(), c.toString());
            assertMember(c, reader, rw, m);
            assertMember(c, writer, m, rw);
        }
    }

    /** Locks {@code held}, waits until the other goroutine holds its lock too, then locks {@code wanted}. */
    private static void holdThenLock(Locker held, Locker wanted, CountDownLatch bothHoldOne) throws InterruptedException {
        held.lock();
        try {
            bothHoldOne.countDown();
            bothHoldOne.await();
            wanted.lock();
            wanted.unlock();
        } finally {
            held.unlock();
        }
    }

    private static void readTwice(RWMutex rw, CountDownLatch readerIn, CountDownLatch writerWaits)
            throws InterruptedException {
        rw.rLock();
        try {
            readerIn.countDown();
            writerWaits.await();
            rw.rLock();
            rw.rUnlock();
        } finally {
            rw.rUnlock();
        }
    }

    @Test
    void chainEndingInAGoroutineThatCanRunIsNotACycle() throws Throwable {
        // A waits for b (held by B), B waits for c (held by C), C waits on a channel: not on a lock.
        Mutex b = mine(new Mutex());
        Mutex c = mine(new Mutex());
        Chan<String> go = Chan.make();
        CountDownLatch cHeld = new CountDownLatch(1);
        CountDownLatch bHeld = new CountDownLatch(1);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            g.go(() -> holdUntil(c, cHeld, go));
            g.await(cHeld, "c held");
            Thread bWaitsC = g.go(() -> {
                b.lock();
                bHeld.countDown();
                c.lock();
                c.unlock();
                b.unlock();
            });
            g.await(bHeld, "b held");
            Thread aWaitsB = g.go(() -> {
                b.lock();
                b.unlock();
            });
            awaitLockWait(bWaitsC);
            awaitLockWait(aWaitsB);
            assertTrue(reports.isEmpty(), "a chain is not a cycle: " + reports);
            assertTrue(Goroutines.lockCycles().stream().noneMatch(x -> x.members().stream()
                    .anyMatch(m -> mine.contains(m.waitsFor()))));
            go.send("go");
            g.joinAll();
        }
        assertTrue(reports.isEmpty(), "a chain is not a cycle: " + reports);
    }

    private static void holdUntil(Locker l, CountDownLatch held, Chan<String> go) throws InterruptedException {
        l.lock();
        try {
            held.countDown();
            go.recv();
        } finally {
            l.unlock();
        }
    }

    @Test
    void tryLockNeverWaitsSoIsNeverInACycle() throws Throwable {
        Mutex a = mine(new Mutex());
        Mutex b = mine(new Mutex());
        Chan<String> go = Chan.make();
        CountDownLatch held = new CountDownLatch(1);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            TestSupport.Call<Boolean> tries = g.call(() -> {
                b.lock();
                try {
                    held.countDown();
                    go.recv();
                    return a.tryLock(); // a is held by the goroutine waiting for b: would close a cycle
                } finally {
                    b.unlock();
                }
            });
            g.await(held, "b held");
            Thread waitsB = g.go(() -> {
                a.lock();
                try {
                    b.lock();
                    b.unlock();
                } finally {
                    a.unlock();
                }
            });
            awaitLockWait(waitsB);
            go.send("go");
            assertFalse(tries.get());
            g.joinAll();
        }
        assertTrue(reports.isEmpty(), "tryLock does not wait: " + reports);
    }

    @Test
    void everyCycleClosedByARaceIsReportedExactlyOnce() throws Throwable {
        // Both members reach their second lock at about the same time: whichever registers last must see
        // the other, and only one of them reports.
        int rounds = TestSupport.scaled(40, 400);
        for (int i = 0; i < rounds; i++) {
            Mutex a = mine(new Mutex());
            Mutex b = mine(new Mutex());
            WaitGroup bothHoldOne = new WaitGroup();
            bothHoldOne.add(2);
            try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
                TestSupport.Call<String> ab = lockInOrder(g, a, b, bothHoldOne);
                TestSupport.Call<String> ba = lockInOrder(g, b, a, bothHoldOne);
                LockCycle c = awaitReport();
                assertEquals(Set.of(a, b), Set.of(c.members().get(0).waitsFor(), c.members().get(1).waitsFor()));
                awaitLockWait(ab.thread());
                awaitLockWait(ba.thread());
                assertTrue(reports.isEmpty(), "round " + i + " reported twice: " + reports);
                (i % 2 == 0 ? ab : ba).thread().interrupt();
                assertEquals(List.of("both", "interrupted"), List.of(ab.get(), ba.get()).stream().sorted().toList());
            }
        }
    }

    @Test
    void contendedLocksTakenInOneOrderAreNeverReported() throws Throwable {
        Mutex a = mine(new Mutex());
        Mutex b = mine(new Mutex());
        RWMutex rw = mine(new RWMutex());
        int iterations = TestSupport.scaled(2_000, 50_000);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int w = 0; w < 4; w++) {
                boolean writer = w % 2 == 0;
                g.go(() -> {
                    for (int i = 0; i < iterations; i++) {
                        Locker l = writer ? rw : rw.rLocker();
                        l.lock();
                        a.lock();
                        b.lock();
                        b.unlock();
                        a.unlock();
                        l.unlock();
                    }
                });
            }
            g.joinAll();
        }
        assertTrue(reports.isEmpty(), "one lock order cannot deadlock: " + reports);
    }
}
