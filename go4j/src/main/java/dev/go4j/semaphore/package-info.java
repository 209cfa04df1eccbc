/**
 * Go's {@code golang.org/x/sync/semaphore}: {@link dev.go4j.semaphore.Weighted}, a FIFO weighted
 * semaphore whose acquire honours a {@link dev.go4j.context.Context}.
 */
package dev.go4j.semaphore;
