package dev.go4j.rate;

import java.time.Duration;

/**
 * Events permitted by a {@link Limiter} after a delay: Go's {@code rate.Reservation}.
 *
 * <pre>{@code
 * Reservation r = lim.reserve();
 * if (!r.ok()) { return; }              // n exceeds the burst
 * Thread.sleep(r.delay());              // or give the tokens back with r.cancel()
 * act();
 * }</pre>
 *
 * <p>A reservation that is not {@link #ok()} has delay {@link Limiter#INF_DURATION} and cancelling it
 * does nothing. Times in the {@code ...From/...At} forms are in the limiter's clock's nanoTime scale.
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

    /** {@code delayFrom(now)} with the limiter's clock. */
    public Duration delay() {
        return delayFrom(lim.clock().nanoTime());
    }

    /**
     * How long the holder must wait from {@code now} before acting: zero means act now;
     * {@link Limiter#INF_DURATION} means never (not OK).
     */
    public Duration delayFrom(long now) {
        return Duration.ofNanos(delayNanos(now));
    }

    long delayNanos(long now) {
        if (!ok) {
            return Limiter.INF_NANOS;
        }
        return Math.max(0, Limiter.sub(timeToAct, now));
    }

    /** {@code cancelAt(now)} with the limiter's clock. */
    public void cancel() {
        cancelAt(lim.clock().nanoTime());
    }

    /**
     * Tells the limiter the holder will not act, undoing the reservation's effect as far as later
     * reservations allow: tokens that later reservations already count on are not given back, and a
     * reservation whose time has passed gives back nothing.
     */
    public void cancelAt(long now) {
        if (ok) {
            lim.cancelAt(this, now);
        }
    }
}
