package dev.go4j.internal;

import java.time.Duration;

/**
 * Saturating nanosecond arithmetic for every deadline of go4j (timers, sleeps, contexts, the rate
 * limiter), as Go's runtime and {@code time} package saturate: a deadline too far away to compute is
 * {@link #NEVER}, not a wrapped-around time in the past.
 */
public final class Nanos {
    /**
     * The deadline that never comes: no clock's {@code nanoTime} reaches it (a manual clock stops short
     * of it), so an alarm at {@code NEVER} never runs and a wait until it has no timeout.
     */
    public static final long NEVER = Long.MAX_VALUE;

    private Nanos() {}

    /** {@code d} in nanoseconds, saturated to {@code Long.MIN_VALUE} / {@code Long.MAX_VALUE}. */
    public static long of(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** The deadline {@code delay} after {@code now}: {@code now} if {@code delay <= 0}, at most {@link #NEVER}. */
    public static long deadline(long now, long delay) {
        return delay <= 0 ? now : add(now, delay);
    }

    /** {@code t + d}, saturated as Go's {@code Time.Add}. */
    public static long add(long t, long d) {
        long r = t + d;
        if (((t ^ r) & (d ^ r)) < 0) {
            return d < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }

    /** {@code a - b}, saturated as Go's {@code Time.Sub}. */
    public static long sub(long a, long b) {
        long r = a - b;
        if (((a ^ b) & (a ^ r)) < 0) {
            return a < b ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return r;
    }
}
