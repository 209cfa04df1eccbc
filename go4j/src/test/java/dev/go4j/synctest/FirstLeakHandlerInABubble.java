package dev.go4j.synctest;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.runtime.Goroutines;
import dev.go4j.time.Time;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM's program (see {@code SynctestTest.libraryThreadsBelongToNoBubble}), run with the leak
 * profile on, whose leak handler is first set in a bubble, so that the leak profile's watcher thread is
 * started there; a goroutine leaked after the bubble ended is then reported to the handler, which must
 * read the real clock, not the clock of the bubble that happened to start the watcher. Prints {@code ok}.
 */
public final class FirstLeakHandlerInABubble {
    private FirstLeakHandlerInABubble() {}

    public static void main(String[] args) throws Exception {
        BlockingQueue<Instant> seen = new ArrayBlockingQueue<>(1);
        Synctest.test(() -> Goroutines.setLeakHandler(leak -> seen.offer(Time.now())));
        Go.go(() -> Chan.make().recv()); // leaked: nothing else can reach its channel
        Instant now;
        while ((now = seen.poll(100, TimeUnit.MILLISECONDS)) == null) {
            System.gc();
        }
        System.out.println(now.isAfter(Instant.parse("2000-01-02T00:00:00Z")) ? "ok" : "the handler read the bubble's clock: " + now);
    }
}
