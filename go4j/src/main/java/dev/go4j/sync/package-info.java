/**
 * Go's {@code sync} package: {@link dev.go4j.sync.Mutex}, {@link dev.go4j.sync.RWMutex},
 * {@link dev.go4j.sync.WaitGroup}, {@link dev.go4j.sync.Cond}, {@link dev.go4j.sync.Once} (with
 * {@code OnceFunc}, {@code OnceValue}, {@code OnceValues}) and {@link dev.go4j.sync.Pool}, with Go's
 * semantics and error messages ({@link dev.go4j.sync.SyncError}).
 *
 * <p>Every blocking call parks the virtual thread (all of them through one port of Go's runtime
 * semaphore) and throws {@link java.lang.InterruptedException} when interrupted, leaving nothing
 * half-done. Go's {@code sync.Map} is {@link java.util.concurrent.ConcurrentHashMap} and Go's
 * {@code sync/atomic} is {@code java.util.concurrent.atomic}: see the Go → go4j table of the README.
 *
 * <p>What may not live here: parking and diagnostics. The locks park on the core's semaphore
 * ({@code dev.go4j.internal.Sema}) and tell diagnostics what they do through the core's one hook
 * ({@code dev.go4j.internal.Trace}), one call per exit; they do not import {@code dev.go4j.internal.diag}.
 */
package dev.go4j.sync;
