/**
 * go4j: Go's concurrency model for Java 21+.
 *
 * <p>{@link dev.go4j.Go} starts goroutines (virtual threads), {@link dev.go4j.Chan} is Go's channel and
 * {@link dev.go4j.Select} is Go's {@code select} statement. The package {@code dev.go4j.internal} holds
 * the parking core and {@code dev.go4j.internal.diag} the diagnostics; neither is exported.
 */
module dev.go4j {
    requires static jdk.jfr; // go4j's JFR events; the library runs without the module (see internal.diag.Jfr)

    exports dev.go4j;
    exports dev.go4j.context;
    exports dev.go4j.errgroup;
    exports dev.go4j.pattern;
    exports dev.go4j.rate;
    exports dev.go4j.runtime;
    exports dev.go4j.semaphore;
    exports dev.go4j.singleflight;
    exports dev.go4j.sync;
    exports dev.go4j.synctest;
    exports dev.go4j.time;
}
