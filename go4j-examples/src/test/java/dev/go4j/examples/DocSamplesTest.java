package dev.go4j.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every code sample of the documentation compiles against the go4j classes: the {@code ```java} blocks
 * of {@code README.md} and the {@code <pre>{@code ...}</pre>} blocks of the Javadoc in
 * {@code go4j/src/main/java} and {@code go4j-test/src/main/java} (the unexported {@code internal}
 * packages excepted). One dynamic test per sample, named by its file and line; a failure lists each
 * compiler error at the line of the sample's file it is on.
 *
 * <p><b>How a sample is wrapped.</b> A sample is a fragment. It is compiled as the body of a method
 * {@code void sample() throws Exception} of an abstract class, or, if it does not parse as that but
 * parses as the body of the class itself (it declares fields, methods or types), as that. The compilation unit imports
 * every exported go4j package and {@code dev.go4j.test}, {@code java.util}, {@code java.util.concurrent},
 * {@code java.util.function}, {@code java.io}, {@code java.nio.file}, {@code java.time.Duration} and
 * {@code java.time.Instant}, plus single-type imports that settle
 * clashes: the documented type itself (its simple name wins, e.g. {@code Group}) and go4j's
 * {@code Timer} and {@code Clock} (over {@code java.util.Timer} and {@code java.time.Clock}).
 * {@code import} lines at the top of a sample are used as written.
 *
 * <p><b>What a sample assumes.</b> A sample declares the names it uses without defining them in
 * {@code // given:} comment lines at its top: Java member declarations separated by {@code ;}, e.g.
 * {@code // given: Chan<Integer> in; Context ctx; void handle(int v)}. A variable becomes a field of
 * the wrapping class (usable in lambdas), a method an abstract method exactly as declared (add a
 * {@code throws} clause if it throws), a type ({@code record}, {@code class}, {@code interface},
 * {@code enum}) a member type as written ({@code record Price(long cents)} needs no body). Nothing
 * else is declared for a sample.
 */
class DocSamplesTest {
    private static final Path ROOT = repositoryRoot();
    private static final List<String> JAVADOC_ROOTS = List.of("go4j/src/main/java", "go4j-test/src/main/java");
    private static final Pattern README_FENCE = Pattern.compile("^\\s*```java\\s*$");
    private static final Pattern FENCE_END = Pattern.compile("^\\s*```\\s*$");
    private static final Pattern JAVADOC_PREFIX = Pattern.compile("^\\s*\\*( |$)");
    private static final Pattern TYPE_DECLARATION =
            Pattern.compile("^((public|protected|private|static|final|abstract|sealed|non-sealed)\\s+)*(record|class|interface|enum|@interface)\\b.*", Pattern.DOTALL);
    private static final String IMPORTS = """
            import dev.go4j.*;
            import dev.go4j.context.*;
            import dev.go4j.errgroup.*;
            import dev.go4j.pattern.*;
            import dev.go4j.rate.*;
            import dev.go4j.runtime.*;
            import dev.go4j.semaphore.*;
            import dev.go4j.singleflight.*;
            import dev.go4j.sync.*;
            import dev.go4j.synctest.*;
            import dev.go4j.time.*;
            import dev.go4j.test.*;
            import java.io.*;
            import java.nio.file.*;
            import java.util.*;
            import java.util.concurrent.*;
            import java.util.function.*;
            import java.time.Duration;
            import java.time.Instant;
            import dev.go4j.time.Clock;
            import dev.go4j.time.Timer;
            """;

    /** A sample: where it is ({@code file} relative to the repository, the line of its first line), its lines, and the documented type (or null). */
    record Sample(String file, int line, List<String> lines, String documentedType) {
        String where() {
            return file + ":" + line;
        }
    }

    @TestFactory
    Stream<DynamicTest> everySampleCompiles() throws IOException {
        List<Sample> samples = new ArrayList<>(readmeSamples());
        for (String root : JAVADOC_ROOTS) {
            samples.addAll(javadocSamples(root));
        }
        assertTrue(samples.size() >= 30, "found only " + samples.size() + " samples: is the extraction broken?");
        Map<Sample, List<String>> errors = compile(samples);
        return samples.stream().map(s -> DynamicTest.dynamicTest(s.where(), () -> {
            List<String> e = errors.get(s);
            if (!e.isEmpty()) {
                fail(s.where() + ": sample does not compile:\n" + String.join("\n", e) + "\n");
            }
        }));
    }

    // ---- extraction

    static List<Sample> readmeSamples() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (README_FENCE.matcher(lines.get(i)).matches()) {
                int start = i + 1;
                int end = start;
                while (end < lines.size() && !FENCE_END.matcher(lines.get(end)).matches()) {
                    end++;
                }
                out.add(new Sample("README.md", start + 1, List.copyOf(lines.subList(start, end)), null));
                i = end;
            }
        }
        return out;
    }

    static List<Sample> javadocSamples(String sourceRoot) throws IOException {
        Path dir = ROOT.resolve(sourceRoot);
        List<Sample> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = ROOT.relativize(f).toString().replace('\\', '/');
                if (!rel.contains("/internal/")) {
                    out.addAll(javadocSamples(rel, Files.readAllLines(f), documentedType(dir.relativize(f))));
                }
            }
        }
        return out;
    }

    /** The samples of one source file: each {@code <pre>{@code} up to the line with {@code }</pre>}, comment prefixes stripped. */
    static List<Sample> javadocSamples(String file, List<String> lines, String documentedType) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int open = lines.get(i).indexOf("<pre>{@code");
            if (open < 0) {
                continue;
            }
            List<String> body = new ArrayList<>();
            String rest = lines.get(i).substring(open + "<pre>{@code".length());
            int first = rest.isBlank() ? i + 1 : i;
            int j = rest.isBlank() ? i + 1 : i;
            for (; j < lines.size(); j++) {
                String text = j == i ? rest : JAVADOC_PREFIX.matcher(lines.get(j)).replaceFirst("");
                int close = text.indexOf("}</pre>");
                if (close >= 0) {
                    if (!text.substring(0, close).isBlank()) {
                        body.add(text.substring(0, close));
                    }
                    break;
                }
                body.add(text);
            }
            out.add(new Sample(file, first + 1, body, documentedType));
            i = j;
        }
        return out;
    }

    /** {@code dev.go4j.sync.Mutex} for {@code dev/go4j/sync/Mutex.java}; null for a package-info. */
    private static String documentedType(Path relative) {
        String name = relative.toString().replace('\\', '/').replace('/', '.');
        name = name.substring(0, name.length() - ".java".length());
        return name.endsWith("package-info") ? null : name;
    }

    // ---- wrapping

    /** A sample as a compilation unit, and for each of its lines the sample line it came from (0-based), or -1. */
    record Unit(Sample sample, String className, List<String> lines, List<Integer> origin) {
        JavaFileObject file() {
            return new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return String.join("\n", lines) + "\n";
                }
            };
        }
    }

    static Unit wrap(Sample s, String className, boolean asMethodBody) {
        List<String> lines = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        int i = 0;
        for (; i < s.lines().size() && s.lines().get(i).strip().startsWith("import "); i++) {
            add(lines, origin, s.lines().get(i), i);
        }
        for (String imp : IMPORTS.split("\n")) {
            add(lines, origin, imp, -1);
        }
        if (s.documentedType() != null) {
            add(lines, origin, "import " + s.documentedType() + ";", -1);
        }
        add(lines, origin, "abstract class " + className + " {", -1);
        for (int g = i; g < s.lines().size() && s.lines().get(g).strip().startsWith("// given:"); g++) {
            String given = s.lines().get(g).strip().substring("// given:".length());
            for (String decl : splitTopLevel(given)) {
                add(lines, origin, member(decl), g);
            }
        }
        if (asMethodBody) {
            add(lines, origin, "void sample() throws Exception {", -1);
        }
        for (; i < s.lines().size(); i++) {
            add(lines, origin, s.lines().get(i), i);
        }
        if (asMethodBody) {
            add(lines, origin, "}", -1);
        }
        add(lines, origin, "}", -1);
        return new Unit(s, className, lines, origin);
    }

    private static void add(List<String> lines, List<Integer> origin, String line, int from) {
        lines.add(line);
        origin.add(from);
    }

    /** A given declaration as a member: a type as written, a method made abstract, else a field. */
    private static String member(String decl) {
        if (TYPE_DECLARATION.matcher(decl).matches()) {
            return decl.endsWith("}") ? decl : decl + " {}";
        }
        int paren = decl.indexOf('(');
        int eq = decl.indexOf('=');
        boolean method = paren >= 0 && (eq < 0 || paren < eq);
        return (method ? "abstract " : "") + decl + ";";
    }

    /** Splits on the {@code ;} outside braces, so a given {@code interface R { int v(); }} stays whole. */
    static List<String> splitTopLevel(String given) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        StringBuilder cur = new StringBuilder();
        for (char c : given.toCharArray()) {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            if (c == ';' && depth == 0) {
                flush(out, cur);
            } else {
                cur.append(c);
            }
        }
        flush(out, cur);
        return out;
    }

    private static void flush(List<String> out, StringBuilder cur) {
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        cur.setLength(0);
    }

    // ---- compiling

    /** Each sample's compiler errors, as {@code file:line: message} lines with the offending source line. */
    static Map<Sample, List<String>> compile(List<Sample> samples) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> options = List.of("-proc:none", "-implicit:none", "-Xlint:none", "--release", "21",
                "-classpath", classPath());
        // The form of each sample: a method body if it parses as one, else a class body if it parses
        // as that; else the method body, whose errors then say what is wrong with the statements.
        List<Unit> asMethods = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            asMethods.add(wrap(samples.get(i), "Sample" + i, true));
        }
        List<Unit> notMethods = parseFailures(javac, options, asMethods);
        List<Unit> asClasses = notMethods.stream().map(u -> wrap(u.sample(), u.className(), false)).toList();
        List<Unit> notClasses = parseFailures(javac, options, asClasses);
        List<Unit> units = new ArrayList<>();
        for (Unit u : asMethods) {
            int i = notMethods.indexOf(u);
            units.add(i < 0 || notClasses.contains(asClasses.get(i)) ? u : asClasses.get(i));
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        ((JavacTask) javac.getTask(null, null, diagnostics, options, null, files(units))).analyze();
        Map<Sample, List<String>> errors = new HashMap<>();
        for (Unit u : units) {
            errors.put(u.sample(), errorsOf(diagnostics, u).stream().map(d -> describe(u, d)).toList());
        }
        return errors;
    }

    /** The units that do not parse. */
    private static List<Unit> parseFailures(JavaCompiler javac, List<String> options, List<Unit> units)
            throws IOException {
        if (units.isEmpty()) {
            return List.of();
        }
        DiagnosticCollector<JavaFileObject> parse = new DiagnosticCollector<>();
        ((JavacTask) javac.getTask(null, null, parse, options, null, files(units))).parse();
        return units.stream().filter(u -> !errorsOf(parse, u).isEmpty()).toList();
    }

    private static List<JavaFileObject> files(List<Unit> units) {
        return units.stream().map(Unit::file).toList();
    }

    private static List<Diagnostic<? extends JavaFileObject>> errorsOf(DiagnosticCollector<JavaFileObject> c, Unit u) {
        return c.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR && d.getSource() != null
                        && d.getSource().getName().endsWith("/" + u.className() + ".java"))
                .toList();
    }

    private static String describe(Unit u, Diagnostic<? extends JavaFileObject> d) {
        int at = (int) d.getLineNumber() - 1;
        String message = d.getMessage(Locale.ROOT);
        if (at < 0 || at >= u.lines().size()) {
            return u.sample().where() + ": " + message;
        }
        int from = u.origin().get(at);
        String where = from < 0 ? u.sample().where() + " (in the wrapper: " + u.lines().get(at).strip() + ")"
                : u.sample().file() + ":" + (u.sample().line() + from);
        return where + ": " + message + "\n    " + u.lines().get(at).strip();
    }

    /** The go4j, go4j-test and JUnit API classes this test itself runs with. */
    private static String classPath() {
        List<String> entries = new ArrayList<>();
        for (Class<?> c : List.of(dev.go4j.Chan.class, dev.go4j.test.VerifyNoGoroutineLeaks.class,
                org.junit.jupiter.api.Test.class)) {
            try {
                entries.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    /** The directory with README.md and the go4j module, found upwards from the working directory. */
    private static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("go4j/src/main/java"))) {
                return p;
            }
        }
        throw new UncheckedIOException(new IOException("no README.md with go4j/ above " + Path.of("").toAbsolutePath()));
    }
}
