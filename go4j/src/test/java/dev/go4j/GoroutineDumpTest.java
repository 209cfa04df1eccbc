package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.awaitTrue;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.runtime.GoroutineInfo;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.Once;
import dev.go4j.sync.RWMutex;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The goroutine dump (Go's {@code runtime.Stack(buf, true)} and the crash dump): each goroutine started
 * by {@link Go#go} is listed with its id, Go's wait reason for the go4j call it is parked in, its stack
 * from that call down to its task, and the frame that started it ("created by ... in goroutine N").
 */
@Timeout(60)
class GoroutineDumpTest {

    @BeforeAll
    static void recordCreatedBy() {
        dev.go4j.runtime.Goroutines.recordCreatedBy();
    }

    private static GoroutineInfo infoOf(Thread t) {
        return dev.go4j.runtime.Goroutines.all().stream().filter(g -> g.thread() == t).findFirst()
                .orElseThrow(() -> new AssertionError(t + " not listed"));
    }

    /** Starts {@code body} in a goroutine, waits until it is parked in go4j, and returns its snapshot. */
    private static GoroutineInfo parked(Thread t) {
        awaitParked(t);
        return infoOf(t);
    }

    @Test
    void blockedReceiveIsListedWithReasonStackAndCreator() throws Exception {
        Chan<String> ch = Chan.make();
        Thread t = Go.go(() -> ch.recv()); // this line is the "created by" frame
        try {
            GoroutineInfo g = parked(t);
            assertEquals("chan receive", g.state());
            assertTrue(g.blocked());
            assertNotNull(g.waited());
            assertEquals("dev.go4j.Chan", g.stack().get(0).getClassName());
            assertEquals("recv", g.stack().get(0).getMethodName());
            assertTrue(g.stack().stream().anyMatch(f -> f.getClassName().equals(GoroutineDumpTest.class.getName())),
                    "the task's frames are listed: " + g.stack());
            assertFalse(g.stack().stream().anyMatch(f -> f.getClassName().startsWith("java.lang.VirtualThread")
                    || f.getClassName().equals("dev.go4j.internal.Waiter")), "runtime frames are cut: " + g.stack());
            assertEquals(GoroutineDumpTest.class.getName(), g.createdBy().getClassName());
            assertEquals("blockedReceiveIsListedWithReasonStackAndCreator", g.createdBy().getMethodName());
            assertEquals(0, g.parentId(), "started by the test thread, not a goroutine");

            String dump = dev.go4j.runtime.Goroutines.dump();
            // A frame prints as StackTraceElement does: "dev.go4j@<version>/dev.go4j.Chan.recv(..)" on the module path.
            assertTrue(Pattern.compile("goroutine " + g.id() + " \\[chan receive\\]:\n\tat (\\S+/)?dev\\.go4j\\.Chan\\.recv\\(")
                    .matcher(dump).find(), dump);
            assertTrue(Pattern.compile("created by (\\S+/)?" + Pattern.quote(GoroutineDumpTest.class.getName()
                    + ".blockedReceiveIsListedWithReasonStackAndCreator(")).matcher(dump).find(), dump);
        } finally {
            ch.close();
            join(t);
        }
    }

    @Test
    void createdByNamesTheParentGoroutine() throws Exception {
        Chan<Thread> inner = Chan.make(1);
        Chan<String> block = Chan.make();
        Thread outer = Go.go(() -> inner.send(Go.go(() -> block.recv())));
        Thread child = inner.recv();
        try {
            join(outer);
            GoroutineInfo g = parked(child);
            assertEquals(Long.parseLong(outer.getName().substring("goroutine-".length())), g.parentId());
            assertTrue(g.toString().contains(" in goroutine " + g.parentId() + "\n"), g.toString());
        } finally {
            block.close();
            join(child);
        }
    }

    /**
     * The "created by" site of a lambda's goroutines is walked for until it is known, then reused: every
     * goroutine of a loop names the loop's line.
     */
    @Test
    void createdByOfGoroutinesStartedInALoop() throws Exception {
        Chan<Void> release = Chan.make();
        List<Thread> threads = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                threads.add(Go.go(() -> release.recv())); lines.add(new Throwable().getStackTrace()[0].getLineNumber());
            }
            for (int i = 0; i < threads.size(); i++) {
                StackTraceElement c = infoOf(threads.get(i)).createdBy();
                assertEquals("createdByOfGoroutinesStartedInALoop", c.getMethodName(), "goroutine " + i);
                assertEquals(lines.get(i), c.getLineNumber(), "goroutine " + i);
            }
        } finally {
            release.close();
            for (Thread t : threads) {
                join(t);
            }
        }
    }

    /** One task object started from two call sites: each goroutine names its own, however many there are. */
    @Test
    void createdByOfOneTaskStartedFromTwoSites() throws Exception {
        Chan<Void> release = Chan.make();
        Task task = release::recv;
        List<Thread> threads = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                threads.add(Go.go(task)); lines.add(new Throwable().getStackTrace()[0].getLineNumber());
                threads.add(Go.go(task)); lines.add(new Throwable().getStackTrace()[0].getLineNumber());
            }
            for (int i = 0; i < threads.size(); i++) {
                assertEquals(lines.get(i), infoOf(threads.get(i)).createdBy().getLineNumber(), "goroutine " + i);
            }
        } finally {
            release.close();
            for (Thread t : threads) {
                join(t);
            }
        }
    }

    @Test
    void waitReasonsFollowGo() throws Exception {
        Chan<Integer> full = Chan.make();
        Chan<Integer> empty = Chan.make();
        Chan<Integer> nil = Chan.nil();
        Thread send = Go.go(() -> full.send(1));
        Thread select = Go.go(() -> Select.select(Select.recv(empty, v -> v), Select.recv(nil, v -> v)));
        Thread nilRecv = Go.go(() -> nil.recv());
        Thread nilSend = Go.go(() -> nil.send(1));
        Thread noCases = Go.go(() -> Select.select());
        Thread range = Go.go(() -> {
            for (Integer v : empty) {
                assertNotNull(v);
            }
        });
        Thread timedSelect = Go.go(() -> Select.select(Select.recv(empty, v -> v),
                Select.timeout(Duration.ofDays(1), () -> 0)));
        Thread[] all = {send, select, nilRecv, nilSend, noCases, range, timedSelect};
        try {
            assertEquals("chan send", parked(send).state());
            assertEquals("select", parked(select).state());
            assertEquals("chan receive (nil chan)", parked(nilRecv).state());
            assertEquals("chan send (nil chan)", parked(nilSend).state());
            assertEquals("select (no cases)", parked(noCases).state());
            assertEquals("chan receive", parked(range).state());
            GoroutineInfo timed = parked(timedSelect);
            assertEquals("select", timed.state());
            assertFalse(timed.blocked(), "a wait with a deadline can end by itself");
        } finally {
            Go.setPanicHandler((t, e) -> {}); // the interrupted goroutines end by throwing
            try {
                for (Thread t : all) {
                    t.interrupt();
                }
                for (Thread t : all) {
                    join(t);
                }
            } finally {
                Go.setPanicHandler(null);
            }
        }
    }

    @Test
    void syncWaitsAreNamedAsGoNamesThem() throws Exception {
        Mutex mu = new Mutex();
        RWMutex rw = new RWMutex();
        Once once = new Once();
        Chan<Boolean> release = Chan.make();
        mu.lock();
        rw.lock();
        Thread onceRunner = Go.go(() -> once.run(() -> {
            try {
                release.recv();
            } catch (InterruptedException e) {
                throw new UncheckedInterruptedException(e);
            }
        }));
        awaitParked(onceRunner);
        Thread lock = Go.go(mu::lock);
        Thread rLocker = Go.go(() -> rw.rLocker().lock());
        Thread onceWaiter = Go.go(() -> once.run(() -> {}));
        try {
            assertEquals("sync.Mutex.Lock", parked(lock).state());
            assertEquals("sync.RWMutex.RLock", parked(rLocker).state(), "a reader, not a writer");
            assertEquals("sync.Mutex.Lock", parked(onceWaiter).state(), "Go's Once waits in its mutex");
        } finally {
            mu.unlock();
            rw.unlock();
            release.close();
            join(lock);
            join(rLocker);
            join(onceRunner);
            join(onceWaiter);
        }
    }

    @Test
    void waitsOutsideGo4jAreNotBlockedOnGo4j() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        lock.lock();
        Thread jdkLock = Go.go(lock::lockInterruptibly);
        AtomicBoolean stop = new AtomicBoolean();
        Thread running = Go.go(() -> {
            while (!stop.get()) {
                Thread.onSpinWait();
            }
        });
        try {
            awaitTrue("the goroutine waits for the JDK lock", () -> lock.hasQueuedThread(jdkLock));
            GoroutineInfo g = infoOf(jdkLock);
            assertEquals("waiting", g.state());
            assertFalse(g.blocked());
            assertNull(g.waited());
            assertEquals("running", infoOf(running).state());
            assertFalse(infoOf(running).blocked());
        } finally {
            lock.unlock();
            stop.set(true);
            join(jdkLock);
            join(running);
        }
    }
}
