package dev.go4j.examples.appa;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A-02, Race Detection: {@code go run -race} on C1-01. The JVM's {@code -race} is go4j-race's agent, so
 * this example runs C1-01 as {@code go run -race} would: in a process of its own, here a JVM started with
 * {@code -javaagent:go4j-race.jar -Dgo4j.race.include=dev.go4j.examples.}, and prints what that process
 * prints, its standard output and then its standard error (the agent's {@code WARNING: DATA RACE} report on
 * {@code RaceCondition.data}, then {@code Found 1 data race(s)}), and, as {@code go run} does,
 * {@code exit status 66}.
 *
 * <p>The agent jar is the system property {@code go4j.race.agentJar}, else the one built in
 * {@code go4j-race/target} under the current directory ({@code mvn -pl go4j-race -am package -DskipTests}).
 * Its test is in go4j-race, where the agent jar is built.
 */
public final class RaceDetection implements Example {
    private static final String AGENT_JAR = "go4j.race.agentJar";

    @Override
    public void run(PrintStream out) throws IOException, InterruptedException {
        List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"),
                "-javaagent:" + agentJar(), "-Dgo4j.race.include=dev.go4j.examples.",
                "-cp", System.getProperty("java.class.path"), "dev.go4j.examples.Main", "run", "C1-01");
        Process p = new ProcessBuilder(cmd).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread stderr = Go.go(() -> {
            try (InputStream in = p.getErrorStream()) {
                in.transferTo(err);
            }
        });
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
        }
        stderr.join();
        out.print(err.toString(StandardCharsets.UTF_8)); // after the program's own output: the two streams do not interleave
        int status = p.waitFor();
        if (status != 0) {
            out.println("exit status " + status);
        }
    }

    private static Path agentJar() throws IOException {
        String set = System.getProperty(AGENT_JAR);
        if (set != null) {
            return Path.of(set);
        }
        Path target = Path.of("go4j-race", "target");
        if (Files.isDirectory(target)) {
            try (Stream<Path> jars = Files.list(target)) {
                var jar = jars.filter(j -> j.getFileName().toString().matches("go4j-race-[\\d.]+(-SNAPSHOT)?\\.jar"))
                        .findFirst();
                if (jar.isPresent()) {
                    return jar.get();
                }
            }
        }
        throw new IllegalStateException("A-02 needs go4j-race's agent jar: build it with "
                + "'mvn -pl go4j-race -am package -DskipTests' in go4j's directory, or set -D" + AGENT_JAR + "=<jar>");
    }
}
