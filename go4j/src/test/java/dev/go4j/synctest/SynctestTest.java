package dev.go4j.synctest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.ChannelException;
import dev.go4j.TestSupport;
import dev.go4j.Go;
import dev.go4j.Select;
import dev.go4j.context.Context;
import dev.go4j.context.Contexts;
import dev.go4j.runtime.DeadlockError;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Clock;
import dev.go4j.time.ManualClock;
import dev.go4j.time.Time;
import dev.go4j.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Ports of Go's internal/synctest tests, and go4j's rules on top of them. */
class SynctestTest {
    private static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    /**
     * A library constant made while a bubble's goroutine happens to initialize its class (the shared
     * closed channel a context cancelled first returns as its done channel) belongs to no bubble: code
     * outside the bubble can receive from it. Run in a child JVM, so that the context package is first
     * loaded inside the bubble.
     */
    @Test
    void libraryConstantsBelongToNoBubble() throws Exception {
        TestSupport.JavaRun run = TestSupport.runJava(List.of(), FirstContextInABubble.class);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("ok", "ok"), run.lines());
    }

    /**
     * A library thread started while a bubble's goroutine happens to initialize its class (the leak
     * profile's watcher, which runs the leak handler) does not take the bubble's clock with it. Run in a
     * child JVM with the leak profile on, so that its class is first loaded inside the bubble.
     */
    @Test
    void libraryThreadsBelongToNoBubble() throws Exception {
        TestSupport.JavaRun run = TestSupport.runJava(
                List.of("-Djdk.trackAllThreads=false", "-Dgo4j.leakProfile=true"), FirstLeakHandlerInABubble.class);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("ok"), run.lines());
    }

    /** Chan.closed() is closed, shared, and of no bubble. */
    @Test
    void sharedClosedChannelIsUsableInAndOutOfBubbles() throws Exception {
        Chan<Integer> closed = Chan.closed();
        assertEquals(null, closed.recv());
        Synctest.test(() -> assertEquals(null, Chan.<String>closed().recv()));
        assertThrows(ChannelException.class, closed::close, "close of closed channel");
    }

    /** TestNow: the bubble's clock starts at Go's epoch and moves only by the bubble's timers. */
    @Test
    void now() throws Exception {
        Synctest.test(() -> {
            assertEquals(START, Time.now());
            Time.sleep(Duration.ofSeconds(1));
            assertEquals(START.plusSeconds(1), Time.now());
            Chan<Instant> seen = Chan.make();
            Go.go(() -> {
                Time.sleep(Duration.ofSeconds(2));
                seen.send(Time.now());
            });
            assertEquals(START.plusSeconds(3), seen.recv());
        });
        assertNotEquals(2000, Time.now().atZone(java.time.ZoneOffset.UTC).getYear(), "outside: the real clock");
    }

    /** TestRunEmpty. */
    @Test
    void runEmpty() throws Exception {
        Synctest.test(() -> {});
    }

    /** TestSimpleWait: await returns once the other goroutines are blocked on the bubble's channels. */
    @Test
    void simpleWait() throws Exception {
        Synctest.test(() -> {
            Chan<Integer> ch = Chan.make();
            Go.go(() -> ch.recv());
            Go.go(() -> ch.recv());
            Synctest.await();
            ch.close();
        });
    }

    /** TestWaitWithTimer: a goroutine sleeping is durably blocked; await does not move time. */
    @Test
    void waitWithTimer() throws Exception {
        Synctest.test(() -> {
            Chan<Void> done = Chan.make();
            AtomicInteger woke = new AtomicInteger();
            Go.go(() -> {
                Time.sleep(Duration.ofNanos(1));
                woke.incrementAndGet();
                done.close();
            });
            Synctest.await();
            assertEquals(0, woke.get());
            assertEquals(START, Time.now());
            done.recv();
            assertEquals(1, woke.get());
            assertEquals(START.plusNanos(1), Time.now());
        });
    }

    /** TestTimerFromInsideBubble: timers made in the bubble fire, stop and reset in virtual time. */
    @Test
    void timerFromInsideBubble() throws Exception {
        Synctest.test(() -> {
            Timer t = Time.newTimer(Duration.ofSeconds(1));
            assertEquals(START.plusSeconds(1), t.c().recv());
            Timer s = Time.newTimer(Duration.ofSeconds(1));
            Synctest.await();
            assertTrue(s.stop());
            Timer f = Time.afterFunc(Duration.ofSeconds(2), () -> {});
            assertTrue(f.reset(Duration.ofSeconds(3)));
            Time.sleep(Duration.ofSeconds(5));
            assertFalse(f.stop(), "fired at +3s");
            assertEquals(START.plusSeconds(6), Time.now());
        });
    }

    /** Select.timeout, context deadlines follow the bubble's clock. */
    @Test
    void selectTimeoutAndContextDeadline() throws Exception {
        Synctest.test(() -> {
            Chan<Integer> never = Chan.make();
            String r = Select.select(Select.recv(never, v -> "value"), Select.timeout(Duration.ofMinutes(5), () -> "timeout"));
            assertEquals("timeout", r);
            assertEquals(START.plusSeconds(300), Time.now());
            var ctx = Contexts.withTimeout(Contexts.background(), Duration.ofHours(1));
            ctx.context().done().recv();
            assertEquals(START.plusSeconds(300 + 3600), Time.now());
        });
    }

    /**
     * TestTimerFromOutsideBubble: a receive on a timer made outside is not durable; the bubble waits
     * for the real timer instead of failing as deadlocked.
     */
    @Test
    void timerFromOutsideBubble() throws Exception {
        Timer outside = Time.newTimer(Duration.ofHours(1));
        AtomicReference<Thread> inside = new AtomicReference<>();
        Go.go(() -> {
            TestSupport.awaitTrue("bubble started", () -> inside.get() != null);
            TestSupport.awaitParked(inside.get());
            outside.reset(Duration.ZERO); // fires now, on the real clock
        });
        Synctest.test(() -> {
            inside.set(Thread.currentThread());
            outside.c().recv();
        });
        assertFalse(outside.stop());
    }

    /**
     * TestChannelFromOutsideBubble: a bubble goroutine blocked on a channel made outside is not
     * durably blocked; a goroutine outside the bubble completes the operation.
     */
    @Test
    void channelFromOutsideBubble() throws Exception {
        Chan<Integer> outside = Chan.make();
        AtomicReference<Thread> inside = new AtomicReference<>();
        Go.go(() -> {
            TestSupport.awaitTrue("bubble started", () -> inside.get() != null);
            TestSupport.awaitParked(inside.get());
            outside.send(1);
        });
        Synctest.test(() -> {
            inside.set(Thread.currentThread());
            String r = Select.select(Select.recv(outside, v -> "outside"), Select.recv(Chan.<Integer>make(), v -> "inside"));
            assertEquals("outside", r);
        });
    }

    /** A channel or timer of a bubble used from outside it: Go's panics. */
    @Test
    void bubbleChannelFromOutside() throws Exception {
        AtomicReference<Chan<Integer>> leaked = new AtomicReference<>();
        AtomicReference<Timer> timer = new AtomicReference<>();
        Synctest.test(() -> {
            leaked.set(Chan.make(1));
            timer.set(Time.newTimer(Duration.ofSeconds(1)));
            timer.get().stop();
        });
        Chan<Integer> ch = leaked.get();
        assertEquals("send on synctest channel from outside bubble",
                assertThrows(ChannelException.class, () -> ch.send(1)).getMessage());
        assertEquals("send on synctest channel from outside bubble",
                assertThrows(ChannelException.class, () -> ch.trySend(1)).getMessage());
        assertEquals("receive on synctest channel from outside bubble",
                assertThrows(ChannelException.class, ch::recv).getMessage());
        assertEquals("receive on synctest channel from outside bubble",
                assertThrows(ChannelException.class, () -> timer.get().c().tryRecv()).getMessage());
        assertEquals("select on synctest channel from outside bubble",
                assertThrows(ChannelException.class, () -> Select.select(Select.recv(ch, v -> v), Select.defaultCase(() -> 0))).getMessage());
        assertEquals("close of synctest channel from outside bubble",
                assertThrows(ChannelException.class, ch::close).getMessage());
        assertEquals("synctest timer accessed from outside bubble",
                assertThrows(IllegalStateException.class, () -> timer.get().reset(Duration.ofSeconds(1))).getMessage());
        assertEquals("synctest timer accessed from outside bubble",
                assertThrows(IllegalStateException.class, () -> timer.get().stop()).getMessage());
    }

    /** TestDeadlockRoot: the body blocked forever with nothing pending fails at once, with the dump. */
    @Test
    void deadlockRoot() {
        DeadlockError e = assertThrows(DeadlockError.class, () -> Synctest.test(() -> Chan.<Integer>make().recv()));
        assertEquals("deadlock: all goroutines in bubble are blocked", e.getMessage());
        assertTrue(e.dump().contains("[chan receive"), e.dump());
    }

    /**
     * TestDeadlockChild: the body waits for a child blocked forever. The child, interrupted when the
     * bubble fails, panics (printed, captured here).
     */
    @Test
    void deadlockChild() throws Exception {
        AtomicReference<Thread> child = new AtomicReference<>();
        String err = TestSupport.capturingErr(() -> {
            DeadlockError e = assertThrows(DeadlockError.class, () -> Synctest.test(() -> {
                Chan<Integer> never = Chan.make();
                Chan<Void> done = Chan.make();
                child.set(Go.go(() -> {
                    never.recv();
                    done.close();
                }));
                done.recv();
            }));
            assertEquals("deadlock: all goroutines in bubble are blocked", e.getMessage());
            assertEquals(2, e.dump().split("\n\n").length, e.dump());
            TestSupport.join(child.get());
        });
        assertInterruptedPanic(err, "deadlockChild");
    }

    /**
     * A goroutine still blocked when the body returned fails the test with its dump. The goroutine,
     * interrupted then, panics (printed, captured here).
     */
    @Test
    void leakAfterBodyReturns() throws Exception {
        AtomicReference<Thread> leaked = new AtomicReference<>();
        String err = TestSupport.capturingErr(() -> {
            DeadlockError e = assertThrows(DeadlockError.class,
                    () -> Synctest.test(() -> leaked.set(Go.go(() -> Chan.make().recv()))));
            assertEquals("deadlock: main bubble goroutine has exited but blocked goroutines remain", e.getMessage());
            assertTrue(e.dump().contains("[chan receive"), e.dump());
            TestSupport.join(leaked.get());
        });
        assertInterruptedPanic(err, "leakAfterBodyReturns");
    }

    /** {@code err} is the one panic of a goroutine started by test method {@code test}, interrupted while blocked. */
    private static void assertInterruptedPanic(String err, String test) {
        assertTrue(err.startsWith("panic: java.lang.InterruptedException"), err);
        assertEquals(err.indexOf("panic: "), err.lastIndexOf("panic: "), "one panic:\n" + err);
        assertTrue(err.contains("\ncreated by ") && err.contains(".lambda$" + test + "$"), err);
    }

    /** After the body returns, the bubble runs its remaining goroutines to their end in virtual time. */
    @Test
    void waitsForGoroutinesAfterBody() throws Exception {
        List<Instant> ends = new ArrayList<>();
        Synctest.test(() -> Go.go(() -> {
            Time.sleep(Duration.ofDays(1));
            ends.add(Time.now());
        }));
        assertEquals(List.of(START.plus(Duration.ofDays(1))), ends);
    }

    /** TestWaitGroup: a WaitGroup's wait is durable, and completes in virtual time. */
    @Test
    void waitGroup() throws Exception {
        Synctest.test(() -> {
            WaitGroup wg = new WaitGroup();
            wg.add(1);
            Go.go(() -> {
                Time.sleep(Duration.ofSeconds(1));
                wg.done();
            });
            Synctest.await();
            assertEquals(START, Time.now());
            wg.await();
            assertEquals(START.plusSeconds(1), Time.now());
        });
    }

    /**
     * TestWaitGroupOutOfBubble: a wait on a WaitGroup made outside the bubble is not durable; a
     * goroutine outside releases it.
     */
    @Test
    void waitGroupOutOfBubble() throws Exception {
        WaitGroup wg = new WaitGroup();
        wg.add(1);
        AtomicReference<Thread> inside = new AtomicReference<>();
        Go.go(() -> {
            TestSupport.awaitTrue("bubble started", () -> inside.get() != null);
            TestSupport.awaitParked(inside.get());
            wg.done();
        });
        Synctest.test(() -> {
            inside.set(Thread.currentThread());
            wg.await();
        });
    }

    /** A go4j Mutex held by a sleeping goroutine of the bubble: its waiter is durably blocked. */
    @Test
    void mutexIsDurable() throws Exception {
        Synctest.test(() -> {
            Mutex mu = new Mutex();
            mu.lock();
            Go.go(() -> {
                Time.sleep(Duration.ofSeconds(1));
                mu.unlock();
            });
            mu.lock();
            assertEquals(START.plusSeconds(1), Time.now());
            mu.unlock();
        });
    }

    /**
     * A goroutine of the bubble interrupted while durably blocked is running again: await waits until
     * it has reacted to the interrupt, not only until its park has returned.
     */
    @Test
    void interruptedGoroutineIsNotBlocked() throws Exception {
        for (int run = 0; run < 1000; run++) {
            int r = run;
            Synctest.test(() -> {
                AtomicBoolean reacted = new AtomicBoolean();
                Thread g = Go.go(() -> {
                    try {
                        Chan.make().recv();
                    } catch (InterruptedException e) {
                        reacted.set(true);
                    }
                });
                Synctest.await();
                g.interrupt();
                Synctest.await();
                assertTrue(reacted.get(), "run " + r + ": await returned before the interrupted goroutine ran");
            });
        }
    }

    /**
     * A timer of a bubble collected unreferenced is cancelled by whoever makes the next timer, outside
     * the bubble or in another one: housekeeping, not an access from outside the bubble.
     */
    @Test
    void collectedTimerOfABubbleIsCancelledFromOutside() throws Exception {
        AtomicReference<ManualClock> bubbleClock = new AtomicReference<>();
        Synctest.test(() -> {
            bubbleClock.set((ManualClock) Clock.current());
            Time.after(Duration.ofHours(1));
        });
        assertEquals(1, bubbleClock.get().pending());
        TestSupport.awaitTrue("the collected timer of the bubble is cancelled", () -> {
            System.gc();
            Time.newTimer(Duration.ofHours(1)).stop();
            return bubbleClock.get().pending() == 0;
        });
    }

    /** TestHappensBefore: what goroutines did before they blocked is visible after await. */
    @Test
    void happensBefore() throws Exception {
        Synctest.test(() -> {
            int[] v = new int[1];
            Chan<Void> start = Chan.make();
            Go.go(() -> {
                v[0] = 1;
                start.recv();
            });
            Synctest.await();
            assertEquals(1, v[0]);
            v[0] = 2;
            start.close();
            Synctest.await();
        });
    }

    /** Nested bubbles are an error, with Go's message. */
    @Test
    void nestedBubble() throws Exception {
        Synctest.test(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> Synctest.test(() -> {}));
            assertEquals("synctest.Run called from within a synctest bubble", e.getMessage());
        });
    }

    /** await outside a bubble: Go's panic. */
    @Test
    void awaitOutsideBubble() {
        IllegalStateException e = assertThrows(IllegalStateException.class, Synctest::await);
        assertEquals("goroutine is not in a bubble", e.getMessage());
    }

    /** The body's exception is the test's. */
    @Test
    void bodyFailurePropagates() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Synctest.test(() -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", e.getMessage());
    }

    /**
     * A heartbeat in virtual time: a worker beats every 10 s while it works 35 s; the pulses arrive at
     * exact virtual times, 1,000 bubbles in a row.
     */
    @Test
    void heartbeatExactTimesThousandTimes() throws Exception {
        for (int i = 0; i < 1000; i++) {
            List<Duration> beats = new ArrayList<>();
            Synctest.test(() -> {
                Instant t0 = Time.now();
                Chan<Boolean> pulse = Chan.make(1);
                Chan<Void> done = Chan.make();
                Go.go(() -> {
                    var tick = Time.newTicker(Duration.ofSeconds(10));
                    var work = Time.after(Duration.ofSeconds(35));
                    for (boolean working = true; working; ) {
                        working = Select.select(
                                Select.recv(tick.c(), t -> { pulse.trySend(true); return true; }),
                                Select.recv(work, t -> false));
                    }
                    tick.stop();
                    done.close();
                });
                for (boolean more = true; more; ) {
                    more = Select.select(
                            Select.recv(pulse, v -> { beats.add(Time.since(t0)); return true; }),
                            Select.recv(done, v -> false));
                }
            });
            assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30)), beats, "run " + i);
        }
    }
}
