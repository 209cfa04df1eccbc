package dev.go4j.rate;

import dev.go4j.Chan;
import dev.go4j.Select;
import dev.go4j.context.Context;
import dev.go4j.context.ContextException;
import dev.go4j.context.WouldExceedDeadlineException;
import dev.go4j.internal.Nanos;
import dev.go4j.internal.ShortLock;
import dev.go4j.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Go's {@code golang.org/x/time/rate.Limiter}: a token bucket of size {@code burst}, initially full and
 * refilled at {@code limit} tokens per second.
 *
 * <pre>{@code
 * // given: Context ctx; void serve(); void drop()
 * Limiter lim = new Limiter(Limiter.every(Duration.ofMillis(100)), 3);  // rate.NewLimiter(rate.Every(100*time.Millisecond), 3)
 * if (lim.allow()) { serve(); } else { drop(); }                      // drop what exceeds the rate
 * lim.await(ctx);                                                    // or wait for a token (throws ctx.err())
 * Reservation r = lim.reserve();                                     // or reserve one and act after r.delay()
 * }</pre>
 *
 * <p>The three families consume {@code n} tokens (one for the short forms) and differ when not enough
 * are available: {@link #allowN} says false, {@link #reserveN} returns a {@link Reservation} that says
 * how long to wait, and {@link #awaitN} blocks until then. {@link #INF} allows everything (the burst is
 * then ignored); a limit of 0 allows only the initial burst.
 *
 * <p><b>Time.</b> The limiter reads time only from its {@link #clock()}, the {@link Clock} current
 * when it is made ({@link Clock#current()}): the short forms ({@link #allow()}, {@link #reserve()},
 * {@link #tokens()}, ...) use that clock's monotonic {@link Clock#nanoTime()}. The forms that take a
 * time {@code t}, as Go's {@code AllowN(t, n)} and the other {@code ...N}/{@code ...At} methods do,
 * take an {@link Instant} of the clock's {@link Clock#now()}, placed on the monotonic scale by the
 * difference between {@code t} and the clock's time when the limiter was made; times may even go
 * backwards (the bucket then behaves as Go's does). So {@code lim.allowN(lim.clock().now(), n)} is
 * {@code AllowN(time.Now(), n)}. The arithmetic is x/time/rate's, in nanoseconds and float64 tokens,
 * so results match Go's exactly.
 *
 * <p>Safe for concurrent use; every method but {@link #awaitN} is non-blocking (a short internal lock).
 */
public final class Limiter implements RateLimiter {
    /** The infinite limit: allows every event, even with burst 0. Go's {@code rate.Inf}. */
    public static final double INF = Double.MAX_VALUE;

    /** The delay of a reservation that is not OK: Go's {@code rate.InfDuration}. */
    public static final Duration INF_DURATION = Duration.ofNanos(Long.MAX_VALUE);

    static final long INF_NANOS = Long.MAX_VALUE;
    private static final long SECOND = 1_000_000_000L;

    private final Clock clock;
    private final Instant origin; // clock.now() when made, placed at originNanos on the monotonic scale
    private final long originNanos;
    private final ShortLock lock = new ShortLock();
    // All guarded by lock.
    private double limit;
    private int burst;
    private double tokens;
    private long last = Long.MIN_VALUE; // when tokens was last updated; MIN is Go's zero time
    private long lastEvent = Long.MIN_VALUE; // the latest time of a rate-limited event (past or future)

    /**
     * A limiter that allows events up to {@code limit} per second with bursts of at most {@code burst}
     * tokens, starting full: Go's {@code NewLimiter(r, b)}.
     */
    public Limiter(double limit, int burst) {
        this.clock = Clock.current();
        this.origin = clock.now();
        this.originNanos = clock.nanoTime();
        this.limit = limit;
        this.burst = burst;
        this.tokens = burst;
    }

    /** The limit of one event every {@code interval}: Go's {@code Every}; {@link #INF} for {@code interval <= 0}. */
    public static double every(Duration interval) {
        long d = Nanos.of(interval);
        if (d <= 0) {
            return INF;
        }
        return 1 / seconds(d);
    }

    /** The maximum overall event rate, in events per second. */
    @Override
    public double limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** The maximum burst size: the most tokens one call may take. */
    public int burst() {
        lock.lock();
        try {
            return burst;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The clock the limiter reads: the {@link Clock#current()} of the thread that made it. Its
     * {@link Clock#now()} is the {@code time.Now()} to pass to the forms that take a time.
     */
    public Clock clock() {
        return clock;
    }

    /** The number of tokens available now (negative while reservations are outstanding): Go's {@code Tokens}. */
    public double tokens() {
        return tokensAt(clock.nanoTime());
    }

    /** The number of tokens available at time {@code t}: Go's {@code TokensAt(t)}. */
    public double tokensAt(Instant t) {
        return tokensAt(nanosOf(t));
    }

    private double tokensAt(long now) {
        lock.lock();
        try {
            return advance(now);
        } finally {
            lock.unlock();
        }
    }

    /** Whether one event may happen now, taking its token if so: Go's {@code Allow()}. */
    public boolean allow() {
        return reserveN(clock.nanoTime(), 1, 0).ok();
    }

    /**
     * Whether {@code n} events may happen at time {@code t}, taking the tokens if so: Go's
     * {@code AllowN(t, n)}. Use it to drop or skip events that exceed the rate.
     */
    public boolean allowN(Instant t, int n) {
        return reserveN(nanosOf(t), n, 0).ok();
    }

    /** Reserves one token now: Go's {@code Reserve()}; see {@link #reserveN}. */
    public Reservation reserve() {
        return reserveN(clock.nanoTime(), 1, INF_NANOS);
    }

    /**
     * Reserves {@code n} tokens at time {@code t}: Go's {@code ReserveN(t, n)}. The returned reservation
     * says how long to wait before the {@code n} events may happen ({@link Reservation#delay()}), or is
     * not OK if {@code n} exceeds the burst. The limiter counts the reservation at once; cancel it if
     * you will not act.
     */
    public Reservation reserveN(Instant t, int n) {
        return reserveN(nanosOf(t), n, INF_NANOS);
    }

    /** {@code awaitN(ctx, 1)}: Go's {@code Wait(ctx)}. */
    @Override
    public void await(Context ctx) throws InterruptedException, ContextException {
        awaitN(ctx, 1);
    }

    /**
     * Blocks until {@code n} events may happen: Go's {@code WaitN}. If the context is done first, the
     * reservation is cancelled (giving its tokens back where it can) and {@code ctx.err()} is thrown.
     * The limit {@link #INF} never waits.
     *
     * @throws IllegalArgumentException "rate: Wait(n=..) exceeds limiter's burst .." (unless the limit is INF)
     * @throws ContextException {@code ctx.err()} if the context is done, before or while waiting; or a
     *     {@link WouldExceedDeadlineException} "rate: Wait(n=..) would exceed context deadline" if the
     *     wait would end after the context's deadline, so it fails at once, taking no tokens
     * @throws InterruptedException if interrupted while waiting; the reservation is cancelled
     */
    public void awaitN(Context ctx, int n) throws InterruptedException, ContextException {
        double lim;
        int b;
        lock.lock();
        lim = limit;
        b = burst;
        lock.unlock();
        if (n > b && lim != INF) {
            throw new IllegalArgumentException("rate: Wait(n=" + n + ") exceeds limiter's burst " + b);
        }
        if (ctx.done().isDrained()) {
            throw ctx.err();
        }
        long now = clock.nanoTime();
        long waitLimit = INF_NANOS;
        Optional<Instant> deadline = ctx.deadline();
        if (deadline.isPresent()) {
            waitLimit = Nanos.of(Duration.between(clock.now(), deadline.get()));
        }
        Reservation r = reserveN(now, n, waitLimit);
        if (!r.ok()) {
            throw new WouldExceedDeadlineException("rate: Wait(n=" + n + ") would exceed context deadline");
        }
        if (r.delayNanos(now) == 0) {
            return;
        }
        sleepUntil(ctx, r);
    }

    /** Waits for the reservation's time to act, or gives it back if the context ends first. */
    private void sleepUntil(Context ctx, Reservation r) throws InterruptedException, ContextException {
        Chan<Void> fired = Chan.make();
        Clock.Alarm alarm = clock.at(r.timeToAct, fired::close);
        try {
            boolean ready = Select.select(Select.recv(fired, v -> true), Select.recv(ctx.done(), v -> false));
            if (!ready) {
                r.cancel();
                throw ctx.err();
            }
        } catch (InterruptedException e) {
            r.cancel();
            throw e;
        } finally {
            alarm.cancel();
        }
    }

    /** Sets a new limit as of now: Go's {@code SetLimit}; see {@link #setLimitAt}. */
    public void setLimit(double newLimit) {
        setLimitAt(clock.nanoTime(), newLimit);
    }

    /**
     * Sets a new limit as of time {@code t}: Go's {@code SetLimitAt(t, newLimit)}. Reservations already
     * made keep their times, so the new limit may be violated or underused by those who reserved and
     * have not acted yet.
     */
    public void setLimitAt(Instant t, double newLimit) {
        setLimitAt(nanosOf(t), newLimit);
    }

    private void setLimitAt(long now, double newLimit) {
        lock.lock();
        try {
            tokens = advance(now);
            last = now;
            limit = newLimit;
        } finally {
            lock.unlock();
        }
    }

    /** Sets a new burst size as of now: Go's {@code SetBurst}. */
    public void setBurst(int newBurst) {
        setBurstAt(clock.nanoTime(), newBurst);
    }

    /** Sets a new burst size as of time {@code t}: Go's {@code SetBurstAt(t, newBurst)}. */
    public void setBurstAt(Instant t, int newBurst) {
        setBurstAt(nanosOf(t), newBurst);
    }

    private void setBurstAt(long now, int newBurst) {
        lock.lock();
        try {
            tokens = advance(now);
            last = now;
            burst = newBurst;
        } finally {
            lock.unlock();
        }
    }

    /** {@code t} on the clock's monotonic scale (see the class comment), saturated. */
    long nanosOf(Instant t) {
        return Nanos.add(originNanos, Nanos.of(Duration.between(origin, t)));
    }

    /** Go's {@code reserveN}: the heart of allow, reserve and wait. */
    Reservation reserveN(long now, int n, long maxFutureReserve) {
        lock.lock();
        try {
            if (limit == INF) {
                return new Reservation(true, this, n, now, limit);
            }
            double t = advance(now) - n;
            long waitDuration = t < 0 ? durationFromTokens(limit, -t) : 0;
            boolean ok = n <= burst && waitDuration <= maxFutureReserve;
            if (!ok) {
                return new Reservation(false, this, 0, 0, limit);
            }
            Reservation r = new Reservation(true, this, n, Nanos.add(now, waitDuration), limit);
            last = now;
            tokens = t;
            lastEvent = r.timeToAct;
            return r;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Go's {@code Reservation.CancelAt}: gives back the tokens of {@code r} that no later reservation
     * has counted on.
     */
    void cancelAt(Reservation r, long now) {
        lock.lock();
        try {
            if (limit == INF || r.tokens == 0 || r.timeToAct < now) {
                return;
            }
            // Tokens reserved after r (between r's time and the last event) must not be restored.
            double restore = r.tokens - tokensFromDuration(r.limit, Nanos.sub(lastEvent, r.timeToAct));
            if (restore <= 0) {
                return;
            }
            double t = advance(now) + restore;
            if (t > burst) {
                t = burst;
            }
            last = now;
            tokens = t;
            if (r.timeToAct == lastEvent) {
                long prevEvent = Nanos.add(r.timeToAct, durationFromTokens(r.limit, -r.tokens));
                if (prevEvent >= now) {
                    lastEvent = prevEvent;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Go's {@code advance}: the tokens at time {@code now}, without changing the state. Caller holds lock. */
    private double advance(long now) {
        long from = Math.min(last, now); // time went backwards: count no tokens for the gap
        double t = tokens + tokensFromDuration(limit, Nanos.sub(now, from));
        return Math.min(t, burst);
    }

    /** Go's {@code Limit.durationFromTokens}: nanoseconds to accumulate {@code tokens}, truncated. */
    static long durationFromTokens(double limit, double tokens) {
        if (limit <= 0) {
            return INF_NANOS;
        }
        double d = (tokens / limit) * SECOND;
        if (d > (double) Long.MAX_VALUE) {
            return INF_NANOS;
        }
        return (long) d;
    }

    /** Go's {@code Limit.tokensFromDuration}. */
    static double tokensFromDuration(double limit, long d) {
        if (limit <= 0) {
            return 0;
        }
        return seconds(d) * limit;
    }

    /** Go's {@code Duration.Seconds}: whole seconds and the remainder converted apart, as Go rounds. */
    static double seconds(long d) {
        long sec = d / SECOND;
        long nsec = d % SECOND;
        return sec + nsec / 1e9;
    }
}
