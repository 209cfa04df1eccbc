package dev.go4j;

import dev.go4j.internal.Waiter;
import dev.go4j.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Go's {@code select} statement: waits until one of several channel operations can proceed, performs
 * exactly that one, and runs its handler.
 *
 * <pre>{@code
 * // given: RecvChan<String> in; SendChan<String> out; String x
 * // select {
 * // case v, ok := <-in:  ...
 * // case out <- x:       ...
 * // case <-time.After(d): ...
 * // }
 * String what = Select.select(
 *         Select.recv(in, v -> v == null ? "in closed" : "got " + v),
 *         Select.send(out, x, () -> "sent"),
 *         Select.timeout(Duration.ofSeconds(1), () -> "timed out"));
 * }</pre>
 *
 * <p>Go's rules hold:
 * <ul>
 *   <li>If several cases are ready, {@link #select} picks one uniformly at random;
 *       {@link #selectBiased} picks the first ready one in argument order (a priority select).</li>
 *   <li>With a {@link #defaultCase}, the select never blocks: the default runs only if no case was ready
 *       at one single instant (all the channels are locked together while they are examined).</li>
 *   <li>Cases on the {@linkplain Chan#nil() nil channel} are never chosen. A select with no case that
 *       can ever be chosen, and no default or timeout, blocks until interrupted.</li>
 *   <li>Exactly one case fires per select. A select never pairs with itself (a send and a receive on
 *       the same unbuffered channel in one select wait for other parties); the same channel may appear
 *       in several cases.</li>
 *   <li>A receive case on a closed channel is ready and its handler gets {@code null} (Go's
 *       {@code ok == false}); a chosen send case on a closed channel throws {@link ChannelException}
 *       "send on closed channel".</li>
 *   <li>Beyond Go: a receive case on a channel {@linkplain Chan#close(Throwable) closed with an error}
 *       is ready once drained and its handler gets {@code null}, as for any closed channel; the handler
 *       tells an error from a clean end with {@link RecvChan#closeCause()} (or calls
 *       {@link RecvChan#recvOrThrow()}, which returns at once). A send case on a channel with a
 *       dropping or unlimited {@linkplain BufferPolicy buffer policy} is always ready while the channel
 *       is open; if the policy discards a value, it goes to the channel's undelivered-element hook
 *       after the channels are released, before the handler runs.</li>
 * </ul>
 *
 * <p>A {@link #timeout} case fires when the duration passes with no case ready; it needs no timer thread.
 * Handlers run in the selecting thread after the channels are released, so a handler may itself block
 * on channels.
 *
 * <p><b>Blocking and interruption.</b> A select without default parks its virtual thread. If
 * interrupted before a case fired, it throws {@link InterruptedException} and no operation happened; if
 * a case fired first, that case's handler runs and the interrupt status stays set. The memory effects
 * of a fired case are those of the channel operation (see {@link Chan}).
 */
public final class Select {
    /*
     * Implementation overview: Go's runtime/select.go (selectgo).
     *   1. Lock every distinct channel of the cases in id order (the global lock order; duplicates once).
     *   2. Poll the cases in a random permutation (argument order if biased); the first that can proceed
     *      is performed under the locks: this is what makes "no case ready" an instant, not a smear.
     *   3. None ready: with a default, unlock and run it. Otherwise queue one waiter per case, all led
     *      by one leader waiter whose single CAS decides which case fires (see Waiter), unlock, park.
     *   4. On wake-up, unlink the other waiters (each under its channel's lock). Parties that met them
     *      first have already dropped them, failing the leader's CAS.
     * Unlike Go, the loser waiters are unlinked one channel at a time rather than under all the locks:
     * the decision is already taken by the CAS, so there is nothing left to keep atomic.
     */

    private Select() {}

    /** A handler of a receive case: gets the value, or {@code null} if the channel is closed. */
    @FunctionalInterface
    public interface OnRecv<T, R> {
        /** Handles the received value ({@code null} = closed and drained) and gives the select's result. */
        R apply(T value) throws InterruptedException;
    }

    /** A handler of a send, default or timeout case. */
    @FunctionalInterface
    public interface OnFire<R> {
        /** Runs when the case is chosen and gives the select's result. */
        R get() throws InterruptedException;
    }

    /** One case of a select; make them with {@link #recv}, {@link #send}, {@link #defaultCase}, {@link #timeout}. */
    public static final class Case<R> {
        private static final int RECV = 0, SEND = 1, DEFAULT = 2, TIMEOUT = 3;

        private final int kind;
        private final Chan<?> chan;
        private final Object value;
        private final long timeoutNanos;
        private final Object handler;

        private Case(int kind, Chan<?> chan, Object value, long timeoutNanos, Object handler) {
            this.kind = kind;
            this.chan = chan;
            this.value = value;
            this.timeoutNanos = timeoutNanos;
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        private boolean isChannelCase() {
            return kind <= SEND && !chan.isNil;
        }

        @SuppressWarnings("unchecked")
        private R fire(Object received) throws InterruptedException {
            if (kind == RECV) {
                return ((OnRecv<Object, R>) handler).apply(received);
            }
            return ((OnFire<R>) handler).get();
        }
    }

    /** A receive case: {@code case v, ok := <-ch:}. The handler gets {@code null} when {@code ch} is closed. */
    public static <T, R> Case<R> recv(RecvChan<T> ch, OnRecv<? super T, ? extends R> handler) {
        return new Case<>(Case.RECV, (Chan<?>) Objects.requireNonNull(ch, "channel"), null, 0, handler);
    }

    /**
     * A send case: {@code case ch <- value:}.
     *
     * @throws NullPointerException if {@code value} is null
     */
    public static <T, R> Case<R> send(SendChan<T> ch, T value, OnFire<? extends R> handler) {
        Objects.requireNonNull(value, "value");
        return new Case<>(Case.SEND, (Chan<?>) Objects.requireNonNull(ch, "channel"), value, 0, handler);
    }

    /** The default case: {@code default:}. Runs, without blocking, when no other case is ready. */
    public static <R> Case<R> defaultCase(OnFire<? extends R> handler) {
        return new Case<>(Case.DEFAULT, null, null, 0, handler);
    }

    /**
     * A timeout case: {@code case <-time.After(d):}, measured from the start of the select on the
     * calling thread's {@linkplain Clock#current() clock}. Fires if no other case became ready within
     * {@code d}; a non-positive {@code d} fires at once when none is ready.
     */
    public static <R> Case<R> timeout(Duration d, OnFire<? extends R> handler) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException tooLong) {
            nanos = Long.MAX_VALUE;
        }
        return new Case<>(Case.TIMEOUT, null, null, Math.max(0, nanos), handler);
    }

    /**
     * Runs a select, choosing uniformly at random among the ready cases.
     *
     * @return the chosen case's handler's result
     * @throws IllegalArgumentException if there is more than one default or more than one timeout case
     * @throws ChannelException if a send case on a closed channel is chosen
     * @throws InterruptedException if interrupted while waiting; no case fired
     */
    @SafeVarargs
    public static <R> R select(Case<? extends R>... cases) throws InterruptedException {
        return run(cases, false);
    }

    /**
     * Runs a select that prefers the earlier cases: the first ready case in argument order wins
     * (core.async's {@code :priority}, Kotlin's select). Otherwise as {@link #select}.
     */
    @SafeVarargs
    public static <R> R selectBiased(Case<? extends R>... cases) throws InterruptedException {
        return run(cases, true);
    }

    private static <R> R run(Case<? extends R>[] cases, boolean biased) throws InterruptedException {
        int n = cases.length;
        int[] order = new int[n]; // channel cases, in poll order
        int m = 0;
        Case<? extends R> dflt = null;
        Case<? extends R> tmo = null;
        for (int i = 0; i < n; i++) {
            Case<? extends R> c = Objects.requireNonNull(cases[i], "case");
            if (c.kind == Case.DEFAULT) {
                dflt = only(dflt, c, "multiple defaults in select");
            } else if (c.kind == Case.TIMEOUT) {
                tmo = only(tmo, c, "multiple timeouts in select");
            } else if (c.isChannelCase()) {
                order[m++] = i;
            }
        }
        Clock clock = tmo == null ? null : Clock.current();
        long deadline = tmo == null ? Long.MAX_VALUE : deadlineAfter(clock, tmo.timeoutNanos);
        if (!biased) {
            shuffle(order, m);
        }
        int[] lockOrder = sortByChannel(cases, order, m);

        lockAll(cases, lockOrder, m);
        for (int k = 0; k < m; k++) {
            Case<? extends R> c = cases[order[k]];
            if (c.kind == Case.RECV) {
                Object v = c.chan.pollRecv();
                if (v != Chan.NOT_READY) {
                    unlockAllAndWake(cases, lockOrder, m, c.chan.takeMatched());
                    return c.fire(v == Chan.CLOSED ? null : v);
                }
            } else {
                int r = c.chan.pollSend(c.value);
                if (r != Chan.SEND_NOT_READY) {
                    Object dropped = c.chan.takeDropped();
                    unlockAllAndWake(cases, lockOrder, m, c.chan.takeMatched());
                    c.chan.undelivered(dropped);
                    if (r == Chan.SEND_CLOSED) {
                        throw Chan.sendOnClosed();
                    }
                    return c.fire(null);
                }
            }
        }
        if (dflt != null || (tmo != null && tmo.timeoutNanos == 0)) {
            unlockAll(cases, lockOrder, m);
            return (dflt != null ? dflt : tmo).fire(null);
        }
        if (m == 0 && tmo == null) {
            Chan.blockForever();
        }

        Waiter[] waiters = enqueueAll(cases, order, m);
        unlockAll(cases, lockOrder, m);
        Waiter leader = waiters.length == 0 ? new Waiter(0) : waiters[0].leader;
        // A clock other than the system clock ends the wait with an alarm instead of a timed park.
        Clock.Alarm alarm = null;
        if (deadline != Long.MAX_VALUE && clock != Clock.system()) {
            alarm = clock.at(deadline, leader::cancel);
            deadline = Long.MAX_VALUE;
        }
        Waiter fired;
        try {
            fired = waiters.length == 0
                    ? leader.await(deadline)
                    : cases[waiters[0].index].chan.await(leader, deadline);
        } finally {
            if (alarm != null) {
                alarm.cancel();
            }
            unlinkLosers(cases, waiters);
        }
        if (fired == null) {
            return tmo.fire(null);
        }
        Case<? extends R> c = cases[fired.index];
        if (c.kind == Case.SEND) {
            if (!fired.success) {
                throw Chan.sendOnClosed();
            }
            return c.fire(null);
        }
        return c.fire(fired.success ? fired.item : null);
    }

    private static <C> C only(C seen, C c, String message) {
        if (seen != null) {
            throw new IllegalArgumentException(message);
        }
        return c;
    }

    /** A deadline on {@code clock}'s {@link Clock#nanoTime()}; timeouts beyond a century mean none. */
    private static long deadlineAfter(Clock clock, long nanos) {
        return nanos >= 1L << 62 ? Long.MAX_VALUE : clock.nanoTime() + nanos;
    }

    private static void shuffle(int[] a, int m) {
        if (m < 2) {
            return;
        }
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = m - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** The channel cases sorted by channel id: the order to lock in. Insertion sort: selects are small. */
    private static int[] sortByChannel(Case<?>[] cases, int[] order, int m) {
        int[] s = new int[m];
        for (int i = 0; i < m; i++) {
            int x = order[i];
            long id = cases[x].chan.id;
            int j = i - 1;
            while (j >= 0 && cases[s[j]].chan.id > id) {
                s[j + 1] = s[j];
                j--;
            }
            s[j + 1] = x;
        }
        return s;
    }

    private static void lockAll(Case<?>[] cases, int[] lockOrder, int m) {
        Chan<?> prev = null;
        for (int k = 0; k < m; k++) {
            Chan<?> ch = cases[lockOrder[k]].chan;
            if (ch != prev) { // a channel in several cases is locked once
                ch.lock.lock();
                prev = ch;
            }
        }
    }

    private static void unlockAll(Case<?>[] cases, int[] lockOrder, int m) {
        Chan<?> prev = null;
        for (int k = 0; k < m; k++) {
            Chan<?> ch = cases[lockOrder[k]].chan;
            if (ch != prev) {
                ch.lock.unlock();
                prev = ch;
            }
        }
    }

    private static void unlockAllAndWake(Case<?>[] cases, int[] lockOrder, int m, Waiter matched) {
        unlockAll(cases, lockOrder, m);
        if (matched != null) {
            matched.wake();
        }
    }

    /** Queues one waiter per channel case, all led by the first; under all the locks. */
    private static Waiter[] enqueueAll(Case<?>[] cases, int[] order, int m) {
        Waiter[] ws = new Waiter[m];
        Waiter leader = null;
        for (int k = 0; k < m; k++) {
            int i = order[k];
            Case<?> c = cases[i];
            Waiter w = leader == null ? (leader = new Waiter(i)) : new Waiter(leader, i);
            if (c.kind == Case.SEND) {
                w.item = c.value;
                c.chan.sendq.add(w);
            } else {
                c.chan.recvq.add(w);
            }
            ws[k] = w;
        }
        return ws;
    }

    /** After the decision: takes every waiter still queued out of its channel. */
    private static void unlinkLosers(Case<?>[] cases, Waiter[] ws) {
        for (Waiter w : ws) {
            Case<?> c = cases[w.index];
            Chan<?> ch = c.chan;
            ch.lock.lock();
            (c.kind == Case.SEND ? ch.sendq : ch.recvq).remove(w);
            ch.lock.unlock();
        }
    }
}
