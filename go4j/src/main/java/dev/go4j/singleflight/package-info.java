/**
 * Go's {@code golang.org/x/sync/singleflight}: {@link dev.go4j.singleflight.SingleFlight} (Go's
 * {@code singleflight.Group}) suppresses duplicate concurrent calls for the same key, giving every
 * caller the one result.
 */
package dev.go4j.singleflight;
