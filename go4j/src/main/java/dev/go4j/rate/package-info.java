/**
 * Go's {@code golang.org/x/time/rate}: {@link dev.go4j.rate.Limiter} (a token bucket with
 * allow/reserve/wait), {@link dev.go4j.rate.Reservation}, and the multi-limiter of "Concurrency in Go"
 * ({@link dev.go4j.rate.MultiLimiter} over {@link dev.go4j.rate.RateLimiter}). Time comes from the
 * {@link dev.go4j.time.Clock} current when a limiter is made.
 *
 * <p>What may not live here: machinery or diagnostics: the limiter uses the public API and the core's
 * short lock and durations; nothing here imports {@code dev.go4j.internal.diag} or {@code dev.go4j.runtime}.
 */
package dev.go4j.rate;
