package dev.go4j.time;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.internal.Nanos;
import java.time.Duration;
import java.time.Instant;

/**
 * Go's {@code time.Ticker}, with Go 1.23's semantics: delivers the time on its channel every period.
 *
 * <pre>{@code
 * // given: void poll(Instant at)
 * Ticker t = Time.newTicker(Duration.ofSeconds(1));   // t := time.NewTicker(time.Second)
 * try {
 *     for (Instant at : t.c()) {                       // for at := range t.C
 *         poll(at);
 *     }
 * } finally {
 *     t.stop();                                        // defer t.Stop()
 * }
 * }</pre>
 *
 * <p>The channel ({@link #c()}) is synchronous ({@code len} and {@code cap} 0, as Go 1.23's) and holds
 * at most one tick: a receiver slower than the period misses ticks and then receives the oldest
 * unreceived one. After {@link #stop} or {@link #reset} returns no stale tick can be received. The
 * channel is never closed. Each value is the {@link Instant} the tick was due. A ticker nobody
 * references any more is collected and stops, even if never stopped (Go 1.23).
 *
 * <p>Time is read from the {@linkplain Clock#current() clock} of the thread that made the ticker. All
 * methods are thread-safe and never block. Memory consistency: actions before {@link Time#newTicker}
 * or {@link #reset} happen-before the receive of every tick that follows.
 */
public final class Ticker {
    private final RecvChan<Instant> c;
    private final TimerState state;

    private Ticker(RecvChan<Instant> c, TimerState state) {
        this.c = c;
        this.state = state;
    }

    static Ticker make(Duration d) {
        long period = period(d, "non-positive interval for NewTicker");
        Chan<Instant> c = Chan.make();
        return new Ticker(c, TimerState.forChannel(c, Clock.current(), period, period));
    }

    /** The channel the ticks are delivered on: Go's {@code t.C}. */
    public RecvChan<Instant> c() {
        return c;
    }

    /** Turns the ticker off: Go's {@code t.Stop()}. No tick can be received after it returns. */
    public void stop() {
        state.stop();
    }

    /**
     * Stops the ticker and restarts it with period {@code d}: the next tick is due {@code d} from now.
     * Go's {@code t.Reset(d)}; also restarts a stopped ticker.
     *
     * @throws IllegalArgumentException "non-positive interval for Ticker.Reset" if {@code d} is not positive
     */
    public void reset(Duration d) {
        long period = period(d, "non-positive interval for Ticker.Reset");
        state.reset(period, period);
    }

    private static long period(Duration d, String message) {
        long p = Nanos.of(d);
        if (p <= 0) {
            throw new IllegalArgumentException(message);
        }
        return p;
    }
}
