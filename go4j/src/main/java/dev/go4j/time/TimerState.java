package dev.go4j.time;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.Task;
import dev.go4j.internal.Nanos;
import dev.go4j.internal.ShortLock;
import dev.go4j.internal.TimerChannels;
import dev.go4j.internal.Timers;
import dev.go4j.internal.Waiter;
import dev.go4j.internal.diag.Bubble;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Instant;

/**
 * The runtime side of a {@link Timer} or {@link Ticker}: Go's runtime timer. It is the action of the
 * clock alarm that fires it, and it fires either into a channel (Go 1.23's synchronous timer channel)
 * or by starting a goroutine ({@code AfterFunc}).
 */
final class TimerState extends WeakReference<Chan<Instant>> implements Timers.Action {
    /*
     * Implementation overview.
     *
     * Firing into the channel: the fire time is offered to the channel through TimerChannels: handed to
     * a receiver already waiting, else left in the channel's send queue as a thread-less sender
     * (`unread`). Receivers and select see a ready sender; len and cap stay 0. stop and reset withdraw
     * `unread` under the channel's lock, so once they return no stale value can be received, and a
     * value that was still unread counts as pending, as in Go 1.23. A ticker offers each tick with the
     * previous `unread`: if that one is still unread the new tick is dropped (a slow receiver misses
     * ticks and later receives the oldest one, as Go's one-slot ticker channel).
     *
     * Stale alarms: stop and reset cancel the alarm, but it may already be running, waiting for `lock`.
     * As Go's runtime does with t.when, run() fires only if armed and `when` has come; an alarm of an
     * earlier arming sees a later `when` (or none) and does nothing. If a reset moved `when` earlier,
     * the new deadline has come too, and one of the two alarms fires it.
     *
     * Garbage collection (Go 1.23: unreferenced timers are collected even if not stopped): the clock's
     * alarm holds this state strongly, but this state holds the channel only weakly. The Timer or
     * Ticker, and every thread receiving from the channel, hold the channel strongly. Once nobody can
     * receive, the channel and its Timer are collected, and this reference is queued on COLLECTED; the
     * next timer made drains that queue and cancels the alarms left behind, so no clock entry outlives
     * its timer for long, and a ticker nobody holds stops ticking. (A thread blocked on the channel keeps
     * it reachable: a platform thread always, a virtual thread through the JDK's default tracking of
     * virtual threads, jdk.trackAllThreads.) An AfterFunc timer has no channel and is held strongly until
     * it fires or is stopped, as in Go.
     *
     * Invariants (under lock):
     *   - armed  <=>  a fire is due at `when` and `alarm` is scheduled for it (other, stale alarms of
     *     earlier armings may still run: see above).
     *   - unread != null  =>  the last fire left its value in the channel; a receiver may have taken it
     *     since, which only the channel knows (TimerChannels answers under its lock).
     *
     * Lock order: this lock is held while taking the channel's lock (TimerChannels) or the clock's lock
     * (at, cancel), one at a time. Channel code never takes a timer lock, and clocks run alarms without
     * holding their lock, so no cycle is possible.
     */
    private static final ReferenceQueue<Chan<Instant>> COLLECTED = new ReferenceQueue<>();
    private static final TimerChannels<Chan<?>> CHANNELS = TimerChannels.of(Chan.class);

    private final Clock clock;
    /** The synctest bubble the timer was made in, null if none: only its goroutines may stop or reset it. */
    private final Bubble bubble = Bubble.current();
    private final Task func;
    private final ShortLock lock = new ShortLock();
    // Guarded by lock:
    private long period;
    private boolean armed;
    private long when;
    private Clock.Alarm alarm;
    private Waiter unread;

    private TimerState(Chan<Instant> c, Task func, Clock clock, long period) {
        super(c, c == null ? null : COLLECTED);
        this.func = func;
        this.clock = clock;
        this.period = period;
    }

    /** A timer or ticker (period > 0) firing into {@code c}, armed to fire after {@code delay}. */
    static TimerState forChannel(Chan<Instant> c, Clock clock, long delay, long period) {
        cancelCollected();
        TimerState s = new TimerState(c, null, clock, period);
        s.reset(delay, period);
        return s;
    }

    /** An AfterFunc timer, armed to start {@code func} in a goroutine after {@code delay}. */
    static TimerState forFunc(Task func, Clock clock, long delay) {
        cancelCollected();
        TimerState s = new TimerState(null, func, clock, 0);
        s.reset(delay, 0);
        return s;
    }

    /** Throws Go's panic when the caller is not in the synctest bubble the timer was made in. */
    private void checkBubble() {
        if (bubble != null && bubble != Bubble.current()) {
            throw new IllegalStateException("synctest timer accessed from outside bubble");
        }
    }

    /**
     * Disarms: no value is delivered and no function started after this returns.
     *
     * @return true if it was pending: armed, or its fired value still unread in the channel
     */
    boolean stop() {
        checkBubble();
        return disarmNow();
    }

    /** {@link #stop}'s work, without the bubble check. */
    private boolean disarmNow() {
        lock.lock();
        try {
            return disarm();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Disarms, then arms to fire after {@code delay} nanoseconds (for a ticker, every {@code period}
     * after that; 0 keeps a timer a timer).
     *
     * @return as {@link #stop()}, before re-arming
     */
    boolean reset(long delay, long period) {
        checkBubble();
        lock.lock();
        try {
            boolean pending = disarm();
            this.period = period;
            when = Nanos.deadline(clock.nanoTime(), delay);
            armed = true;
            alarm = clock.at(when, this);
            return pending;
        } finally {
            lock.unlock();
        }
    }

    /** The alarm's action: fires if this alarm is not stale. Runs on the clock's thread. */
    @Override
    public void run() {
        boolean startFunc = false;
        lock.lock();
        try {
            long now = clock.nanoTime();
            if (!armed || now < when) {
                return; // the alarm of an earlier arming
            }
            if (func != null) {
                armed = false;
                startFunc = true;
            } else {
                fire(now);
            }
        } finally {
            lock.unlock();
        }
        if (startFunc) {
            // As Go's AfterFunc: f runs in its own goroutine, never on the clock's thread, and on the
            // timer's clock (not the clock of whichever thread fired the alarm).
            Task f = func;
            Go.go(() -> Clock.using(clock, () -> {
                f.run();
                return null;
            }));
        }
    }

    /**
     * For the deadlock check: an {@code AfterFunc} may wake anyone; a channel timer only a receiver
     * already queued on its channel (Go 1.23 keeps a channel timer in the heap only while a goroutine
     * is blocked on the channel). Without a receiver the fire would leave its value unread, and a
     * ticker would only re-arm. Needs no lock: {@code func} is final and the channel answers under its
     * own lock.
     */
    @Override
    public boolean canWake() {
        if (func != null) {
            return true;
        }
        Chan<Instant> c = get();
        return c != null && CHANNELS.hasReceiver(c);
    }

    /** Offers the fire time to the channel, and arms the next tick of a ticker. Under lock. */
    private void fire(long now) {
        Chan<Instant> c = get();
        if (c == null) {
            armed = false; // collected: nobody can receive
            return;
        }
        // Go's value: the time the timer was due, not the time the clock thread got to it.
        Instant due = clock.now().minusNanos(now - when);
        unread = CHANNELS.offer(c, due, unread);
        if (period == 0) {
            armed = false;
        } else {
            when = Nanos.deadline(when, ((now - when) / period + 1) * period); // skips ticks a late clock missed
            alarm = clock.at(when, this);
        }
    }

    /** Cancels the alarm and withdraws an unread value. Under lock. */
    private boolean disarm() {
        boolean pending = armed;
        armed = false;
        if (alarm != null) {
            alarm.cancel();
            alarm = null;
        }
        if (unread != null) {
            Chan<Instant> c = get();
            pending |= c != null && CHANNELS.withdraw(c, unread);
            unread = null;
        }
        return pending;
    }

    /**
     * Cancels the alarms of timers whose channel was collected: housekeeping done by whoever makes the
     * next timer, so the timer may be another bubble's or of no bubble (nobody can access it any more).
     */
    private static void cancelCollected() {
        for (Reference<?> r; (r = COLLECTED.poll()) != null; ) {
            ((TimerState) r).disarmNow();
        }
    }
}
