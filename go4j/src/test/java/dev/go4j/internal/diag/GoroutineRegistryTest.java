package dev.go4j.internal.diag;

import static dev.go4j.TestSupport.awaitTrue;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Go;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The goroutine registry: it lists exactly the unfinished goroutines, finds a goroutine's record from
 * its thread, and gives its memory back once goroutines end (defect: a hash table kept the size of
 * the largest crowd forever).
 */
@Timeout(120)
class GoroutineRegistryTest {
    private static final int CROWD = 50_000;

    @Test
    void shrinksOnceACrowdOfGoroutinesHasEnded() throws Exception {
        Chan<Void> release = Chan.make();
        int before = Goroutine.count();
        List<Thread> crowd = new ArrayList<>(CROWD);
        try {
            for (int i = 0; i < CROWD; i++) {
                crowd.add(Go.go(release::recv));
            }
            awaitTrue(CROWD + " goroutines counted", () -> Goroutine.count() >= before + CROWD);
            assertTrue(Goroutine.footprint() >= CROWD, "all of them held while they live");
        } finally {
            release.close();
            for (Thread t : crowd) {
                join(t);
            }
        }
        awaitTrue("the crowd uncounted", () -> Goroutine.count() <= before);
        int footprint = Goroutine.footprint();
        assertTrue(footprint < CROWD / 10, "the registry still holds " + footprint + " slots after "
                + CROWD + " goroutines ended (" + Goroutine.count() + " live)");
    }

    @Test
    void findsTheRecordOfEachLiveGoroutine() throws Exception {
        Chan<Goroutine> seen = Chan.make(1);
        Chan<Void> release = Chan.make();
        Thread t = Go.go(() -> {
            seen.send(Goroutine.current());
            release.recv();
        });
        try {
            Goroutine g = seen.recv();
            assertEquals(Goroutine.idOf(t), g.id);
            assertSame(g, Goroutine.of(t));
            assertSame(t, g.thread());
            assertTrue(Goroutine.live().contains(g));
        } finally {
            release.close();
            join(t);
        }
        awaitTrue("unlinked", () -> Goroutine.of(t) == null);
        assertTrue(Goroutine.current() == null, "the test thread is not a goroutine");
    }
}
