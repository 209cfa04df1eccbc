package dev.go4j.internal.diag;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** JFR event: {@code Go.main} found every goroutine asleep (Go's fatal deadlock). Load only through {@link Jfr}. */
@Name("dev.go4j.DeadlockDetected")
@Label("Deadlock Detected")
@Category("go4j")
@Description("All goroutines are asleep - deadlock!")
@StackTrace(false)
final class DeadlockDetectedEvent extends Event {
    @Label("Dump")
    @Description("The goroutine dump, in Go's format")
    String dump;

    static void emit(String dump) {
        DeadlockDetectedEvent e = new DeadlockDetectedEvent();
        if (e.shouldCommit()) {
            e.dump = dump;
            e.commit();
        }
    }
}
