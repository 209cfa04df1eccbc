package dev.go4j.time;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.Task;
import dev.go4j.internal.Nanos;
import dev.go4j.internal.Waiter;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The functions of Go's {@code time} package that make timers, tickers and pauses, on the calling
 * thread's {@linkplain Clock#current() clock}.
 *
 * <pre>{@code
 * // given: RecvChan<String> in
 * // select { case v := <-in: ...; case <-time.After(time.Second): ... }
 * String r = Select.select(
 *         Select.recv(in, v -> "got " + v),
 *         Select.recv(Time.after(Duration.ofSeconds(1)), at -> "timed out"));
 * }</pre>
 *
 * <table>
 *   <caption>Go to go4j</caption>
 *   <tr><th>Go</th><th>go4j</th></tr>
 *   <tr><td>{@code time.After(d)}</td><td>{@link #after(Duration)}</td></tr>
 *   <tr><td>{@code time.Tick(d)}</td><td>{@link #tick(Duration)}</td></tr>
 *   <tr><td>{@code time.Sleep(d)}</td><td>{@link #sleep(Duration)}</td></tr>
 *   <tr><td>{@code time.AfterFunc(d, f)}</td><td>{@link #afterFunc(Duration, Task)}</td></tr>
 *   <tr><td>{@code time.NewTimer(d)}</td><td>{@link #newTimer(Duration)}</td></tr>
 *   <tr><td>{@code time.NewTicker(d)}</td><td>{@link #newTicker(Duration)}</td></tr>
 *   <tr><td>{@code time.Now()}, {@code Since(t)}, {@code Until(t)}</td><td>{@link #now()},
 *       {@link #since(Instant)}, {@link #until(Instant)}</td></tr>
 * </table>
 *
 * <p>Durations beyond what a {@code long} of nanoseconds holds (about 292 years) mean "never". Only
 * {@link #sleep} blocks (and the receives on the channels made here); everything else returns at once.
 */
public final class Time {
    private Time() {}

    /**
     * A channel that receives the time once {@code d} has passed: Go's {@code time.After(d)}, the same
     * as {@code newTimer(d).c()}. Usable as a select case; the timer is collected with the channel once
     * nobody holds it, so a select loop around {@code after} leaks nothing.
     */
    public static RecvChan<Instant> after(Duration d) {
        return newTimer(d).c();
    }

    /**
     * A channel that receives the time every {@code d}: Go's {@code time.Tick(d)}, the same as
     * {@code newTicker(d).c()}; the ticker stops once nobody holds the channel. A non-positive
     * {@code d} gives the {@linkplain Chan#nil() nil channel}, as Go's {@code nil}.
     */
    public static RecvChan<Instant> tick(Duration d) {
        return Nanos.of(d) <= 0 ? Chan.nil() : newTicker(d).c();
    }

    /**
     * Pauses the calling thread for at least {@code d}: Go's {@code time.Sleep(d)}. A non-positive
     * {@code d} returns at once. On the system clock this is {@link Thread#sleep(Duration)}; on another
     * clock the thread parks until that clock's time has advanced by {@code d}.
     *
     * @throws InterruptedException if interrupted (also when already interrupted on entry)
     */
    public static void sleep(Duration d) throws InterruptedException {
        long nanos = Nanos.of(d);
        Clock clock = Clock.current();
        if (nanos <= 0 || clock == Clock.system()) {
            Thread.sleep(nanos <= 0 ? Duration.ZERO : d);
            return;
        }
        Waiter w = Waiter.receiver();
        Clock.Alarm alarm = clock.at(Nanos.deadline(clock.nanoTime(), nanos), w::cancel);
        try {
            w.await(Long.MAX_VALUE);
        } finally {
            alarm.cancel();
        }
    }

    /**
     * Starts {@code f} in its own goroutine once {@code d} has passed: Go's {@code time.AfterFunc}.
     * Stop the returned timer to prevent it; its {@link Timer#c()} is the nil channel.
     */
    public static Timer afterFunc(Duration d, Task f) {
        return Timer.onFunc(d, Objects.requireNonNull(f, "f"));
    }

    /** A timer that fires once, {@code d} from now, on its channel: Go's {@code time.NewTimer(d)}. */
    public static Timer newTimer(Duration d) {
        return Timer.onChannel(d);
    }

    /**
     * A ticker whose first tick is due {@code d} from now: Go's {@code time.NewTicker(d)}.
     *
     * @throws IllegalArgumentException "non-positive interval for NewTicker" if {@code d} is not positive
     */
    public static Ticker newTicker(Duration d) {
        return Ticker.make(d);
    }

    /** The current time of the calling thread's clock: Go's {@code time.Now()}. */
    public static Instant now() {
        return Clock.current().now();
    }

    /** The time elapsed since {@code t}: Go's {@code time.Since(t)}. */
    public static Duration since(Instant t) {
        return Duration.between(t, now());
    }

    /** The time until {@code t}: Go's {@code time.Until(t)}. */
    public static Duration until(Instant t) {
        return Duration.between(now(), t);
    }
}
