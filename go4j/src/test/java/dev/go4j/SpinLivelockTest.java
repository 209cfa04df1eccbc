package dev.go4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A waiting party that spins before it parks never livelocks: it never holds a carrier that the party it
 * waits for needs. Go's {@code TestSelectStress} (every party a channel's plain sender or receiver, or a
 * select over all four channels) runs with every party spinning as long as the switches allow (the budget
 * at 1,024 spins, a probe of 1,024 spins on every wait once it is spent), on two carriers (where a peer's
 * unbounded spin livelocks about one run in four) and on one (where go4j does not spin). Each run is a JVM
 * of its own, since the switches and the carriers are read at startup; a livelock shows as a child that
 * does not finish within {@link TestSupport#BOUND}, a hang guard and not a duration assertion.
 */
class SpinLivelockTest {
    @ParameterizedTest(name = "{0} carrier(s)")
    @ValueSource(ints = {2, 1})
    void selectStressWithEveryPartySpinning(int carriers) throws Exception {
        TestSupport.JavaRun run = TestSupport.runJava(List.of(
                "-Djdk.virtualThreadScheduler.parallelism=" + carriers,
                "-Dgo4j.spin=1024", "-Dgo4j.spin.probe=1024", "-Dgo4j.spin.probeEvery=1"),
                SpinningSelectStress.class);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(List.of("ok"), run.lines());
    }
}
