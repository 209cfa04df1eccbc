package dev.go4j.internal.diag;

import dev.go4j.internal.Switches;
import dev.go4j.internal.Timers;
import dev.go4j.internal.Waiter;
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
 * that is not waiting without a deadline, and a pending go4j timer that could wake a goroutine
 * ({@link Timers#mayWake}: an {@code afterFunc}, a timer or ticker whose channel has a receiver queued,
 * a context deadline whose cancellation has someone to wake). So a report is never a false positive for
 * what go4j can see; threads started outside go4j (plain virtual threads, daemon threads) are assumed
 * not to feed goroutines.
 *
 * <p>One scan is not an instant, so {@link #stuck()} reports only when two consecutive scans saw every
 * goroutine parked on the very same undecided waiter, no goroutine started in between, and no timer
 * that could wake one: a decided waiter stays decided and a woken goroutine parks on a new one, so
 * between the scans there was an instant at which all were asleep for good (see the comment inside).
 *
 * <p>{@code -Dgo4j.deadlock.ignoreThreads=REGEX} names platform threads known never to release a
 * goroutine (a test harness's watchdog, say), which would otherwise hold back every report.
 */
public final class DeadlockCheck {
    /*
     * Why a report is sound although a scan looks at each goroutine and each timer at a different moment.
     *
     * A scan reads the count of goroutines ever started, then finds every goroutine asleep (G), then asks
     * the platform threads and the timers (T). Take two consecutive scans that both pass, with the same
     * waiters and the same count. Let I be the interval from the end of the first G to the start of the
     * second. Each goroutine was seen parked on waiter w in both scans, and w is still undecided in the
     * second, so it was undecided, and its goroutine parked in w.await, throughout I; and no goroutine
     * started since the first scan began. So during I no goroutine ran at all, and the only go4j code
     * that ran is the clock's thread firing alarms (other threads: see the class comment). An alarm fired
     * during I woke nobody (every waiter is still undecided) and started no goroutine (the count).
     *
     * Only running goroutines queue receivers on channels, link contexts and arm timers, so during I the
     * receivers queued on each timer's channel and the subtree of each context stay as they are (the
     * clock's thread only cancels contexts, which removes children). The first scan's T lies in I. It
     * asked every alarm pending at one instant of I (copied under the clock's lock, none running), each
     * of which could not wake anyone when asked, and therefore at no later moment of I either, and the
     * only alarms armed after that instant are the next ticks of tickers among them, on channels with no
     * receiver. So at the end of I every goroutine is asleep and no pending alarm can ever wake one:
     * nothing will run again, and the report is true. (A goroutine that starts waiting on a timer between
     * the scans ran, so the second scan sees a new waiter and does not report.)
     */
    private final Thread caller;
    private final Pattern ignored;
    private Scan last;

    /** What one scan found: each goroutine asleep on its waiter, and how many goroutines had been started. */
    private record Scan(Map<Goroutine, Waiter> asleep, long started) {}

    /** A check run by {@code caller}, a thread that only waits for the goroutines (it does not count). */
    public DeadlockCheck(Thread caller) {
        this.caller = caller;
        String regex = Switches.deadlockIgnoreThreads();
        this.ignored = regex == null || regex.isEmpty() ? null : Pattern.compile(regex);
    }

    /** Scans once; true if this scan and the previous one both found every goroutine asleep, on the same waiters. */
    public boolean stuck() {
        Scan now = scan();
        boolean same = now != null && now.equals(last);
        last = now;
        return same;
    }

    /** Every goroutine and the waiter it sleeps on, or null if anything may make progress. */
    private Scan scan() {
        long started = Goroutine.started();
        Map<Goroutine, Waiter> asleep = new IdentityHashMap<>();
        for (Goroutine g : Goroutine.live()) {
            Waiter w = asleepOn(g.thread());
            if (w == null) {
                return null;
            }
            asleep.put(g, w);
        }
        // The timers after the goroutines: this order makes a report sound (see above).
        if (asleep.isEmpty() || platformThreadMayProgress() || Timers.mayWake()) {
            return null;
        }
        return new Scan(asleep, started);
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
