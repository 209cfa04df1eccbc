/**
 * The parking core shared by every blocking primitive of go4j: the waiter (Go's {@code sudog},
 * {@link dev.go4j.internal.Waiter}), its FIFO queue ({@link dev.go4j.internal.WaitQueue}), the short lock
 * that guards a queue ({@link dev.go4j.internal.ShortLock}), the spin policy
 * ({@link dev.go4j.internal.AdaptiveSpin}), Go's runtime semaphore and notify list
 * ({@link dev.go4j.internal.Sema}), the timer channels' door into the channel
 * ({@link dev.go4j.internal.TimerChannels}), the deadlock check's view of pending timers
 * ({@link dev.go4j.internal.Timers}), durations ({@link dev.go4j.internal.Nanos}), and every
 * {@code go4j.*} switch ({@link dev.go4j.internal.Switches}). Not exported by the module: nothing here is
 * API.
 *
 * <p>What may not live here: the core imports nothing of go4j but itself: not the diagnostics
 * ({@code dev.go4j.internal.diag}), not {@code dev.go4j.runtime}, not the public API. It tells
 * diagnostics what happens only through one hook, {@link dev.go4j.internal.Trace}, whose implementation
 * the diagnostics package provides (a do-nothing hook when it is absent). The channel type it serves is a
 * type parameter ({@link dev.go4j.internal.TimerChannels}), never {@code dev.go4j.Chan}.
 */
package dev.go4j.internal;
