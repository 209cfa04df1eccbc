package dev.go4j.internal;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * Go's "all goroutines are asleep" check, made safe for a JVM where go4j cannot see everything.
 *
 * <p>A goroutine counts as stuck only when its thread is parked without a deadline in a go4j
 * {@link Waiter} that is not decided: nothing but another party's claim can wake it. Anything else — a
 * goroutine running, runnable, sleeping, waiting with a deadline, or blocked in something go4j does not
 * know (a JDK lock, I/O) — counts as able to make progress, and so does a live non-daemon platform thread
 * that is not waiting without a deadline, and a pending go4j timer. So a report is never a false
 * positive for what go4j can see; threads started outside go4j (plain virtual threads, daemon threads)
 * are assumed not to feed goroutines.
 *
 * <p>One scan is not an instant, so {@link #stuck()} reports only when two consecutive scans saw every
 * goroutine parked on the very same undecided waiter: a decided waiter stays decided and a woken
 * goroutine parks on a new one, so between the scans there was an instant at which all were asleep.
 *
 * <p>{@code -Dgo4j.deadlock.ignoreThreads=REGEX} names platform threads known never to release a
 * goroutine (a test harness's watchdog, say), which would otherwise hold back every report.
 */
public final class DeadlockCheck {
    private final Thread caller;
    private final Pattern ignored;
    private Map<Goroutine, Waiter> last;

    /** A check run by {@code caller}, a thread that only waits for the goroutines (it does not count). */
    public DeadlockCheck(Thread caller) {
        this.caller = caller;
        String regex = System.getProperty("go4j.deadlock.ignoreThreads");
        this.ignored = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
    }

    /** Scans once; true if this scan and the previous one both found every goroutine asleep, on the same waiters. */
    public boolean stuck() {
        Map<Goroutine, Waiter> now = scan();
        boolean same = now != null && last != null && now.equals(last);
        last = now;
        return same;
    }

    private Map<Goroutine, Waiter> scan() {
        if (Timers.pending() || platformThreadMayProgress()) {
            return null;
        }
        Map<Goroutine, Waiter> asleep = new IdentityHashMap<>();
        for (Goroutine g : Goroutine.live()) {
            Waiter w = asleepOn(g.thread());
            if (w == null) {
                return null;
            }
            asleep.put(g, w);
        }
        return asleep.isEmpty() ? null : asleep;
    }

    /** The undecided waiter {@code t} is parked on without a deadline, or null if it may run. */
    static Waiter asleepOn(Thread t) {
        if (t == null || t.getState() != Thread.State.WAITING) {
            return null;
        }
        return LockSupport.getBlocker(t) instanceof Waiter w && !w.isDecided() ? w : null;
    }

    private boolean platformThreadMayProgress() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 16];
        int n = root.enumerate(threads, true);
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (t != caller && !t.isDaemon() && t.isAlive() && t.getState() != Thread.State.WAITING
                    && (ignored == null || !ignored.matcher(t.getName()).matches())) {
                return true;
            }
        }
        return false;
    }
}
