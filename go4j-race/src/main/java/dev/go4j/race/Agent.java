package dev.go4j.race;

import dev.go4j.race.rt.Rt;
import java.lang.instrument.Instrumentation;

/**
 * The race detector's entry point: {@code java -javaagent:go4j-race.jar ...}. Options are system
 * properties ({@code -Dgo4j.race.include=com.acme.}, see {@link Config}; {@code -Dgo4j.race.halt_on_error=true}
 * exits with status 66 at the first report, as Go's {@code GORACE=halt_on_error=1};
 * {@code -Dgo4j.race.exitcode=N} is the exit status when races were found, 66 by default as in Go, 0 to
 * keep the program's).
 */
public final class Agent {
    private Agent() {}

    /**
     * Installs the instrumentation; called by the JVM before {@code main}.
     *
     * @param args ignored
     * @param inst the JVM's instrumentation service
     */
    public static void premain(String args, Instrumentation inst) {
        // Before any go4j class loads: buffered channels take their locked path, which RaceAnnotations tells about.
        System.setProperty("go4j.ring", "false");
        Rt.configure(Boolean.getBoolean("go4j.race.halt_on_error"), Integer.getInteger("go4j.race.exitcode", 66));
        inst.addTransformer(new Transformer(Config.fromSystemProperties(), inst));
    }
}
