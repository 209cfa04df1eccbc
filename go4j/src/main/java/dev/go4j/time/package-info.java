/**
 * Go's {@code time} package: timers, tickers and sleep, all reading time through a replaceable
 * {@link dev.go4j.time.Clock}.
 */
package dev.go4j.time;
