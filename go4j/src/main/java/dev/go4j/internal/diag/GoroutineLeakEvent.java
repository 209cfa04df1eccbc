package dev.go4j.internal.diag;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * JFR event: a leak check found a goroutine that will never finish. Emit it with
 * {@link Jfr#goroutineLeak}, which is safe without the {@code jdk.jfr} module; this class is loaded only
 * when the module is present.
 */
@Name("dev.go4j.GoroutineLeak")
@Label("Goroutine Leak")
@Category("go4j")
@Description("A goroutine blocked forever: nothing running can wake it")
@StackTrace(false)
final class GoroutineLeakEvent extends Event {
    @Label("Goroutine Id")
    long goroutineId;

    @Label("Reason")
    @Description("Go's wait reason, as in a goroutine dump")
    String reason;

    @Label("Dump")
    @Description("The leaked goroutine's dump: header, stack, created by")
    String dump;

    static void emit(long goroutineId, String reason, String dump) {
        GoroutineLeakEvent e = new GoroutineLeakEvent();
        if (e.shouldCommit()) {
            e.goroutineId = goroutineId;
            e.reason = reason;
            e.dump = dump;
            e.commit();
        }
    }
}
