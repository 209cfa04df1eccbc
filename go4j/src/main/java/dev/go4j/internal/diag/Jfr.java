package dev.go4j.internal.diag;

import jdk.jfr.FlightRecorder;

/**
 * go4j's Java Flight Recorder events, reachable whether or not the JDK has the {@code jdk.jfr} module:
 * every method here is a no-op without it (the event classes, which extend {@code jdk.jfr.Event}, are
 * loaded only when it is present). In a modular application the module is read through
 * {@code requires static jdk.jfr}: it is resolved when {@code -XX:StartFlightRecording} is given or with
 * {@code --add-modules jdk.jfr}; on the class path it always is.
 *
 * <p>Events (category "go4j"): {@code dev.go4j.GoroutineBlocked} (a goroutine parked in a go4j primitive
 * for longer than the event's {@code threshold}, 20 ms by default), {@code dev.go4j.DeadlockDetected}
 * ({@code Go.main} found all goroutines asleep) and {@code dev.go4j.GoroutineLeak} (a leak check found a
 * goroutine that will never finish). Each is emitted only when enabled in a running recording.
 *
 * <p>The event classes are not loaded until the JVM's flight recorder is up (a recording was started,
 * with {@code -XX:StartFlightRecording}, {@code jcmd JFR.start}, or the {@code jdk.jfr} API): loading
 * the first event class brings up JFR's machinery, a hundred-odd classes and 100 ms or more, which
 * must not land on a program's first blocking wait. Until then every method here costs one volatile
 * read; after, one {@code isEnabled} check.
 */
public final class Jfr {
    /** True when the {@code jdk.jfr} module is there to load the event classes. */
    static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private Jfr() {}

    /**
     * True once the flight recorder is initialized, which every way of starting a recording does first
     * (an event class loaded later is registered with the recordings then running).
     */
    private static boolean recorderUp() {
        return AVAILABLE && FlightRecorder.isInitialized();
    }

    /** Begins a GoroutineBlocked event if it is enabled; returns it, or null. */
    static Object blockedBegin() {
        return recorderUp() ? GoroutineBlockedEvent.begin0() : null;
    }

    /** Ends an event from {@link #blockedBegin()} and commits it if it lasted past its threshold. */
    static void blockedEnd(Object event) {
        GoroutineBlockedEvent.end0(event);
    }

    /** Emits a DeadlockDetected event with the goroutine dump, if enabled. */
    public static void deadlockDetected(String dump) {
        if (recorderUp()) {
            DeadlockDetectedEvent.emit(dump);
        }
    }

    /**
     * Emits a GoroutineLeak event, if enabled: goroutine {@code goroutineId}, waiting for {@code reason}
     * (Go's wait reason, as in a dump) and its dump text ({@code GoroutineInfo.toString()}).
     */
    public static void goroutineLeak(long goroutineId, String reason, String dump) {
        if (recorderUp()) {
            GoroutineLeakEvent.emit(goroutineId, reason, dump);
        }
    }
}
