package dev.go4j.pattern;

import static dev.go4j.TestSupport.awaitTrue;
import static dev.go4j.pattern.PatternTesting.awaitQuiet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.time.Clock;
import dev.go4j.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The book's steward and ward (chapter 5, "Healing Unhealthy Goroutines": C5-15, C5-16) with
 * {@link Steward}, on a {@link ManualClock} stepped by the test, which waits after each step until
 * every goroutine is parked ({@link PatternTesting#awaitQuiet}): so "restarted at exactly the timeout,
 * not a nanosecond before" and "exactly two restarts in nine seconds" are checked, not guessed (a ward
 * records the clock when it starts, so the test steps the clock no further than one alarm at a time).
 * Every test ends by closing done; the extension then checks that no goroutine is left behind.
 */
@Timeout(60)
@ExtendWith(PatternTesting.NoGoroutineLeft.class)
class StewardTest {
    private static final Duration SECOND = Duration.ofSeconds(1);

    private final ManualClock clock = new ManualClock();
    private final Chan<Object> done = Chan.make();

    /** One start of a ward: when (on the manual clock) and the done channel it was given. */
    private record Start(long atNanos, RecvChan<?> done) {}

    /** A ward function that records each start on {@code starts} and returns {@code heartbeat}'s result. */
    private Steward.StartGoroutineFn recording(Chan<Start> starts, Steward.StartGoroutineFn ward) {
        return (wardDone, pulseInterval) -> {
            starts.trySend(new Start(clock.nanoTime(), wardDone));
            return ward.start(wardDone, pulseInterval);
        };
    }

    /** C5-15: the irresponsible ward never beats; it is restarted every timeout, and not before. */
    @Test
    void c5_15_silentWardIsRestartedAtEachTimeout() throws Exception {
        Chan<Start> starts = Chan.make(16);
        Clock.using(clock, () -> {
            Steward.StartGoroutineFn doWorkWithSteward = Steward.newSteward(Duration.ofSeconds(4),
                    recording(starts, (d, pulseInterval) -> Chan.nil()));
            RecvChan<?> stewardBeat = doWorkWithSteward.start(done, Duration.ofSeconds(4));
            awaitQuiet();
            Start first = starts.tryRecv();
            assertEquals(0, first.atNanos());

            clock.advance(Duration.ofSeconds(4).minusNanos(1));
            awaitQuiet();
            assertNull(starts.tryRecv(), "no restart before the timeout");
            assertFalse(first.done().isDrained());

            clock.advance(Duration.ofNanos(1));
            awaitQuiet();
            Start second = starts.tryRecv();
            assertEquals(Duration.ofSeconds(4).toNanos(), second.atNanos(), "restarted at the timeout");
            assertTrue(first.done().isDrained(), "the unhealthy ward was told to halt");
            assertNotNull(stewardBeat.tryRecv(), "the steward's own pulse");

            clock.advance(Duration.ofSeconds(4));
            awaitQuiet();
            assertEquals(Duration.ofSeconds(8).toNanos(), starts.tryRecv().atNanos());
            clock.advance(SECOND); // the book's main halts at 9 s: exactly 2 restarts
            awaitQuiet();
            assertNull(starts.tryRecv());

            done.close();
            PatternTesting.drain(stewardBeat);
            assertTrue(second.done().isDrained());
            return null;
        });
        assertEquals(0, clock.pending(), "the steward's timers are stopped");
    }

    /** A ward that pulses every timeout / 2, as it is asked to, is never restarted. */
    @Test
    void healthyWardIsNotRestarted() throws Exception {
        Chan<Start> starts = Chan.make(16);
        Clock.using(clock, () -> {
            Chan<Object> never = Chan.make();
            Steward.StartGoroutineFn steward = Steward.newSteward(Duration.ofSeconds(4), recording(starts,
                    (d, pulseInterval) -> Heartbeats.everyInterval(d, pulseInterval, out -> out.recv(never)).heartbeat()));
            RecvChan<?> beat = steward.start(done, Duration.ZERO);
            awaitQuiet();
            for (int i = 0; i < 10; i++) {
                clock.advance(SECOND.multipliedBy(2));
                awaitQuiet();
            }
            assertEquals(0, starts.tryRecv().atNanos());
            assertNull(starts.tryRecv(), "started once, never restarted");
            done.close();
            PatternTesting.drain(beat);
            return null;
        });
    }

    /**
     * C5-16, the book's doWorkFn: a ward produces 1, 2, then dies on -1; the steward restarts it, and
     * a bridge over the incarnations' result channels gives one stream: exactly 1, 2, 1, 2, 1, 2.
     */
    @Test
    void c5_16_doWorkFnRestartedWardKeepsOneStream() throws Exception {
        List<Integer> received = Clock.using(clock, () -> {
            Chan<RecvChan<Integer>> intChanStream = Chan.make();
            RecvChan<Integer> intStream = Channels.bridge(done, intChanStream);
            int[] intList = {1, 2, -1, 3, 4, 5};
            Steward.StartGoroutineFn doWork = (wardDone, pulseInterval) -> {
                Heartbeats.Work<Integer> w = Heartbeats.everyInterval(wardDone, pulseInterval, out -> {
                    for (int v : intList) {
                        if (v < 0 || !out.send(v)) {
                            return; // the book logs "negative value: -1" and returns
                        }
                    }
                });
                Go.go(() -> Channels.sendOrDone(wardDone, intChanStream, w.results()));
                return w.heartbeat();
            };
            Steward.newSteward(Duration.ofMillis(1), doWork).start(done, Duration.ofHours(1));
            Chan<List<Integer>> result = Chan.make(1);
            Go.go(() -> result.send(PatternTesting.drain(Pipelines.take(done, intStream, 6))));
            for (int step = 0; step < 100; step++) {
                awaitQuiet();
                List<Integer> r = result.tryRecv();
                if (r != null) {
                    done.close();
                    return r;
                }
                clock.advance(Duration.ofMillis(1));
            }
            done.close();
            throw new AssertionError("take(6) never finished");
        });
        assertEquals(List.of(1, 2, 1, 2, 1, 2), received);
    }

    /**
     * A steward watching a steward: the inner one pulses every outer timeout / 2 and keeps restarting
     * its silent ward, while the outer one leaves it alone. An inner steward that falls silent is
     * restarted by the outer one, and its halting halts its ward too.
     */
    @Test
    void stewardsCompose() throws Exception {
        Chan<Start> wardStarts = Chan.make(64);
        Chan<Start> innerStarts = Chan.make(16);
        Clock.using(clock, () -> {
            Steward.StartGoroutineFn inner = Steward.newSteward(SECOND, recording(wardStarts, (d, p) -> Chan.nil()));
            RecvChan<?> beat = Steward.newSteward(Duration.ofSeconds(4), recording(innerStarts, inner))
                    .start(done, Duration.ZERO);
            awaitQuiet();
            for (int i = 0; i < 8; i++) {
                clock.advance(SECOND);
                awaitQuiet();
            }
            assertEquals(0, innerStarts.tryRecv().atNanos());
            assertNull(innerStarts.tryRecv(), "the inner steward pulses: never restarted");
            List<Long> wardStartTimes = new ArrayList<>();
            for (Start s; (s = wardStarts.tryRecv()) != null; ) {
                wardStartTimes.add(s.atNanos() / SECOND.toNanos());
            }
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), wardStartTimes);
            done.close();
            PatternTesting.drain(beat);
            return null;
        });
    }

    /** An inner steward asked not to pulse is silent: the outer restarts it, which halts its ward. */
    @Test
    void silentInnerStewardIsRestartedWithItsWard() throws Exception {
        Chan<Start> wardStarts = Chan.make(16);
        Chan<Start> innerStarts = Chan.make(16);
        Clock.using(clock, () -> {
            Steward.StartGoroutineFn inner = Steward.newSteward(Duration.ofHours(1),
                    recording(wardStarts, (d, p) -> Chan.nil()));
            Steward.StartGoroutineFn mute = (d, pulseInterval) -> inner.start(d, Duration.ZERO);
            RecvChan<?> beat = Steward.newSteward(Duration.ofSeconds(4), recording(innerStarts, mute))
                    .start(done, Duration.ZERO);
            awaitQuiet();
            Start firstWard = wardStarts.tryRecv();
            clock.advance(Duration.ofSeconds(4));
            awaitQuiet();
            assertEquals(0, innerStarts.tryRecv().atNanos());
            assertEquals(Duration.ofSeconds(4).toNanos(), innerStarts.tryRecv().atNanos(), "the silent inner restarted");
            assertTrue(firstWard.done().isDrained(), "the old inner steward halted its ward");
            assertEquals(Duration.ofSeconds(4).toNanos(), wardStarts.tryRecv().atNanos(), "the new inner started a ward");
            done.close();
            PatternTesting.drain(beat);
            return null;
        });
    }

    /** A ward function that throws ends the steward: its heartbeat closes, the panic handler sees it. */
    @Test
    void aFailingWardFunctionEndsTheSteward() throws Exception {
        List<Throwable> panics = new CopyOnWriteArrayList<>();
        Go.setPanicHandler((t, e) -> panics.add(e));
        try {
            RecvChan<?> beat = Steward.newSteward(SECOND, (d, p) -> {
                throw new IllegalStateException("cannot start");
            }).start(done, SECOND);
            assertEquals(List.of(), PatternTesting.drain(beat));
        } finally {
            awaitTrue("the steward's panic is reported",
                    () -> panics.stream().anyMatch(e -> e instanceof IllegalStateException));
            Go.setPanicHandler(null);
        }
    }

    @Test
    void rejectsANonPositiveTimeout() {
        assertThrows(IllegalArgumentException.class, () -> Steward.newSteward(Duration.ZERO, (d, p) -> Chan.nil()));
    }
}
