package dev.go4j.race.rt;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prints races in the format of Go's race detector (ThreadSanitizer's), once per pair of code locations,
 * and counts them for the final {@code Found N data race(s)}.
 *
 * <p>The current access's stack is walked when the race is found. The previous access's thread has moved
 * on since, so its section prints the {@link Frame} the access recorded from its thread's
 * {@link ShadowStack}: the frames of instrumented code only.
 */
final class Races {
    static final int FIELD = 0;
    static final int STATIC = 1;
    static final int ELEMENT = 2;
    private static final String RULE = "==================";
    private static final Set<Long> REPORTED = new HashSet<>();
    /** Every report printed, in order: at most one per pair of sites, so bounded by the program's code. */
    private static final List<String> REPORTS = new ArrayList<>();
    static volatile boolean haltOnError;
    static volatile int exitCode = 66;

    private Races() {}

    /** The number of races reported so far. */
    static synchronized int count() {
        return REPORTS.size();
    }

    /** The reports printed so far, from the {@code from}-th on (0: all). */
    static synchronized List<String> since(int from) {
        return List.copyOf(REPORTS.subList(Math.min(from, REPORTS.size()), REPORTS.size()));
    }

    /**
     * Reports a race between the current access of {@code cur} at {@code curSite} and a previous one with
     * stack {@code prevAt} in epoch {@code prevEpoch}, unless that pair of sites was reported already.
     */
    static void report(Object where, int kind, int id, boolean curWrite, int curSite, ThreadState current,
                       boolean prevWrite, Frame prevAt, long prevEpoch) {
        StringBuilder sb;
        synchronized (Races.class) {
            int prevSite = prevAt.site;
            long pair = (long) Math.min(curSite, prevSite) << 32 | Math.max(curSite, prevSite);
            if (!REPORTED.add(pair)) {
                return;
            }
            ThreadState.Owner cur = current.owner();
            ThreadState.Owner prev = ThreadState.owner(Epoch.tid(prevEpoch), Epoch.clock(prevEpoch));
            String addr = address(where, kind, id);
            sb = new StringBuilder(1024).append(RULE).append("\nWARNING: DATA RACE\n");
            sb.append(curWrite ? "Write" : "Read").append(" at ").append(addr).append(" by ").append(cur.label()).append(":\n");
            appendStack(sb, currentStack());
            sb.append("\nPrevious ").append(prevWrite ? "write" : "read").append(" at ").append(addr)
                    .append(" by ").append(prev.label()).append(":\n");
            appendStack(sb, prevAt.trace());
            sb.append("\nLocation is ").append(location(where, kind, id)).append('\n');
            appendCreatedAt(sb, cur);
            appendCreatedAt(sb, prev);
            sb.append(RULE).append('\n');
            REPORTS.add(sb.toString());
        }
        PrintStream err = System.err;
        err.print(sb);
        err.flush();
        if (haltOnError) {
            System.out.flush();
            Runtime.getRuntime().halt(exitCode);
        }
    }

    /** At exit: Go's summary line, and its exit status when races were found. */
    static void atExit() {
        int n = count();
        if (n > 0) {
            System.out.flush();
            System.err.println("Found " + n + " data race(s)");
            System.err.flush();
            if (exitCode != 0) {
                Runtime.getRuntime().halt(exitCode);
            }
        }
    }

    /** A stable made-up address: Java has no addresses, but Go readers match the two sections by it. */
    private static String address(Object where, int kind, int id) {
        long base = where == null ? 0 : System.identityHashCode(where) & 0xffffffffL;
        return String.format("0x%012x", base << 16 | (kind == ELEMENT ? id & 0xffff : id & 0xfff) << (kind == ELEMENT ? 0 : 4));
    }

    private static String location(Object where, int kind, int id) {
        return switch (kind) {
            case FIELD -> "field " + Sites.field(id) + " of " + where.getClass().getName() + "@"
                    + Integer.toHexString(System.identityHashCode(where));
            case STATIC -> "static field " + Sites.field(id);
            default -> "element " + id + " of " + where.getClass().getComponentType().getName() + "["
                    + java.lang.reflect.Array.getLength(where) + "]@" + Integer.toHexString(System.identityHashCode(where));
        };
    }

    private static void appendCreatedAt(StringBuilder sb, ThreadState.Owner t) {
        if (t.createdAt() == null) {
            return;
        }
        String label = t.label();
        sb.append('\n').append(Character.toUpperCase(label.charAt(0))).append(label, 1, label.length())
                .append(t.running() ? " (running)" : " (finished)").append(" created at:\n");
        appendStack(sb, t.createdAt());
    }

    private static StackTraceElement[] currentStack() {
        return Stacks.application(new Throwable().getStackTrace());
    }

    static void appendStack(StringBuilder sb, StackTraceElement[] frames) {
        for (StackTraceElement f : frames) {
            sb.append("  ").append(f.getClassName()).append('.').append(f.getMethodName()).append("()\n      ")
                    .append(f.getFileName() == null ? "?" : f.getFileName()).append(':').append(f.getLineNumber())
                    .append('\n');
        }
    }
}
