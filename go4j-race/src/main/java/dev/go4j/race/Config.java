package dev.go4j.race;

import java.util.ArrayList;
import java.util.List;

/**
 * Which classes the agent changes, and how, from system properties:
 * <ul>
 *   <li>{@code go4j.race.include}: comma-separated class name prefixes whose field and array accesses
 *       are checked (default: every class not excluded);</li>
 *   <li>{@code go4j.race.exclude}: prefixes not checked, added to the defaults (the JDK, go4j itself,
 *       JUnit and Maven's test runner). The longest matching prefix decides, so
 *       {@code include=dev.go4j.examples.} checks the examples although {@code dev.go4j.} is excluded.</li>
 * </ul>
 * Every class outside the JDK and the agent, checked or not, has its synchronisation modelled (monitors,
 * volatiles, calls into {@code java.util.concurrent}, thread start and join): go4j's primitives are seen
 * this way, through the volatiles, atomics and locks they are made of.
 */
final class Config {
    private static final List<String> DEFAULT_EXCLUDES = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.go4j.", "org.junit.", "org.opentest4j.", "org.apiguardian.", "org.apache.maven.");
    /** Never changed: the JDK (loaded before the agent or not worth modelling) and the agent itself. */
    private static final List<String> UNTOUCHED = List.of("java/", "javax/", "jdk/", "sun/", "com/sun/", "dev/go4j/race/");

    private final List<String> includes;
    private final List<String> excludes;

    Config(String include, String exclude) {
        includes = split(include);
        if (includes.isEmpty()) {
            includes.add("");
        }
        excludes = new ArrayList<>(DEFAULT_EXCLUDES);
        excludes.addAll(split(exclude));
    }

    static Config fromSystemProperties() {
        return new Config(System.getProperty("go4j.race.include"), System.getProperty("go4j.race.exclude"));
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
        for (String p : UNTOUCHED) {
            if (internalName.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /** True if the field and array accesses of class {@code internalName} are checked. */
    boolean checked(String internalName) {
        String name = internalName.replace('/', '.');
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
