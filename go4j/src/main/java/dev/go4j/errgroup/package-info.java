/**
 * Go's {@code golang.org/x/sync/errgroup}: {@link dev.go4j.errgroup.ErrGroup} (Go's {@code errgroup.Group})
 * runs subtasks in goroutines, reports the first failure, cancels a shared context on failure and can
 * bound how many run at once.
 *
 * <p>What may not live here: machinery. Built on the public API only ({@code Go}, {@code context},
 * {@code sync}).
 */
package dev.go4j.errgroup;
