package dev.go4j.runtime;

import dev.go4j.Chan;
import dev.go4j.Go;

/**
 * Run in a JVM of its own by {@link JfrEventsTest}: one goroutine parks in a receive (the first park of
 * the JVM), then gets its value. The test reads the JVM's class-loading log.
 */
public final class FirstParkProbe {
    private FirstParkProbe() {}

    public static void main(String[] args) throws Exception {
        Chan<Integer> ch = Chan.make();
        Thread receiver = Go.go(ch::recv);
        while (receiver.getState() != Thread.State.WAITING) {
            Thread.onSpinWait(); // a probe, not library code: the goroutine parks within microseconds
        }
        ch.send(1);
        receiver.join();
        System.out.println("probe: handed off");
    }
}
