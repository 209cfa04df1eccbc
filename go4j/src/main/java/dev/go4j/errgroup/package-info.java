/**
 * Go's {@code golang.org/x/sync/errgroup}: {@link dev.go4j.errgroup.ErrGroup} (Go's {@code errgroup.Group})
 * runs subtasks in goroutines, reports the first failure, cancels a shared context on failure and can
 * bound how many run at once.
 */
package dev.go4j.errgroup;
