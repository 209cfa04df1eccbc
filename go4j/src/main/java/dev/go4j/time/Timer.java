package dev.go4j.time;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.Task;
import dev.go4j.internal.Nanos;
import java.time.Duration;
import java.time.Instant;

/**
 * Go's {@code time.Timer}, with Go 1.23's semantics: a single event, delivered on a channel
 * ({@link Time#newTimer}, {@link Time#after}) or by starting a function in its own goroutine
 * ({@link Time#afterFunc}).
 *
 * <pre>{@code
 * // given: RecvChan<String> in; String handle(String v); String giveUp()
 * Timer t = Time.newTimer(Duration.ofSeconds(1));     // t := time.NewTimer(time.Second)
 * Select.select(
 *         Select.recv(in, v -> handle(v)),
 *         Select.recv(t.c(), at -> giveUp()));        // case <-t.C:
 * t.stop();                                           // no value can arrive after this
 * }</pre>
 *
 * <p><b>The channel</b> ({@link #c()}) is synchronous, as Go 1.23's: its {@code len} and {@code cap}
 * are 0, and the fire time waits in it until received or until the timer is stopped or reset. So
 * after {@link #stop} or {@link #reset} returns, no stale value can be received, and no draining is
 * ever needed. Receiving blocks until the timer fires; the value is the {@link Instant} at which the
 * timer was due ({@link Clock#now()} minus the lateness of the clock's thread).
 *
 * <p><b>Garbage collection.</b> A timer (and {@link Time#after}'s channel) that nobody references any
 * more is collected even if it was never stopped, as in Go 1.23; stopping it only frees its clock
 * entry sooner. An {@code afterFunc} timer is kept until it fires or is stopped.
 *
 * <p>Time is read from the {@linkplain Clock#current() clock} of the thread that made the timer. All
 * methods are thread-safe and never block. Memory consistency: actions before {@link Time#newTimer} or
 * {@link #reset} happen-before the receive of the value it fires (or the start of the
 * {@code afterFunc} function).
 */
public final class Timer {
    private final RecvChan<Instant> c;
    private final TimerState state;

    private Timer(RecvChan<Instant> c, TimerState state) {
        this.c = c;
        this.state = state;
    }

    static Timer onChannel(Duration d) {
        Chan<Instant> c = Chan.make();
        return new Timer(c, TimerState.forChannel(c, Clock.current(), Nanos.of(d), 0));
    }

    static Timer onFunc(Duration d, Task f) {
        return new Timer(Chan.nil(), TimerState.forFunc(f, Clock.current(), Nanos.of(d)));
    }

    /**
     * The channel the fire time is delivered on: Go's {@code t.C}. The {@linkplain Chan#nil() nil
     * channel} for an {@code afterFunc} timer, as Go's {@code C == nil}.
     */
    public RecvChan<Instant> c() {
        return c;
    }

    /**
     * Prevents the timer from firing: Go's {@code t.Stop()}. After it returns, no value can be received
     * from {@link #c()} until a {@link #reset}, and an {@code afterFunc} function does not start.
     *
     * @return true if the call stopped the timer: it had not fired, or it had fired into its channel but
     *     the value was not yet received (Go 1.23); false if the value was received, the function
     *     already started, or the timer was already stopped
     */
    public boolean stop() {
        return state.stop();
    }

    /**
     * Changes the timer to fire after {@code d}, from now: Go's {@code t.Reset(d)}. A value fired
     * earlier and not yet received is discarded; a non-positive {@code d} fires at once.
     *
     * @return true if the timer was pending (as {@link #stop}'s result); for an {@code afterFunc}
     *     timer, false means the function already started and will now run again
     */
    public boolean reset(Duration d) {
        return state.reset(Nanos.of(d), 0);
    }
}
