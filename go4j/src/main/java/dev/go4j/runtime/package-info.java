/**
 * Go's {@code runtime} package for go4j: goroutine snapshots and Go's goroutine dump
 * ({@link dev.go4j.runtime.Goroutines}), the error of Go's deadlock detection
 * ({@link dev.go4j.runtime.DeadlockError}, raised by {@link dev.go4j.Go#main}), Go's block and mutex
 * contention profiles ({@link dev.go4j.runtime.Profile}), and the opt-in goroutine leak profile
 * ({@link dev.go4j.runtime.Goroutines#leaked()}, {@link dev.go4j.runtime.GoroutineLeak}). go4j also emits
 * Java Flight Recorder events in the category "go4j": {@code dev.go4j.GoroutineBlocked} (a goroutine parked
 * in a go4j primitive for longer than the event's threshold, 20 ms by default; fields reason, object,
 * goroutineId), {@code dev.go4j.DeadlockDetected} (from {@code Go.main}, with the dump) and
 * {@code dev.go4j.GoroutineLeak} (from the leak profile). They need the {@code jdk.jfr} module, which go4j
 * reads optionally ({@code requires static}): without it the library works and emits nothing.
 *
 * <p>Two detectors for go4j's own locks ({@code dev.go4j.sync.Mutex}, {@code RWMutex}):
 * <ul>
 *   <li><b>Lock cycles</b>, on by default ({@code -Dgo4j.lockCycles=false} turns them off): goroutines
 *       waiting for each other's locks in a cycle are reported the moment the last of them is about to
 *       park, once, as a {@link dev.go4j.runtime.LockCycle} (who holds what, who waits for what, their
 *       stacks) to {@link dev.go4j.runtime.Goroutines#setLockCycleHandler} (default: printed to
 *       {@code System.err}). {@link dev.go4j.runtime.Goroutines#lockCycles()} lists the cycles present
 *       now, and {@code Go.main}'s deadlock report includes them.</li>
 *   <li><b>Lock order</b>, opt-in ({@code -Dgo4j.lockOrder=true} or
 *       {@link dev.go4j.runtime.Goroutines#checkLockOrder}): like Linux's lockdep and Go's
 *       {@code sasha-s/go-deadlock}, two locks taken in both orders are reported as a
 *       {@link dev.go4j.runtime.LockOrderInversion} with the stacks of both orders, even in a run that
 *       did not deadlock ({@link dev.go4j.runtime.Goroutines#setLockOrderHandler}).</li>
 * </ul>
 *
 * <p>What lives here is the public face only: the records and entry points, built from the plain data of
 * {@code dev.go4j.internal.diag}. Nothing here is imported by the core ({@code dev.go4j.internal}) or by
 * the diagnostics; {@code dev.go4j.Go} is its only user inside go4j.
 */
package dev.go4j.runtime;
