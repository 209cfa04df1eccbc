package dev.go4j.internal.diag;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Threshold;

/**
 * JFR event: a goroutine parked in a go4j primitive (channel, select, mutex, cond, wait group, ...) for
 * longer than the threshold. Its duration is from the first park to the end of the wait; its stack trace
 * is the waiter's. Load only through {@link Jfr}.
 */
@Name("dev.go4j.GoroutineBlocked")
@Label("Goroutine Blocked")
@Category("go4j")
@Description("A goroutine parked in a go4j primitive for longer than the threshold")
@Threshold("20 ms")
@StackTrace(true)
final class GoroutineBlockedEvent extends Event {
    @Label("Reason")
    @Description("Go's wait reason, as in a goroutine dump: chan receive, select, sync.Mutex.Lock, ...")
    String reason;

    @Label("Object")
    @Description("The go4j operation waited in (class and method), e.g. dev.go4j.Chan.recv")
    String object;

    @Label("Goroutine Id")
    @Description("Go's goroutine id, 0 for a thread not started by Go.go")
    long goroutineId;

    static Object begin0() {
        GoroutineBlockedEvent e = new GoroutineBlockedEvent();
        if (!e.isEnabled()) {
            return null;
        }
        e.begin();
        return e;
    }

    static void end0(Object event) {
        GoroutineBlockedEvent e = (GoroutineBlockedEvent) event;
        e.end();
        if (e.shouldCommit()) {
            StackTraceElement[] frames = Thread.currentThread().getStackTrace();
            int entry = Frames.entry(frames);
            if (entry >= 0) {
                e.reason = Frames.reason(frames, entry);
                e.object = frames[entry].getClassName() + "." + frames[entry].getMethodName();
            }
            e.goroutineId = Goroutine.idOf(Thread.currentThread());
            e.commit();
        }
    }
}
