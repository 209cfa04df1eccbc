package dev.go4j.race;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which classes the agent changes, and how, from system properties:
 * <ul>
 *   <li>{@code go4j.race.include}: comma-separated class name prefixes whose field and array accesses
 *       are checked (default: every class not excluded);</li>
 *   <li>{@code go4j.race.exclude}: prefixes not checked, added to the defaults (the JDK, go4j itself,
 *       JUnit and Maven's test runner). The longest matching prefix decides, so
 *       {@code include=dev.go4j.examples.} checks the examples although {@code dev.go4j.} is excluded;</li>
 *   <li>{@code go4j.race.includeLocations}: comma-separated parts of class path entries (directories or
 *       jars) whose classes are checked whatever their package (unless {@code go4j.race.exclude} names
 *       them): {@code /target/test-classes/} checks a library's tests, which share the library's
 *       packages, and not the library.</li>
 * </ul>
 * Every class outside the JDK and the agent, checked or not, has its synchronisation modelled (monitors,
 * volatiles, calls into {@code java.util.concurrent}, thread start and join): go4j's primitives are seen
 * this way, through the volatiles, atomics and locks they are made of.
 */
final class Config {
    private static final List<String> DEFAULT_EXCLUDES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.go4j.", "org.junit.", "org.opentest4j.", "org.apiguardian.", "org.apache.maven.");
    /**
     * Never changed: the JDK (its synchronisation is modelled at the calls into it), the agent, and go4j's
     * bookkeeping: the goroutine registry, diagnostics and profiles synchronise through process-wide maps
     * and counters that are no happens-before edge of Go's model (modelling them would order, say, a
     * goroutine's end before every later {@code Go.go} and hide races).
     */
    private static final List<String> UNTOUCHED = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/", "dev/go4j/race/",
            "dev/go4j/runtime/", "dev/go4j/internal/diag/");

    /**
     * Changed only for thread start and join and for {@link Hooks}: a goroutine's thread is started in
     * {@code Goroutine.start}, while {@code Go.go}'s goroutine id counter and the registry are no edge, and neither is a WaitGroup's counter, which every {@code add} and {@code done} updates
     * with a CAS: Go's model orders {@code done} before the {@code await} it releases, not an earlier
     * {@code done} before a later {@code add} (modelling the CAS would, and would hide the race of two
     * goroutines started by {@code wg.go} when the first ends before the second starts); nor is a synctest
     * bubble's lock, which every member's start, park and end takes: Go's only edge there is a durable block
     * before the {@code Synctest.await} that follows it. The go4j objects these classes read from their
     * fields (the registry's locks, a WaitGroup's semaphore, a bubble's awaiting waiter) synchronise
     * nothing at all ({@code Rt.bookkeeping}): every goroutine's start and end takes a registry lock, which
     * would otherwise order an ended goroutine before every later start.
     */
    private static final Set<String> THREADS_ONLY = Set.of("dev/go4j/Go", "dev/go4j/internal/diag/Goroutine",
            "dev/go4j/sync/WaitGroup", "dev/go4j/internal/diag/Bubble");

    /**
     * The channel engine, whose edges are Go's, stated by its {@code RaceAnnotations} ({@link Hooks}), not
     * those of what it is built of: its lock ({@code Chan.Core}), its buffer ({@code Ring}, whose indexes
     * would order operations as the lock would) and wait queues synchronise nothing (a lock would order
     * every operation on a channel, where Go orders a send and its receive, the k-th receive and the
     * (k + cap)-th send, a close and a receive that sees it); its own volatiles are not modelled; the waiters it queues keep theirs (a claim is a CAS on the waiter), which carry a
     * hand-off's edges.
     */
    private static final Set<String> CHANNEL_ENGINE = Set.of("dev/go4j/Chan", "dev/go4j/Select", "dev/go4j/Ring");
    /** The types of the channel engine's fields that are bookkeeping (see {@link #CHANNEL_ENGINE}). */
    private static final Set<String> CHANNEL_BOOKKEEPING = Set.of("Ldev/go4j/Chan$Core;",
            "Ldev/go4j/Ring;", "Ldev/go4j/internal/WaitQueue;");

    private final List<String> includes;
    private final List<String> excludes;
    private final List<String> userExcludes;
    private final List<String> locations;

    Config(String include, String exclude, String includeLocations) {
        locations = split(includeLocations);
        includes = split(include);
        if (includes.isEmpty()) {
            includes.add("");
        }
        userExcludes = split(exclude);
        excludes = new ArrayList<>(DEFAULT_EXCLUDES);
        excludes.addAll(userExcludes);
    }

    static Config fromSystemProperties() {
        return new Config(System.getProperty("go4j.race.include"), System.getProperty("go4j.race.exclude"),
                System.getProperty("go4j.race.includeLocations"));
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        if (s != null) {
            for (String p : s.split(",")) {
                if (!p.isBlank()) {
                    out.add(p.strip());
                }
            }
        }
        return out;
    }

    /** True if the agent leaves class {@code internalName} (slashes) alone entirely. */
    static boolean untouched(String internalName) {
        if (THREADS_ONLY.contains(internalName)) {
            return false; // the goroutine registry's class starts goroutines' threads
        }
        for (String p : UNTOUCHED) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** True if only the thread starts and joins of class {@code internalName} are modelled. */
    static boolean threadsOnly(String internalName) {
        return THREADS_ONLY.contains(internalName);
    }

    /** True if the synchronising actions of class {@code internalName} are modelled (its own volatiles, locks, monitors). */
    static boolean synchronising(String internalName) {
        return !THREADS_ONLY.contains(internalName) && !CHANNEL_ENGINE.contains(internalName);
    }

    /**
     * True if a go4j object that class {@code internalName} (one whose synchronisation is not modelled)
     * reads from a field of type {@code desc} is bookkeeping, synchronising nothing ({@code Rt.bookkeeping}):
     * for the goroutine machinery, every go4j object whose synchronisation is modelled; for the channel
     * engine, its lock and wait queues.
     */
    static boolean bookkeepingField(String internalName, String desc) {
        if (CHANNEL_ENGINE.contains(internalName)) {
            return CHANNEL_BOOKKEEPING.contains(desc);
        }
        if (!desc.startsWith("Ldev/go4j/")) {
            return false;
        }
        String type = desc.substring(1, desc.length() - 1);
        return !untouched(type) && !threadsOnly(type);
    }

    /**
     * True if the field and array accesses of class {@code internalName}, loaded from {@code location}
     * (its class path entry, null if unknown), are checked.
     */
    boolean checked(String internalName, URL location) {
        String name = internalName.replace('/', '.');
        if (location != null && !locations.isEmpty() && longestMatch(userExcludes, name) < 0) {
            String where = location.toString();
            if (locations.stream().anyMatch(where::contains)) {
                return true;
            }
        }
        return longestMatch(includes, name) > longestMatch(excludes, name);
    }

    private static int longestMatch(List<String> prefixes, String name) {
        int best = -1;
        for (String p : prefixes) {
            if (name.startsWith(p) && p.length() > best) {
                best = p.length();
            }
        }
        return best;
    }
}
