/**
 * go4j's diagnostics, apart from the parking core: the goroutine registry
 * ({@link dev.go4j.internal.diag.Goroutine}), the block and mutex profiles
 * ({@link dev.go4j.internal.diag.Profiler}), the lock-cycle detector and lock-order checker
 * ({@link dev.go4j.internal.diag.LockCycles}, {@link dev.go4j.internal.diag.LockOrder}), the leak
 * profile's watch ({@link dev.go4j.internal.diag.LeakWatch}), the JFR events
 * ({@link dev.go4j.internal.diag.Jfr}), {@code Go.main}'s deadlock check
 * ({@link dev.go4j.internal.diag.DeadlockCheck}), how stacks are read ({@link dev.go4j.internal.diag.Frames}),
 * and the hook that feeds them all ({@link dev.go4j.internal.diag.Diagnostics}, the core's
 * {@link dev.go4j.internal.Trace}). Not exported by the module.
 *
 * <p>What may not live here: diagnostics import the core ({@code dev.go4j.internal}) and nothing else of
 * go4j: not {@code dev.go4j.runtime}, not the public API. They produce plain data (a
 * {@link dev.go4j.internal.diag.LockCycles.Cycle}, a {@link dev.go4j.internal.diag.LockOrder.Inversion},
 * stacks and counters); {@code dev.go4j.runtime} turns it into its public records. A goroutine's task
 * is an {@code Object} here, run by {@code Go} ({@link dev.go4j.internal.diag.Goroutine.Runner}).
 */
package dev.go4j.internal.diag;
