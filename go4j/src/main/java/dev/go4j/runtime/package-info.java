/**
 * Go's {@code runtime} package for go4j: goroutine snapshots and Go's goroutine dump
 * ({@link dev.go4j.runtime.Goroutines}), and the error of Go's deadlock detection
 * ({@link dev.go4j.runtime.DeadlockError}, raised by {@link dev.go4j.Go#main}).
 */
package dev.go4j.runtime;
