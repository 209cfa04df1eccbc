package dev.go4j.synctest;

import dev.go4j.Go;
import dev.go4j.Task;
import dev.go4j.internal.Waiter;
import dev.go4j.internal.diag.Bubble;
import dev.go4j.runtime.DeadlockError;
import dev.go4j.runtime.GoroutineInfo;
import dev.go4j.runtime.Goroutines;
import dev.go4j.time.Clock;
import dev.go4j.time.ManualClock;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Go 1.25's {@code testing/synctest}: concurrent code tested in virtual time, deterministically.
 *
 * <pre>{@code
 * Synctest.test(() -> {                                 // synctest.Test(t, func(t *testing.T) {
 *     Instant start = Time.now();                       //   2000-01-01T00:00:00Z
 *     Chan<String> done = Chan.make();
 *     Go.go(() -> { Time.sleep(Duration.ofHours(1)); done.send("late"); });
 *     done.recv();                                      //   an hour later, in microseconds
 *     Duration waited = Time.since(start);              //   exactly one hour
 * });
 * }</pre>
 *
 * <p><b>The bubble.</b> {@link #test} runs its body as a goroutine in a new <em>bubble</em>; every
 * goroutine started inside (by {@code Go.go}, an {@code ErrGroup}, a pattern, an {@code afterFunc})
 * belongs to it. The bubble has its own clock, {@link Clock#current()} for its goroutines: it starts at
 * 2000-01-01T00:00:00Z (Go's choice) and moves only when every goroutine of the bubble is durably
 * blocked, straight to the bubble's next timer. So {@code Time.now/sleep/after/tick/newTimer/afterFunc},
 * {@code Select.timeout}, context deadlines and {@code rate.Limiter} all run in virtual time, and a
 * test of an hour of heartbeats runs in milliseconds.
 *
 * <p><b>Durably blocked</b> is a goroutine parked in go4j's parking core without a deadline on
 * something made in its bubble: a channel or a select on such channels, a timer, ticker or sleep of the
 * bubble, a {@code Cond}, {@code WaitGroup}, {@code Once}, a go4j {@code Mutex}/{@code RWMutex}, or the
 * semaphore inside them. Go leaves its mutexes out because a mutex may be held by a goroutine outside
 * the bubble, which runs on its own; go4j knows where each lock was made and counts one made in the
 * bubble: like the bubble's channels it is for the bubble's goroutines (a rule go4j checks for channels
 * and timers, not for locks), so a goroutine waiting for it can only be released by the bubble, and
 * a test of code that serializes on a lock needs no special case. Not durable: a wait on anything made
 * outside the bubble (something outside may release it), I/O, JDK locks and queues,
 * {@code Thread.sleep}, {@code Object.wait}, any timed JDK wait: the bubble waits for those as for
 * running code.
 *
 * <p><b>Isolation.</b> A channel made in the bubble belongs to it: a send, receive, close or select on
 * it from any other thread throws {@code ChannelException} with Go's message ({@code send on synctest
 * channel from outside bubble}, ...), and so does stopping or resetting a timer or ticker of the
 * bubble from outside ({@code synctest timer accessed from outside bubble}).
 *
 * <p><b>Failures.</b> When every goroutine of the bubble is durably blocked and no timer of the bubble
 * is pending, nothing can ever move it: {@link #test} fails at once with {@link DeadlockError}
 * ({@code deadlock: all goroutines in bubble are blocked}) holding the dump of the bubble's goroutines.
 * After the body returns, {@link #test} waits (in virtual time) for the bubble's other goroutines to
 * end, and fails the same way ({@code deadlock: main bubble goroutine has exited but blocked goroutines
 * remain}) if they cannot. The goroutines left blocked are interrupted.
 *
 * <p><b>Static initializers.</b> Go runs every package's {@code init} before {@code main}; Java
 * initializes a class when it is first used. A class whose static initializer makes a channel, timer or
 * go4j lock, first used by a goroutine of a bubble, makes it in that bubble: a later use of the channel
 * or timer from outside throws, and a wait on the lock in another bubble is never durable. Initialize
 * such a class before the bubble (touch it in the test's setup), or make the object where it is used;
 * go4j's own constants belong to no bubble ({@code Chan.nil()}, {@code Chan.closed()}).
 *
 * <p>Real-time cost: a bubble is driven by the thread that called {@link #test}; each step of virtual
 * time costs two thread hand-offs, microseconds.
 */
public final class Synctest {
    private Synctest() {}

    /**
     * Runs {@code body} as a goroutine in a new bubble and returns when it and every goroutine it
     * started have ended: Go's {@code synctest.Test}.
     *
     * @throws IllegalStateException "synctest.Run called from within a synctest bubble" if called in a bubble
     * @throws DeadlockError if the bubble's goroutines deadlock, or remain blocked after {@code body} returned
     * @throws Exception whatever {@code body} threw
     * @throws InterruptedException if the calling thread is interrupted (the bubble's goroutines are then
     *     interrupted too)
     */
    public static void test(Task body) throws Exception {
        Objects.requireNonNull(body, "body");
        if (Bubble.current() != null) {
            throw new IllegalStateException("synctest.Run called from within a synctest bubble");
        }
        Goroutines.recordCreatedBy(); // a failure is a dump
        ManualClock clock = new ManualClock();
        Root root = new Root();
        Bubble bubble = Bubble.open();
        try {
            Clock.using(clock, () -> {
                Go.go(() -> {
                    try {
                        body.run();
                        root.returned = true;
                    } catch (Throwable t) {
                        root.failure = t;
                    }
                });
                drive(bubble, clock, root);
                return null;
            });
        } catch (Throwable t) {
            bubble.threads().forEach(Thread::interrupt);
            throw t;
        } finally {
            bubble.close();
        }
        if (root.failure instanceof Exception e) {
            throw e;
        }
        if (root.failure instanceof Error e) {
            throw e;
        }
    }

    /**
     * Waits until every other goroutine of the calling goroutine's bubble is durably blocked: Go's
     * {@code synctest.Wait}. What they did before they blocked happens-before it returns.
     *
     * @throws IllegalStateException "goroutine is not in a bubble" when called outside one, or "wait
     *     already in progress" when another goroutine of the bubble is waiting (Go's panics)
     * @throws InterruptedException if interrupted while waiting
     */
    public static void await() throws InterruptedException {
        Bubble bubble = Bubble.current();
        if (bubble == null) {
            throw new IllegalStateException("goroutine is not in a bubble");
        }
        Waiter w = Waiter.receiver();
        bubble.awaiting(w);
        try {
            w.await(Long.MAX_VALUE);
        } finally {
            bubble.awaited(w);
        }
    }

    /** How the bubble's root goroutine, the body, ended: written by it, read by the driver. */
    private static final class Root {
        volatile boolean returned;
        volatile Throwable failure;
    }

    /**
     * The driver: each time the bubble settles, releases its {@link #await}, else moves its clock to
     * the next timer, else fails. The channel of the clock's actions is the lock of the bubble, so
     * whatever a goroutine did before it blocked happens-before the timers that then fire.
     */
    private static void drive(Bubble bubble, ManualClock clock, Root root) throws InterruptedException {
        while (bubble.awaitSettled()) {
            if (!bubble.releaseAwaiting() && !clock.advanceToNext()) {
                throw deadlock(bubble, root.returned
                        ? "deadlock: main bubble goroutine has exited but blocked goroutines remain"
                        : "deadlock: all goroutines in bubble are blocked");
            }
        }
    }

    private static DeadlockError deadlock(Bubble bubble, String message) {
        Set<Thread> members = new HashSet<>(bubble.threads());
        String dump = Goroutines.all().stream()
                .filter(g -> members.contains(g.thread()))
                .map(GoroutineInfo::toString)
                .collect(Collectors.joining("\n"));
        return new DeadlockError(message, dump, List.of());
    }
}
