/**
 * Go's {@code golang.org/x/sync/semaphore}: {@link dev.go4j.semaphore.Weighted}, a FIFO weighted
 * semaphore whose acquire honours a {@link dev.go4j.context.Context}.
 *
 * <p>What may not live here: machinery or diagnostics: built on the public API and the core's short lock;
 * nothing here imports {@code dev.go4j.internal.diag} or {@code dev.go4j.runtime}.
 */
package dev.go4j.semaphore;
