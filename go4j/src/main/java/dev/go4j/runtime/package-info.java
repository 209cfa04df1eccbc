/**
 * Go's {@code runtime} package for go4j: goroutine snapshots and Go's goroutine dump
 * ({@link dev.go4j.runtime.Goroutines}), the error of Go's deadlock detection
 * ({@link dev.go4j.runtime.DeadlockError}, raised by {@link dev.go4j.Go#main}), and the opt-in goroutine
 * leak profile ({@link dev.go4j.runtime.Goroutines#leaked()}, {@link dev.go4j.runtime.GoroutineLeak}).
 */
package dev.go4j.runtime;
