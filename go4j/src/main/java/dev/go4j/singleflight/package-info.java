/**
 * Go's {@code golang.org/x/sync/singleflight}: {@link dev.go4j.singleflight.SingleFlight} (Go's
 * {@code singleflight.Group}) suppresses duplicate concurrent calls for the same key, giving every
 * caller the one result.
 *
 * <p>What may not live here: machinery or diagnostics: built on the public API and the core's short lock;
 * nothing here imports {@code dev.go4j.internal.diag} or {@code dev.go4j.runtime}.
 */
package dev.go4j.singleflight;
