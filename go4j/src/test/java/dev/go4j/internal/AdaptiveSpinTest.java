package dev.go4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The spin policy of a channel: start at the full budget, halve it after every spin that ended in a
 * park, double it (up to the cap) after every spin that was met, and at zero try a probe now and then:
 * a short one often on a buffered channel, a long one rarely on a rendezvous channel. (With one carrier
 * it never spins; the tests need more than one.)
 */
class AdaptiveSpinTest {
    /** One channel's spin state, kept and used as Chan does: {@code spins()} before a wait, {@code record} after it. */
    private static final class State {
        private final boolean handOff;
        private int s = AdaptiveSpin.initial();

        State(boolean handOff) {
            this.handOff = handOff;
        }

        int spins() {
            return AdaptiveSpin.spins(s, handOff);
        }

        void record(int spins, boolean met) {
            s = AdaptiveSpin.after(s, spins, met);
        }
    }

    /** Misses until the budget, halved each time, is zero. */
    private static void spinOff(State s) {
        for (int b; (b = s.spins()) > 0; ) {
            s.record(b, false);
        }
    }

    /** Where (call number) and how long the probes are over {@code calls} calls of {@code spins()} at zero. */
    private static List<int[]> probes(State s, int calls) {
        List<int[]> out = new ArrayList<>();
        for (int i = 1; i <= calls; i++) {
            int n = s.spins();
            s.record(n, false);
            if (n != 0) {
                out.add(new int[] {i, n});
            }
        }
        return out;
    }

    @Test
    void startsAtTheFullBudgetAndHalvesOnEveryMiss() {
        assumeTrue(AdaptiveSpin.multiCarrier() && AdaptiveSpin.MAX > 0);
        State s = new State(false);
        int expected = AdaptiveSpin.MAX;
        assertEquals(expected, s.spins());
        while (expected > 0) {
            s.record(expected, false);
            expected >>= 1;
            assertEquals(expected, s.spins(), "halved after a spin that ended in a park");
        }
    }

    @Test
    void doublesOnEveryMeetUpToTheCap() {
        assumeTrue(AdaptiveSpin.multiCarrier() && AdaptiveSpin.MAX >= 8);
        State s = new State(false);
        for (int i = 0; i < 3; i++) {
            s.record(s.spins(), false);
        }
        int b = AdaptiveSpin.MAX >> 3;
        assertEquals(b, s.spins());
        while (b < AdaptiveSpin.MAX) {
            s.record(b, true);
            b = Math.min(AdaptiveSpin.MAX, b * 2);
            assertEquals(b, s.spins(), "doubled after a spin that was met");
        }
        s.record(b, true);
        assertEquals(AdaptiveSpin.MAX, s.spins(), "never above the cap");
    }

    @Test
    void aWaitThatDidNotSpinTeachesNothing() {
        assumeTrue(AdaptiveSpin.multiCarrier() && AdaptiveSpin.MAX > 0);
        State s = new State(false);
        s.record(0, false);
        s.record(0, true);
        assertEquals(AdaptiveSpin.MAX, s.spins());
    }

    @Test
    void atZeroABufferedChannelProbesBrieflyAndOften() {
        assumeTrue(AdaptiveSpin.multiCarrier() && AdaptiveSpin.MAX > 0);
        State s = new State(false);
        spinOff(s);
        List<int[]> p = probes(s, 64 * 10);
        assertTrue(p.get(0)[0] <= 64, "the first probe within 64 waits");
        for (int i = 0; i < p.size(); i++) {
            assertEquals(16, p.get(i)[1], "a short probe");
            if (i > 0) {
                assertEquals(64, p.get(i)[0] - p.get(i - 1)[0], "one probe every 64 waits");
            }
        }
    }

    @Test
    void atZeroARendezvousChannelProbesLongerAndRarer() {
        assumeTrue(AdaptiveSpin.multiCarrier() && AdaptiveSpin.MAX > 0);
        State buffered = new State(false);
        State handOff = new State(true);
        spinOff(buffered);
        spinOff(handOff);
        int calls = 100_000;
        List<int[]> short_ = probes(buffered, calls);
        List<int[]> long_ = probes(handOff, calls);
        assertTrue(long_.size() >= 2, "it still probes");
        assertTrue(long_.get(0)[1] > short_.get(0)[1], "longer: " + long_.get(0)[1] + " against " + short_.get(0)[1]);
        int every = long_.get(1)[0] - long_.get(0)[0];
        assertTrue(every > 64, "rarer than a buffered channel's: every " + every);
        for (int i = 1; i < long_.size(); i++) {
            assertEquals(every, long_.get(i)[0] - long_.get(i - 1)[0], "evenly spaced probes");
        }
    }

    @Test
    void aProbeThatIsMetTurnsSpinningBackOn() {
        assumeTrue(AdaptiveSpin.multiCarrier() && AdaptiveSpin.MAX > 0);
        State s = new State(false);
        spinOff(s);
        int probe;
        while ((probe = s.spins()) == 0) {
            s.record(0, false); // a wait that did not spin, counted toward the probe
        }
        s.record(probe, true);
        assertEquals(Math.min(AdaptiveSpin.MAX, probe * 2), s.spins());
    }

    @Test
    void spinsOnlyWithMoreThanOneCarrier() {
        int carriers = AdaptiveSpin.carriers();
        String p = System.getProperty("jdk.virtualThreadScheduler.parallelism");
        assertEquals(p == null ? Runtime.getRuntime().availableProcessors() : Integer.parseInt(p.trim()), carriers);
        assertEquals(carriers > 1, AdaptiveSpin.multiCarrier());
    }
}
