package dev.go4j.internal;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The goroutine leak profile's hold on one goroutine (Go 1.26's leak profile, go4j's way): a weak
 * reference to its thread, and the little the report needs once the thread is gone.
 *
 * <p>A virtual thread parked with no deadline is reachable only through whatever would unpark it: here,
 * the waiter queued in a channel or lock. When nothing reachable holds that channel or lock any more, no
 * one can ever wake the goroutine, and the garbage collector collects its thread, provided nothing else
 * holds it: the JDK's own thread container (off with {@code -Djdk.trackAllThreads=false}) and go4j's
 * registry, which holds it through this weak reference when {@code -Dgo4j.leakProfile=true}. The
 * reference is then queued ({@link #nextCollected()}); a goroutine that finishes clears it first
 * ({@link Goroutine#finished()}), so a queued watch is a goroutine that disappeared without finishing.
 *
 * <p>What the report says is recorded while the goroutine parks without a deadline in a go4j primitive
 * ({@link #park}), in this watch, which references neither the thread nor what it waits on: when it
 * parked (the waiter's {@link Waiter#parkedAt()}) and the frames it parked in, turned into a wait reason
 * only if it leaks. That costs a short stack walk per park, on the blocking path only and only in this
 * mode; with the profile off, {@link #park} is {@code LockSupport.park} (the check folds away).
 */
public final class LeakWatch extends WeakReference<Thread> {
    /** {@code -Dgo4j.leakProfile=true}: read once, at startup. */
    public static final boolean ENABLED = Boolean.getBoolean("go4j.leakProfile");
    private static final ReferenceQueue<Thread> COLLECTED = new ReferenceQueue<>();
    /** Enough frames for a report's stack; deeper frames are left out. */
    private static final int MAX_FRAMES = 32;
    private static final StackWalker WALKER = StackWalker.getInstance(java.util.Set.of(), MAX_FRAMES);

    /** The goroutine watched. */
    public final Goroutine goroutine;
    /** While parked in a go4j primitive without deadline: since when (System.nanoTime), else 0. */
    private volatile long parkedAt;
    /** While parked in a go4j primitive without deadline: the frames from the waiter's park down. */
    private volatile StackTraceElement[] parkedIn;

    LeakWatch(Thread thread, Goroutine goroutine) {
        super(thread, COLLECTED);
        this.goroutine = goroutine;
    }

    /**
     * Parks the calling thread without deadline on {@code w}, its own leader waiter: {@code LockSupport.park(w)},
     * and in leak-profile mode, the record of where and since when a goroutine parks.
     */
    public static void park(Waiter w) {
        LeakWatch watch = ENABLED ? current() : null;
        if (watch == null) {
            LockSupport.park(w);
            return;
        }
        watch.parkedIn = WALKER.walk(s -> s.skip(1).limit(MAX_FRAMES).map(StackWalker.StackFrame::toStackTraceElement)
                .toArray(StackTraceElement[]::new));
        watch.parkedAt = w.parkedAt();
        LockSupport.park(w);
        watch.parkedAt = 0;
        watch.parkedIn = null;
    }

    /** Blocks until the thread of a goroutine that never finished has been collected; returns its watch. */
    public static LeakWatch nextCollected() throws InterruptedException {
        return (LeakWatch) COLLECTED.remove();
    }

    /** When the collected goroutine parked in a go4j primitive (System.nanoTime), or 0 if it was not in one. */
    public long parkedAt() {
        return parkedAt;
    }

    /** The frames it was parked in, from the go4j call down (null when {@link #parkedAt()} is 0). */
    public StackTraceElement[] parkedIn() {
        return parkedAt == 0 ? null : parkedIn;
    }

    private static LeakWatch current() {
        Goroutine g = Goroutine.current();
        return g == null ? null : g.watch();
    }
}
