package dev.go4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules the package-info files state, checked on the sources: the parking core imports nothing of
 * go4j but itself, the diagnostics nothing but the core, and sync reaches diagnostics only through the
 * core's hook, the language level imports no library package built on it, and no two packages reach each
 * other. A name in a string (the hook loaded by name, a JFR event's name) is not a use.
 */
class PackageRulesTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/go4j");
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(dev\\.go4j(?:\\.[a-z]\\w*)*)\\.[A-Z]",
            Pattern.MULTILINE);
    /** A type of go4j named in full in code. */
    private static final Pattern NAMED = Pattern.compile("\\b(dev\\.go4j(?:\\.[a-z]\\w*)*)\\.[A-Z]");

    @Test
    void theCoreImportsOnlyItself() throws IOException {
        assertEquals(Set.of(), packagesUsedBy("internal"), "the core's imports of go4j");
    }

    @Test
    void diagnosticsImportOnlyTheCore() throws IOException {
        assertEquals(Set.of("dev.go4j.internal"), packagesUsedBy("internal/diag"), "the diagnostics' imports of go4j");
    }

    @Test
    void locksReachDiagnosticsOnlyThroughTheHook() throws IOException {
        Set<String> used = packagesUsedBy("sync");
        assertTrue(!used.contains("dev.go4j.internal.diag") && !used.contains("dev.go4j.runtime"), "sync uses " + used);
    }

    /**
     * The language level ({@code Go}, {@code Chan}, {@code Select}) stands below every library package
     * (time, context, sync, ...): it uses only the parking core, and the runtime's diagnostics for
     * {@code Go.main}'s deadlock report.
     */
    @Test
    void theLanguageLevelImportsNoLibraryPackage() throws IOException {
        Set<String> below = Set.of("dev.go4j.internal", "dev.go4j.internal.diag", "dev.go4j.runtime");
        Set<String> used = new TreeSet<>(packagesUsedBy("."));
        used.removeAll(below);
        assertEquals(Set.of(), used, "dev.go4j's imports above it");
    }

    @Test
    void noImportCycleBetweenPackages() throws IOException {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> dirs = Files.walk(SOURCES)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                String dir = SOURCES.relativize(d).toString();
                uses.put(packageOf(dir.isEmpty() ? "." : dir), packagesUsedBy(dir.isEmpty() ? "." : dir));
            }
        }
        for (String p : uses.keySet()) {
            List<String> path = pathBack(uses, p);
            assertTrue(path.isEmpty(), "import cycle: " + p + " -> " + String.join(" -> ", path));
        }
    }

    /** A path of uses from {@code start} back to itself, or empty if there is none (breadth first). */
    private static List<String> pathBack(Map<String, Set<String>> uses, String start) {
        Map<String, String> via = new TreeMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(start));
        while (!todo.isEmpty()) {
            String p = todo.poll();
            for (String q : uses.getOrDefault(p, Set.of())) {
                if (q.equals(start)) {
                    List<String> path = new ArrayList<>(List.of(start));
                    for (String r = p; !r.equals(start); r = via.get(r)) {
                        path.addFirst(r);
                    }
                    return path;
                }
                if (via.putIfAbsent(q, p) == null) {
                    todo.add(q);
                }
            }
        }
        return List.of();
    }

    private static String packageOf(String dir) {
        return dir.equals(".") ? "dev.go4j" : "dev.go4j." + dir.replace('/', '.');
    }

    /** The go4j packages other than itself that the files directly in {@code dir} import or name in code. */
    private static Set<String> packagesUsedBy(String dir) throws IOException {
        Path d = SOURCES.resolve(dir);
        String self = packageOf(dir);
        Set<String> used = new TreeSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(d)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertTrue(!files.isEmpty(), "no sources in " + d.toAbsolutePath());
        for (Path f : files) {
            // string literals name classes by name (the hook's loading, JFR event names): not uses
            String text = withoutStrings(Files.readString(f));
            for (Pattern p : List.of(IMPORT, NAMED)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    if (!m.group(1).equals(self)) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        return used;
    }

    /** {@code text} without its comments and the contents of its string and char literals. */
    private static String withoutStrings(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (text.startsWith("//", i)) {
                i = text.indexOf('\n', i);
                i = i < 0 ? text.length() : i;
            } else if (text.startsWith("/*", i)) {
                i = text.indexOf("*/", i + 2) + 2;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (text.charAt(j) != c) {
                    j += text.charAt(j) == '\\' ? 2 : 1;
                }
                sb.append(c).append(c);
                i = j + 1;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }
}
