package dev.go4j.race.rt;

import java.util.ArrayList;
import java.util.List;

/** The frames a report shows: the application's, without the detector's, the JDK's or go4j's goroutine launcher. */
final class Stacks {
    private Stacks() {}

    static StackTraceElement[] application(StackTraceElement[] frames) {
        List<StackTraceElement> out = new ArrayList<>(frames.length);
        for (StackTraceElement f : frames) {
            if (shown(f)) {
                out.add(f);
            }
        }
        return out.toArray(new StackTraceElement[0]);
    }

    /**
     * Frames of the program, not of the agent, the JDK, go4j's goroutine start (Go shows none of its
     * runtime) or the test runner below a test (JUnit's and Surefire's, dozens of frames where Go shows one).
     */
    private static boolean shown(StackTraceElement f) {
        String c = f.getClassName();
        return !(c.startsWith("dev.go4j.race.") || c.startsWith("java.") || c.startsWith("jdk.")
                || c.startsWith("sun.") || c.startsWith("org.junit.") || c.startsWith("org.apache.maven.surefire.") || c.equals("dev.go4j.Go") || c.equals("dev.go4j.internal.diag.Goroutine")
                || f.getMethodName().startsWith("$race$"));
    }
}
