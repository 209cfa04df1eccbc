package dev.go4j.pattern;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.SendChan;
import dev.go4j.time.Clock;
import dev.go4j.time.Ticker;
import dev.go4j.time.Time;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Heartbeats (chapter 5 of <i>Concurrency in Go</i>): a worker goroutine that tells the outside world
 * it is alive, on a heartbeat channel next to its results channel. Two kinds, as in the book: a pulse
 * every interval ({@link #everyInterval}), sent while the worker waits, so that a worker stuck in a
 * computation or a foreign call falls silent; and a pulse per unit of work ({@link #perUnit}), sent
 * when it starts each unit, which a test can use to know the work has begun instead of sleeping.
 *
 * <pre>{@code
 * // given: RecvChan<?> done; Duration pulseInterval
 * // The book's doWork(done, pulseInterval): a result every two pulses.
 * Heartbeats.Work<Instant> w = Heartbeats.everyInterval(done, pulseInterval, out -> {
 *     RecvChan<Instant> workGen = Time.tick(pulseInterval.multipliedBy(2));
 *     for (Instant r; (r = out.recv(workGen)) != null; ) {   // pulses while it waits for work
 *         if (!out.send(r)) return;                          // ... and while it waits for a reader
 *     }
 * });
 * for (;;) {
 *     boolean healthy = Select.select(
 *             Select.recv(w.heartbeat(), t -> { System.out.println("pulse"); return t != null; }),
 *             Select.recv(w.results(), r -> { System.out.println("results " + r); return r != null; }),
 *             Select.recv(Time.after(pulseInterval.multipliedBy(2)), t -> false));
 *     if (!healthy) break;                                    // timed out, or the worker ended
 * }
 * }</pre>
 *
 * <p><b>Heartbeats never block.</b> A pulse is sent with a select and a default case, as the book's
 * {@code sendPulse}: if nobody listens the pulse is dropped, so a worker never waits for its
 * monitor. The heartbeat channel has a buffer of one (the book uses one for the per-unit heartbeat and
 * in its tests), so that a pulse sent while the reader is busy is kept, and a reader arriving late
 * still learns that the worker was alive; it never holds more than one pulse. Each pulse carries the
 * time it was sent (of the clock current when the work was started).
 *
 * <p><b>Closing and cancellation.</b> The goroutine started here closes both channels when the worker
 * returns, whatever way: as the book's {@code defer close(heartbeat); defer close(results)}. The
 * worker's blocking steps through {@link Emitter} end when {@code done} closes (they return
 * {@code null} / {@code false}); a worker that returns then leaves no goroutine behind, and the
 * interval ticker is stopped. An exception thrown by the worker closes both channels and goes to
 * {@link Go}'s panic handler. Sending a result happens-before receiving it.
 */
public final class Heartbeats {
    /*
     * Implementation overview. One goroutine per call runs the worker; the Emitter it is given does
     * every blocking step of the worker as a select biased towards done. In interval mode that select
     * also has the ticker's channel as a case, whose handler pulses (trySend) and loops: the worker
     * pulses exactly while it is blocked in the emitter, which is what makes a silent heartbeat mean
     * "stuck elsewhere". In per-unit mode the emitter pulses once before each send.
     */

    private Heartbeats() {}

    /**
     * What {@link #everyInterval} and {@link #perUnit} return: the book's pair of channels
     * {@code (<-chan interface{}, <-chan T)}.
     *
     * @param heartbeat the pulses; closed when the worker ends
     * @param results the worker's results; closed when the worker ends
     * @param <T> the type of the results
     */
    public record Work<T>(RecvChan<Instant> heartbeat, RecvChan<T> results) {}

    /**
     * The body of a worker: the book's goroutine inside {@code doWork}.
     *
     * @param <T> the type of the results
     */
    @FunctionalInterface
    public interface Worker<T> {
        /**
         * Does the work, sending results through {@code out}; returns when finished or when an
         * {@code out} step reports that done closed.
         */
        void run(Emitter<T> out) throws Exception;
    }

    /**
     * A worker's side of the two channels: every blocking step the worker takes through it honours
     * done and, in interval mode, keeps pulsing while it waits.
     *
     * @param <T> the type of the results
     */
    public static final class Emitter<T> {
        private static final Object PULSED = new Object();

        private final RecvChan<?> done;
        private final RecvChan<Instant> pulse; // the nil channel in per-unit mode
        private final boolean perUnit;
        private final Chan<Instant> heartbeat;
        private final Chan<T> results;
        private final Clock clock;

        private Emitter(RecvChan<?> done, RecvChan<Instant> pulse, boolean perUnit, Clock clock) {
            this.done = done;
            this.pulse = pulse;
            this.perUnit = perUnit;
            this.clock = clock;
            this.heartbeat = Chan.make(1);
            this.results = Chan.make();
        }

        /** The done channel of the work: closed when the work is no longer wanted. */
        public RecvChan<?> done() {
            return done;
        }

        /**
         * Sends a result: in interval mode it pulses while it waits for the reader (the book's
         * {@code sendResult}); in per-unit mode it pulses once, then waits.
         *
         * @return true if sent; false if done closed first (then return from the worker)
         * @throws InterruptedException if interrupted while waiting; nothing was sent
         */
        public boolean send(T v) throws InterruptedException {
            Objects.requireNonNull(v, "v");
            if (perUnit) {
                beat();
                return Channels.sendOrDone(done, results, v);
            }
            for (;;) {
                int r = Select.selectBiased(
                        Select.recv(done, x -> 0),
                        Select.recv(pulse, t -> 1),
                        Select.send(results, v, () -> 2));
                if (r != 1) {
                    return r == 2;
                }
                beat();
            }
        }

        /**
         * Receives the next unit of work from {@code in}, pulsing while it waits in interval mode.
         *
         * @return the value, or {@code null} if done closed or {@code in} is closed and drained
         * @throws InterruptedException if interrupted while waiting; nothing was received
         */
        public <X> X recv(RecvChan<? extends X> in) throws InterruptedException {
            for (;;) {
                Object r = Select.selectBiased(
                        Select.recv(done, x -> null),
                        Select.recv(pulse, t -> PULSED),
                        Select.recv(in, v -> v));
                if (r != PULSED) {
                    @SuppressWarnings("unchecked") // r came from in
                    X x = (X) r;
                    return x;
                }
                beat();
            }
        }

        /** Sends a pulse now if the heartbeat channel has room; never blocks (the book's {@code sendPulse}). */
        public void beat() {
            pulse(heartbeat, clock.now());
        }
    }

    /**
     * A heartbeat every {@code pulseInterval} while the worker waits (in {@link Emitter#recv} or
     * {@link Emitter#send}): the book's interval heartbeat, {@code doWork(done, pulseInterval)}. The
     * interval ticker runs on the {@linkplain Clock#current() clock} of the caller, and is stopped
     * when the worker returns. A monitor that hears nothing for a few intervals can call the worker
     * unhealthy (see {@link Steward}).
     *
     * @throws IllegalArgumentException if {@code pulseInterval} is not positive
     */
    public static <T> Work<T> everyInterval(RecvChan<?> done, Duration pulseInterval, Worker<T> worker) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(worker, "worker");
        Ticker ticker = Time.newTicker(pulseInterval);
        return start(new Emitter<>(done, ticker.c(), false, Clock.current()), worker, ticker);
    }

    /**
     * A heartbeat at the start of each unit of work, that is before each {@link Emitter#send}: the
     * book's {@code doWork(done)} with {@code heartbeatStream := make(chan interface{}, 1)}. The first
     * pulse tells a test that the worker has started, so that it need not guess with a timeout.
     */
    public static <T> Work<T> perUnit(RecvChan<?> done, Worker<T> worker) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(worker, "worker");
        return start(new Emitter<>(done, Chan.nil(), true, Clock.current()), worker, null);
    }

    /**
     * Sends {@code pulse} on {@code heartbeat} if a receiver or buffer space is ready, else drops it:
     * the book's
     * <pre>
     * select {
     * case heartbeat &lt;- struct{}{}:
     * default:
     * }
     * </pre>
     * For workers that manage their own channels (such as the wards of a {@link Steward}).
     *
     * @return true if the pulse was sent
     */
    public static <P> boolean pulse(SendChan<? super P> heartbeat, P pulse) {
        return heartbeat.trySend(pulse);
    }

    private static <T> Work<T> start(Emitter<T> out, Worker<T> worker, Ticker ticker) {
        Go.go(() -> {
            try (out.heartbeat; out.results) {
                try {
                    worker.run(out);
                } finally {
                    if (ticker != null) {
                        ticker.stop(); // before the channels close: whoever sees them closed sees it stopped
                    }
                }
            } catch (InterruptedException stopped) {
                // Both channels are closed: the readers see the end.
            }
        });
        return new Work<>(out.heartbeat, out.results);
    }
}
