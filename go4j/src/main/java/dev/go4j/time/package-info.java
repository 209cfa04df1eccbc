/**
 * Go's {@code time} package, with Go 1.23's timer semantics: {@link dev.go4j.time.Time} (After, Tick,
 * Sleep, AfterFunc, NewTimer, NewTicker, Now, Since, Until), {@link dev.go4j.time.Timer} and
 * {@link dev.go4j.time.Ticker}, whose channels are ordinary go4j channels and so select cases.
 *
 * <p>Everything reads time and schedules through a replaceable {@link dev.go4j.time.Clock}: the system
 * clock (one daemon timer thread and a heap of alarms; a million pending timers need no more threads),
 * or a {@link dev.go4j.time.ManualClock} that tests advance by hand. {@link dev.go4j.Select#timeout}
 * and {@link dev.go4j.time.Time#sleep} honour the calling thread's clock too.
 *
 * <p>What may not live here: parking and diagnostics. Timers fire into channels through the core's
 * {@code TimerChannels} and park on its waiters; nothing here imports {@code dev.go4j.internal.diag} or
 * {@code dev.go4j.runtime}. (Known knot: {@code dev.go4j.Select} imports {@link dev.go4j.time.Clock} for
 * its timeout case, so this package and {@code dev.go4j} import each other.)
 */
package dev.go4j.time;
