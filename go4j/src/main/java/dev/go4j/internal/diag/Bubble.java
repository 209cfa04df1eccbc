package dev.go4j.internal.diag;

import dev.go4j.internal.Waiter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A synctest bubble's membership and its count of durably blocked goroutines: Go's {@code synctestBubble}
 * (runtime/synctest.go). The clock and the driving loop are {@code dev.go4j.synctest.Synctest}'s; this
 * class is what the goroutine registry and the park hook need.
 *
 * <p>Invariants (guarded by {@link #lock}):
 * <ul>
 *   <li>{@link #members} holds every unfinished goroutine of the bubble: a goroutine joins when it is
 *       started by a member (or by the bubble's driver, which runs its alarms: an {@code afterFunc}),
 *       before its thread starts, and leaves when its task returns.</li>
 *   <li>{@link #blocked} holds the waiter of every member parked without deadline in the core
 *       ({@code Waiter.await}) on something made in the bubble: a go4j channel, select, timer, sleep,
 *       {@code Cond}, {@code WaitGroup}, {@code Once}, semaphore or lock of the bubble. Only such a
 *       park is <em>durable</em>: a thread parked there can be woken only by another goroutine of the
 *       bubble or by a timer of the bubble, while a wait on something made outside, I/O, JDK locks and
 *       {@code Thread.sleep} may end on their own and are not seen here at all.</li>
 *   <li>The bubble is <em>settled</em> when every member is blocked and no blocked waiter is decided
 *       yet, has its thread interrupted, or is in {@link #woken} (each way its thread was woken and is
 *       about to run). A woken thread enters {@link #woken} as its park returns, without the lock, and
 *       leaves {@link #blocked} under the lock: taking that lock may clear its interrupt status for a
 *       while (the JDK's lock does, while it waits), so the interrupt alone would not tell. Only the
 *       driver and the bubble's own timers can move a settled bubble.</li>
 * </ul>
 *
 * <p>Cost outside bubbles: the park hook reads one static volatile ({@link #open}) per park.
 */
public final class Bubble {
    /** The bubbles open in the process: while 0, parks and goroutine starts skip all of this. */
    private static volatile int open;
    /** The bubble whose driver is the current thread: its alarms' goroutines join it. */
    private static final ThreadLocal<Bubble> DRIVING = new ThreadLocal<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settledOrEmpty = lock.newCondition();
    private final Set<Goroutine> members = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Waiter> blocked = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Waiters of {@link #blocked} whose park has returned: added without the lock (see the overview). */
    private final Set<Waiter> woken = ConcurrentHashMap.newKeySet();
    /** The waiter of the goroutine in {@code Synctest.await}, or null. */
    private Waiter awaiting;

    private Bubble() {}

    /** Opens a bubble driven by the calling thread, which must not be a goroutine of a bubble. */
    public static Bubble open() {
        Bubble b = new Bubble();
        synchronized (Bubble.class) {
            open++;
        }
        DRIVING.set(b);
        return b;
    }

    /** Closes this bubble, opened by the calling thread: its alarms and goroutine starts are over. */
    public void close() {
        DRIVING.remove();
        synchronized (Bubble.class) {
            open--;
        }
    }

    /**
     * The bubble of the calling goroutine, or null when it is in none. A bubble's driver counts as in
     * its bubble: it runs the bubble's timers, which act on the bubble's channels.
     */
    public static Bubble current() {
        if (open == 0) {
            return null;
        }
        Goroutine g = Goroutine.current();
        return g != null ? g.bubble : DRIVING.get();
    }

    /** The bubble a goroutine started now by the calling thread belongs to: its parent's, else the driven one. */
    static Bubble ofNew(Goroutine parent) {
        if (open == 0) {
            return null;
        }
        return parent != null ? parent.bubble : DRIVING.get();
    }

    /**
     * Parks the calling thread on {@code w} (the park hook's, through the leak profile's hold), counting
     * it durably blocked for the while if it is a goroutine of a bubble and waits on nothing outside it
     * ({@link Waiter#isOutsideBubble}: a channel made outside). Waiting for the bubble's lock may consume
     * the unpark of a claim of {@code w} made meanwhile, so the park is skipped once {@code w} is decided
     * (the caller's loop then sees the decision).
     */
    static void park(Waiter w) {
        Bubble b = current();
        if (b == null || w.isOutsideBubble()) {
            LeakWatch.park(w);
            return;
        }
        b.block(w);
        try {
            if (!w.isDecided()) { // block's lock may have taken the wake-up of a claim made meanwhile
                LeakWatch.park(w);
            }
        } finally {
            b.woken.add(w); // before unblock's lock, which may hide the interrupt that woke us
            b.unblock(w);
        }
    }

    void joined(Goroutine g) {
        lock.lock();
        try {
            members.add(g);
        } finally {
            lock.unlock();
        }
    }

    void left(Goroutine g) {
        lock.lock();
        try {
            members.remove(g);
            signalIfSettled();
        } finally {
            lock.unlock();
        }
    }

    private void block(Waiter w) {
        lock.lock();
        try {
            blocked.add(w);
            signalIfSettled();
        } finally {
            lock.unlock();
        }
    }

    private void unblock(Waiter w) {
        lock.lock();
        try {
            blocked.remove(w);
            woken.remove(w);
        } finally {
            lock.unlock();
        }
    }

    /** Wakes the driver when it may have something to do (it checks the decided waiters itself). */
    private void signalIfSettled() {
        if (blocked.size() >= members.size()) {
            settledOrEmpty.signal();
        }
    }

    /** Under the lock: every member durably blocked, none of them already woken (decided or interrupted). */
    private boolean settled() {
        if (blocked.size() < members.size()) {
            return false;
        }
        for (Waiter w : blocked) {
            if (w.isDecided() || w.thread.isInterrupted() || woken.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /**
     * For the driver: waits until every goroutine of the bubble has ended or is durably blocked.
     *
     * @return true if some are left (all durably blocked), false if none is
     * @throws InterruptedException if the driver is interrupted
     */
    public boolean awaitSettled() throws InterruptedException {
        lock.lock();
        try {
            while (!members.isEmpty() && !settled()) {
                settledOrEmpty.await(); // a member's park or end signals; a woken waiter parks or ends next
            }
            return !members.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Registers {@code w} as the calling goroutine's wait for the bubble to settle ({@code Synctest.await}).
     *
     * @throws IllegalStateException "wait already in progress" if another goroutine waits already (Go's panic)
     */
    public void awaiting(Waiter w) {
        lock.lock();
        try {
            if (awaiting != null) {
                throw new IllegalStateException("wait already in progress");
            }
            awaiting = w;
        } finally {
            lock.unlock();
        }
    }

    /** Ends the wait registered by {@link #awaiting}, if it is still registered (its waiter gave up). */
    public void awaited(Waiter w) {
        lock.lock();
        try {
            if (awaiting == w) {
                awaiting = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /** For the driver, the bubble settled: releases the goroutine in {@code Synctest.await}; false if none. */
    public boolean releaseAwaiting() {
        Waiter w;
        lock.lock();
        try {
            w = awaiting;
            awaiting = null;
        } finally {
            lock.unlock();
        }
        if (w != null && w.tryClaim()) {
            w.wake();
            return true;
        }
        return false;
    }

    /** The threads of the bubble's unfinished goroutines, for its dump and its cleanup. */
    public List<Thread> threads() {
        List<Thread> out = new ArrayList<>();
        lock.lock();
        try {
            for (Goroutine g : members) {
                Thread t = g.thread();
                if (t != null) {
                    out.add(t);
                }
            }
        } finally {
            lock.unlock();
        }
        return out;
    }
}
