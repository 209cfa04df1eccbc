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
 */
package dev.go4j.sync;
