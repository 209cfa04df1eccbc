package racecases.junit;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.sync.WaitGroup;
import dev.go4j.test.VerifyNoDataRaces;
import org.junit.jupiter.api.Test;

/**
 * Tests run by {@code DataRaceExtensionTest} through JUnit's engine in a JVM with the agent attached
 * (not by Surefire directly): one races, one does not.
 */
@VerifyNoDataRaces
public class JUnitPrograms {
    private int n;

    /** Go's canonical race: two goroutines increment one field, ordered only before the test's end. */
    @Test
    void racy() throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        for (int i = 0; i < 2; i++) {
            wg.go(() -> n++);
        }
        wg.await();
    }

    /** The same increments, handed from one goroutine to the next over a channel: ordered, no race. */
    @Test
    void free() throws InterruptedException {
        Chan<Integer> token = Chan.make();
        Thread first = Go.go(() -> {
            n++;
            token.send(1);
        });
        Thread second = Go.go(() -> {
            token.recv();
            n++;
        });
        first.join();
        second.join();
    }
}
