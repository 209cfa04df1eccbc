package dev.go4j.rate;

import dev.go4j.internal.Nanos;
import java.time.Duration;
import java.time.Instant;

/**
 * Events permitted by a {@link Limiter} after a delay: Go's {@code rate.Reservation}.
 *
 * <pre>{@code
 * // given: Limiter lim; void act()
 * Reservation r = lim.reserve();
 * if (!r.ok()) { return; }              // n exceeds the burst
 * Thread.sleep(r.delay());              // or give the tokens back with r.cancel()
 * act();
 * }</pre>
 *
 * <p>A reservation that is not {@link #ok()} has delay {@link Limiter#INF_DURATION} and cancelling it
 * does nothing. The forms that take a time take an {@link Instant} of the limiter's
 * {@linkplain Limiter#clock() clock}, as {@link Limiter#allowN} does.
 */
public final class Reservation {
    private final boolean ok;
    private final Limiter lim;
    final int tokens;
    final long timeToAct;
    final double limit; // the limit when reserved: it may change later

    Reservation(boolean ok, Limiter lim, int tokens, long timeToAct, double limit) {
        this.ok = ok;
        this.lim = lim;
        this.tokens = tokens;
        this.timeToAct = timeToAct;
        this.limit = limit;
    }

    /** Whether the limiter can provide the tokens within the maximum wait. */
    public boolean ok() {
        return ok;
    }

    /** How long the holder must wait from now before acting: Go's {@code Delay()}; see {@link #delayFrom}. */
    public Duration delay() {
        return Duration.ofNanos(delayNanos(lim.clock().nanoTime()));
    }

    /**
     * How long the holder must wait from time {@code t} before acting: Go's {@code DelayFrom(t)}. Zero
     * means act now; {@link Limiter#INF_DURATION} means never (not OK).
     */
    public Duration delayFrom(Instant t) {
        return Duration.ofNanos(delayNanos(lim.nanosOf(t)));
    }

    long delayNanos(long now) {
        if (!ok) {
            return Limiter.INF_NANOS;
        }
        return Math.max(0, Nanos.sub(timeToAct, now));
    }

    /** Tells the limiter the holder will not act, as of now: Go's {@code Cancel()}; see {@link #cancelAt}. */
    public void cancel() {
        if (ok) {
            lim.cancelAt(this, lim.clock().nanoTime());
        }
    }

    /**
     * Tells the limiter the holder will not act, as of time {@code t}: Go's {@code CancelAt(t)}. It
     * undoes the reservation's effect as far as later reservations allow: tokens that later reservations
     * already count on are not given back, and a reservation whose time has passed gives back nothing.
     */
    public void cancelAt(Instant t) {
        if (ok) {
            lim.cancelAt(this, lim.nanosOf(t));
        }
    }
}
