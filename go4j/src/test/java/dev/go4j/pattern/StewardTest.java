package dev.go4j.pattern;

import static dev.go4j.TestSupport.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.TestSupport;
import dev.go4j.synctest.Synctest;
import dev.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The book's steward and ward (chapter 5, "Healing Unhealthy Goroutines": C5-15, C5-16) with
 * {@link Steward}, in virtual-time bubbles ({@link Synctest}): time moves only when every goroutine is
 * durably blocked, so "restarted at exactly the timeout, not a nanosecond before" and "exactly two
 * restarts in nine seconds" are checked, not guessed (a ward records the time it starts). Every test
 * ends by closing done; the bubble fails if a goroutine is left behind.
 */
@Timeout(60)
@ExtendWith(PatternTesting.NoGoroutineLeft.class)
class StewardTest {
    private static final Duration SECOND = Duration.ofSeconds(1);
    /** Where a bubble's clock starts. */
    private static final Instant T0 = Instant.parse("2000-01-01T00:00:00Z");

    /** One start of a ward: when, and the done channel it was given. */
    private record Start(Instant at, RecvChan<?> done) {}

    /** A ward function that records each start on {@code starts} and returns {@code heartbeat}'s result. */
    private static Steward.StartGoroutineFn recording(Chan<Start> starts, Steward.StartGoroutineFn ward) {
        return (wardDone, pulseInterval) -> {
            starts.trySend(new Start(Time.now(), wardDone));
            return ward.start(wardDone, pulseInterval);
        };
    }

    /** C5-15: the irresponsible ward never beats; it is restarted every timeout, and not before. */
    @Test
    void c5_15_silentWardIsRestartedAtEachTimeout() throws Exception {
        Synctest.test(() -> {
            Chan<Object> done = Chan.make();
            Chan<Start> starts = Chan.make(16);
            RecvChan<?> stewardBeat = Steward.newSteward(Duration.ofSeconds(4),
                    recording(starts, (d, pulseInterval) -> Chan.nil())).start(done, Duration.ofSeconds(4));
            Start first = starts.recv();
            assertEquals(T0, first.at());

            Start second = starts.recv();
            assertEquals(T0.plusSeconds(4), second.at(), "restarted at the timeout, not before");
            Synctest.await();
            assertTrue(first.done().isDrained(), "the unhealthy ward was told to halt");
            assertNotNull(stewardBeat.tryRecv(), "the steward's own pulse");

            assertEquals(T0.plusSeconds(8), starts.recv().at());
            Time.sleep(SECOND); // the book's main halts at 9 s: exactly 2 restarts
            Synctest.await();
            assertNull(starts.tryRecv());

            done.close();
            PatternTesting.drain(stewardBeat);
            Synctest.await();
            assertTrue(second.done().isDrained());
            assertEquals(0, TestSupport.bubbleTimersPending(), "the steward's timers are stopped");
        });
    }

    /** A ward that pulses every timeout / 2, as it is asked to, is never restarted. */
    @Test
    void healthyWardIsNotRestarted() throws Exception {
        Synctest.test(() -> {
            Chan<Object> done = Chan.make();
            Chan<Start> starts = Chan.make(16);
            Chan<Object> never = Chan.make();
            RecvChan<?> beat = Steward.newSteward(Duration.ofSeconds(4), recording(starts,
                    (d, pulseInterval) -> Heartbeats.everyInterval(d, pulseInterval, out -> out.recv(never)).heartbeat()))
                    .start(done, Duration.ZERO);
            Time.sleep(SECOND.multipliedBy(20));
            assertEquals(T0, starts.recv().at());
            assertNull(starts.tryRecv(), "started once, never restarted");
            done.close();
            PatternTesting.drain(beat);
        });
    }

    /**
     * C5-16, the book's doWorkFn: a ward produces 1, 2, then dies on -1; the steward restarts it at
     * its 1 ms timeout, and a bridge over the incarnations' result channels gives one stream: exactly
     * 1, 2, 1, 2, 1, 2, the last at 2 ms.
     */
    @Test
    void c5_16_doWorkFnRestartedWardKeepsOneStream() throws Exception {
        Synctest.test(() -> {
            Chan<Object> done = Chan.make();
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
            assertEquals(List.of(1, 2, 1, 2, 1, 2), PatternTesting.drain(Pipelines.take(done, intStream, 6)));
            assertEquals(T0.plusMillis(2), Time.now(), "two restarts, each at the 1 ms timeout");
            done.close();
        });
    }

    /**
     * A steward watching a steward: the inner one pulses every outer timeout / 2 and keeps restarting
     * its silent ward, while the outer one leaves it alone. An inner steward that falls silent is
     * restarted by the outer one, and its halting halts its ward too.
     */
    @Test
    void stewardsCompose() throws Exception {
        Synctest.test(() -> {
            Chan<Object> done = Chan.make();
            Chan<Start> wardStarts = Chan.make(64);
            Chan<Start> innerStarts = Chan.make(16);
            Steward.StartGoroutineFn inner = Steward.newSteward(SECOND, recording(wardStarts, (d, p) -> Chan.nil()));
            RecvChan<?> beat = Steward.newSteward(Duration.ofSeconds(4), recording(innerStarts, inner))
                    .start(done, Duration.ZERO);
            Time.sleep(SECOND.multipliedBy(8));
            Synctest.await();
            assertEquals(T0, innerStarts.tryRecv().at());
            assertNull(innerStarts.tryRecv(), "the inner steward pulses: never restarted");
            List<Long> wardStartTimes = new ArrayList<>();
            for (Start s; (s = wardStarts.tryRecv()) != null; ) {
                wardStartTimes.add(Duration.between(T0, s.at()).toSeconds());
            }
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), wardStartTimes);
            done.close();
            PatternTesting.drain(beat);
        });
    }

    /** An inner steward asked not to pulse is silent: the outer restarts it, which halts its ward. */
    @Test
    void silentInnerStewardIsRestartedWithItsWard() throws Exception {
        Synctest.test(() -> {
            Chan<Object> done = Chan.make();
            Chan<Start> wardStarts = Chan.make(16);
            Chan<Start> innerStarts = Chan.make(16);
            Steward.StartGoroutineFn inner = Steward.newSteward(Duration.ofHours(1),
                    recording(wardStarts, (d, p) -> Chan.nil()));
            Steward.StartGoroutineFn mute = (d, pulseInterval) -> inner.start(d, Duration.ZERO);
            RecvChan<?> beat = Steward.newSteward(Duration.ofSeconds(4), recording(innerStarts, mute))
                    .start(done, Duration.ZERO);
            Start firstWard = wardStarts.recv();
            Time.sleep(Duration.ofSeconds(4));
            Synctest.await();
            assertEquals(T0, innerStarts.tryRecv().at());
            assertEquals(T0.plusSeconds(4), innerStarts.tryRecv().at(), "the silent inner restarted");
            assertTrue(firstWard.done().isDrained(), "the old inner steward halted its ward");
            assertEquals(T0.plusSeconds(4), wardStarts.tryRecv().at(), "the new inner started a ward");
            done.close();
            PatternTesting.drain(beat);
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
            }).start(Chan.make(), SECOND);
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
