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
 */
package dev.go4j.runtime;
