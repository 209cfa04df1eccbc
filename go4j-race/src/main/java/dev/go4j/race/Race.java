package dev.go4j.race;

import dev.go4j.race.rt.Rt;
import java.util.List;

/**
 * What the detector has reported in this JVM, for test frameworks: go4j-test's {@code @VerifyNoDataRaces}
 * takes a mark before each test and fails the test if reports were added after it, as {@code go test -race}
 * fails a test "race detected during execution of test".
 *
 * <p>The agent jar is on the system class path whenever the agent is attached, so callers find this class
 * there by name and call it by reflection with JDK types only: they need no dependency on the agent, and
 * without the agent they find no class and check nothing.
 */
public final class Race {
    private Race() {}

    /**
     * True if the agent is attached to this JVM (this class may also be on a class path without it).
     *
     * @return whether accesses are checked and races reported
     */
    public static boolean attached() {
        return Rt.attached();
    }

    /**
     * The number of races reported so far (each pair of code locations counts once).
     *
     * @return the number of reports printed since the JVM started
     */
    public static int count() {
        return Rt.raceCount();
    }

    /**
     * The reports printed after the first {@code from}, each as Go's race detector prints it (from
     * {@code ==================} to {@code ==================}).
     *
     * @param from a {@link #count()} taken earlier (0: every report)
     * @return the reports printed since, oldest first; empty if none
     */
    public static List<String> reportsSince(int from) {
        return Rt.reportsSince(from);
    }
}
