package dev.go4j.bench;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link BufferedBench} with the virtual-thread scheduler on one carrier thread, against Go with
 * {@code GOMAXPROCS=1}: the cost of the channel itself, without the scheduler's placement of the two
 * sides. Go's scheduler tends to run a buffered channel's producer and consumer on one P in turns (a
 * woken goroutine goes to the waker's {@code runnext}); the JDK's scheduler runs them on two carriers at
 * once, so every operation of a lock-based channel moves cache lines between cores. This pair of rows
 * shows how much of the two-core gap to Go is that placement.
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Djdk.virtualThreadScheduler.parallelism=1"})
public class OneCarrierBufferedBench extends BufferedBench {}
