/**
 * Go's {@code runtime} package for go4j: goroutine snapshots and Go's goroutine dump
 * ({@link dev.go4j.runtime.Goroutines}), and the error of Go's deadlock detection
 * ({@link dev.go4j.runtime.DeadlockError}, raised by {@link dev.go4j.Go#main}).
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
 */
package dev.go4j.runtime;
