package dev.go4j.internal.diag;

import dev.go4j.internal.Switches;
import dev.go4j.internal.Waiter;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The goroutine leak profile's hold on one goroutine (Go 1.26's leak profile, go4j's way): a weak
 * reference to its thread, and the little the report needs once the thread is gone.
 *
 * <p>A virtual thread parked with no deadline is reachable only through whatever would unpark it: here,
 * the waiter queued in a channel or lock. When nothing reachable holds that channel or lock any more, no
 * one can ever wake the goroutine, and the garbage collector collects its thread, provided nothing else
 * holds it: the JDK's own thread container (off with {@code -Djdk.trackAllThreads=false}) and go4j's
 * registry, which holds it through this weak reference when {@code -Dgo4j.leakProfile=true}; and, while a
 * Java agent transforms classes, the JVM if the goroutine loaded a class (JVMTI's class file load hook gives
 * it a thread state that refers to it until it ends), so such a goroutine is never reported. The
 * reference is then queued ({@link #nextCollected}); a goroutine that finishes clears it first
 * ({@link Goroutine#finished()}), so a queued watch is a goroutine that disappeared without finishing.
 */
public final class LeakWatch extends WeakReference<Thread> {
    /*
     * Where and since when a leaked goroutine blocked must be known before its thread is collected, yet a
     * stack walk on every park (about 3 us) made a channel ping-pong six times slower. So the stack is
     * taken lazily: a park without deadline records only a Parked (the time, and the thread held
     * strongly) and queues it; the reporter's periodic sweep (takeStacks) takes the stack of each that is
     * still parked, then lets go of the thread. A park shorter than a sweep costs an allocation and a
     * queue offer; a leak is found at most a sweep later than the collector could have found it.
     * Invariant: a thread is collectable only once its current Parked (if any) has its stack.
     */

    /** {@code -Dgo4j.leakProfile=true}: read once, at startup. */
    public static final boolean ENABLED = Switches.LEAK_PROFILE;
    private static final ReferenceQueue<Thread> COLLECTED = new ReferenceQueue<>();
    /** Parks whose stack is not taken yet, oldest first. */
    private static final ConcurrentLinkedQueue<Parked> UNTAKEN = new ConcurrentLinkedQueue<>();

    /** The goroutine watched. */
    public final Goroutine goroutine;
    /** Its current park without deadline in a go4j primitive, or null. */
    private volatile Parked parked;

    /** One park without deadline in a go4j primitive. */
    private static final class Parked {
        final LeakWatch watch;
        /** The waiter's {@link Waiter#parkedAt()} (System.nanoTime). */
        final long at;
        /** Held strongly until the stack is taken, so that the thread cannot be collected before. */
        volatile Thread thread;
        /** The parked thread's stack, once taken. */
        volatile StackTraceElement[] stack;

        Parked(LeakWatch watch, long at, Thread thread) {
            this.watch = watch;
            this.at = at;
            this.thread = thread;
        }
    }

    LeakWatch(Thread thread, Goroutine goroutine) {
        super(thread, COLLECTED);
        this.goroutine = goroutine;
    }

    /**
     * Parks the calling thread without deadline on {@code w}, its own leader waiter: {@code LockSupport.park(w)},
     * and in leak-profile mode, the record of since when and (lazily) where a goroutine parks.
     */
    public static void park(Waiter w) {
        LeakWatch watch = ENABLED ? current() : null;
        if (watch == null) {
            LockSupport.park(w);
            return;
        }
        Parked p = new Parked(watch, w.parkedAt(), Thread.currentThread());
        watch.parked = p;
        UNTAKEN.add(p);
        LockSupport.park(w);
        watch.parked = null;
    }

    /**
     * Takes the stack of every goroutine still in the park it was queued for, and lets go of its thread
     * (now collectable if nothing else holds it). The reporter calls this periodically.
     */
    public static void takeStacks() {
        for (Parked p; (p = UNTAKEN.poll()) != null; ) {
            Thread t = p.thread;
            if (p.watch.parked == p && t != null) {
                p.stack = t.getStackTrace();
            }
            p.thread = null;
        }
    }

    /**
     * Waits up to {@code timeoutMillis} for the thread of a goroutine that never finished to be collected.
     *
     * @return its watch, or null if none was collected in time
     */
    public static LeakWatch nextCollected(long timeoutMillis) throws InterruptedException {
        return (LeakWatch) COLLECTED.remove(timeoutMillis);
    }

    /** When the collected goroutine parked in a go4j primitive (System.nanoTime), or 0 if it was not in one. */
    public long parkedAt() {
        Parked p = parked;
        return p == null ? 0 : p.at;
    }

    /** Its stack while parked there (JDK park frames first), or null when {@link #parkedAt()} is 0. */
    public StackTraceElement[] parkedIn() {
        Parked p = parked;
        return p == null ? null : p.stack;
    }

    private static LeakWatch current() {
        Goroutine g = Goroutine.current();
        return g == null ? null : g.watch();
    }
}
