package dev.go4j.pattern;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Selector;
import dev.go4j.Selector.RecvCase;
import dev.go4j.time.Ticker;
import dev.go4j.time.Time;
import dev.go4j.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Healing unhealthy goroutines (chapter 5 of <i>Concurrency in Go</i>): a steward starts a ward
 * goroutine, watches its heartbeat, and restarts it when it falls silent for longer than a timeout.
 *
 * <pre>{@code
 * // The book's irresponsible ward: never beats, so it is restarted every 4 seconds.
 * Steward.StartGoroutineFn doWork = (done, pulseInterval) -> {
 *     System.out.println("ward: Hello, I'm irresponsible!");
 *     Go.go(() -> { done.recv(); System.out.println("ward: I am halting."); });
 *     return Chan.nil();                                   // the book returns a nil heartbeat
 * };
 * Steward.StartGoroutineFn doWorkWithSteward = Steward.newSteward(Duration.ofSeconds(4), doWork);
 * Chan<Object> done = Chan.make();
 * Time.afterFunc(Duration.ofSeconds(9), done::close);
 * for (Object pulse : doWorkWithSteward.start(done, Duration.ofSeconds(4))) {}   // until done closes
 * }</pre>
 *
 * <p><b>Composable.</b> A steward is itself a {@link StartGoroutineFn}: it takes a done channel and a
 * pulse interval and returns a heartbeat, so a steward can watch a steward, as the book points out.
 * A ward can keep one output stream across restarts by handing each incarnation's channel to
 * {@link Channels#bridge} (the book's {@code doWorkFn}).
 *
 * <p><b>Closing.</b> The steward's goroutine ends when {@code done} closes; it then closes the current
 * ward's done channel (so a ward that honours it ends too), stops its timers, and closes its heartbeat
 * channel. Each restart closes the old ward's done before it starts the new ward, so at most one
 * incarnation is meant to be running. Memory consistency: the restart of a ward happens-before the
 * ward function runs again; the ward function always runs on the steward's goroutine.
 */
public final class Steward {
    /*
     * Implementation overview: the book's monitorLoop, one select biased towards done over the
     * steward's own pulse ticker, the ward's heartbeat and one timeout timer. The book makes a new
     * time.After per loop; here one Timer is reset (Go 1.23 semantics: no stale value after Reset) on
     * each ward heartbeat and restart, and left running on the steward's own pulses. Invariant: wardDone
     * is the done channel of the ward started last, open while the steward runs.
     */

    private Steward() {}

    /**
     * Starts a goroutine and returns its heartbeat: the book's
     * {@code type startGoroutineFn func(done <-chan interface{}, pulseInterval time.Duration) (heartbeat <-chan interface{})}.
     */
    @FunctionalInterface
    public interface StartGoroutineFn {
        /**
         * Starts the goroutine, which should pulse on the returned channel about every
         * {@code pulseInterval} and end once {@code done} closes. Must not block.
         *
         * @return the heartbeat channel; {@link Chan#nil()} for a goroutine that never beats (the book
         *     returns {@code nil})
         */
        RecvChan<?> start(RecvChan<?> done, Duration pulseInterval);
    }

    /**
     * A steward for wards started by {@code startGoroutine}: the book's
     * {@code newSteward(timeout time.Duration, startGoroutine startGoroutineFn) startGoroutineFn}.
     *
     * <p>Calling the returned function starts the steward's goroutine, which starts a ward at once
     * with a done channel of its own (closed on restart or when the steward's done closes) and a
     * pulse interval of {@code timeout / 2}, then loops: a pulse from the ward resets the timeout; the
     * timeout passing with no pulse closes the ward's done and starts a new ward (the book logs
     * "steward: ward unhealthy; restarting": here the ward function sees each restart as a new call).
     * A ward whose heartbeat channel closes is counted as silent and restarted at the timeout. The
     * steward pulses on its own heartbeat every {@code pulseInterval} (none if it is not positive);
     * as in {@link Heartbeats}, pulses never block and the channel buffers one. Timers run on the
     * {@linkplain dev.go4j.time.Clock#current() clock} of the thread that calls the returned function.
     * If the ward function throws, the steward's goroutine ends as if done had closed and the
     * exception goes to {@link Go}'s panic handler; an interrupt of the steward's goroutine ends it quietly.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public static StartGoroutineFn newSteward(Duration timeout, StartGoroutineFn startGoroutine) {
        Objects.requireNonNull(startGoroutine, "startGoroutine");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("steward: timeout must be positive, is " + timeout);
        }
        return (done, pulseInterval) -> {
            Objects.requireNonNull(done, "done");
            Chan<Instant> heartbeat = Chan.make(1);
            Ticker pulse = pulseInterval.isNegative() || pulseInterval.isZero() ? null : Time.newTicker(pulseInterval);
            Timer timeoutSignal = Time.newTimer(timeout);
            Go.go(() -> {
                try (heartbeat) {
                    try {
                        monitor(done, heartbeat, pulse, timeoutSignal, timeout, startGoroutine);
                    } finally {
                        if (pulse != null) {
                            pulse.stop(); // before the heartbeat closes: whoever sees it closed sees them stopped
                        }
                        timeoutSignal.stop();
                    }
                } catch (InterruptedException stopped) {
                    // As done closing: the ward is told to halt, the heartbeat is closed.
                }
            });
            return heartbeat;
        };
    }

    /** The book's monitorLoop; returns when done closes. */
    private static void monitor(RecvChan<?> done, Chan<Instant> heartbeat, Ticker pulse, Timer timeoutSignal,
            Duration timeout, StartGoroutineFn startGoroutine) throws InterruptedException {
        Chan<Object> wardDone = Chan.make();
        try {
            Selector s = new Selector();
            var onDone = s.recv(done);
            var onPulse = s.recv(pulse == null ? Chan.<Instant>nil() : pulse.c());
            RecvCase<Object> onWardBeat = s.recv(startWard(wardDone, done, timeout, startGoroutine));
            var onTimeout = s.recv(timeoutSignal.c());
            for (;;) {
                Selector.Case fired = s.selectBiased();
                if (fired == onDone) {
                    return;
                } else if (fired == onPulse) {
                    Heartbeats.pulse(heartbeat, onPulse.value());
                } else if (fired == onWardBeat) {
                    if (onWardBeat.value() == null) {
                        onWardBeat.enabled(false); // the ward ended: silent from now on, restarted at the timeout
                    } else {
                        timeoutSignal.reset(timeout);
                    }
                } else if (fired == onTimeout) {
                    wardDone.close();
                    wardDone = Chan.make();
                    onWardBeat.chan(startWard(wardDone, done, timeout, startGoroutine)).enabled(true);
                    timeoutSignal.reset(timeout);
                }
            }
        } finally {
            wardDone.close();
        }
    }

    private static RecvChan<?> startWard(Chan<Object> wardDone, RecvChan<?> done, Duration timeout,
            StartGoroutineFn startGoroutine) {
        RecvChan<?> beat = startGoroutine.start(Channels.or(wardDone, done), timeout.dividedBy(2));
        return Objects.requireNonNull(beat, "the ward's heartbeat (use Chan.nil() for none)");
    }
}
