package dev.go4j;

import dev.go4j.internal.TimeSource;
import dev.go4j.internal.Waiter;
import java.time.Duration;
import java.util.Arrays;
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
 * <p><b>Handlers.</b> A handler gives the select's result ({@link #recv}; {@link #send},
 * {@link #defaultCase} and {@link #timeout} with a value-returning lambda), or is a statement whose case
 * gives {@code null} ({@link #recvDo}; the same three with a {@code void} lambda, told apart as
 * {@code ExecutorService.submit} tells a {@code Callable} from a {@code Runnable}). A receive handler
 * needs the separate name {@code recvDo} because Java cannot tell {@code v -> list.add(v)} meant as a
 * statement from one meant as a value. Handlers may throw checked exceptions, which the select rethrows
 * as they are: the type parameter {@code X} collects them, and is {@code RuntimeException} when no
 * handler throws one, so Go's {@code case <-ctx.Done(): return ctx.Err()} is a handler that throws:
 *
 * <pre>{@code
 * // given: Context ctx; RecvChan<Integer> in; record Result(int n); Result handle(Integer v)
 * // select { case <-ctx.Done(): return ctx.Err(); case v := <-in: return handle(v) }
 * Result r = Select.select(
 *         Select.recv(ctx.done(), d -> { throw ctx.err(); }),
 *         Select.recv(in, v -> handle(v)));
 * }</pre>
 *
 * <p>For a select in a loop whose cases come and go (Go's nil-channel idiom, a pending send), or whose
 * cases are handled with {@code break}, {@code continue} and {@code return}, use a {@link Selector}: it
 * has the same rules and runs on the same engine.
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
     * Implementation overview: Go's runtime/select.go (selectgo), shared with Selector.
     *   1. Lock every distinct channel of the cases in id order (the global lock order; duplicates once),
     *      and freeze each one's ring (Chan.freeze): its lock-free fast paths wait until it is thawed.
     *   2. Poll the cases in a random permutation (argument order if biased); the first that can proceed
     *      is performed under the locks: this is what makes "no case ready" an instant, not a smear.
     *   3. None ready: with a default, unlock and run it. Otherwise queue one waiter per case, all led
     *      by one leader waiter whose single CAS decides which case fires (see Waiter), unlock, park.
     *   4. On wake-up, unlink the other waiters (each under its channel's lock). Parties that met them
     *      first have already dropped them, failing the leader's CAS.
     * Unlike Go, the loser waiters are unlinked one channel at a time rather than under all the locks:
     * the decision is already taken by the CAS, so there is nothing left to keep atomic.
     * The engine (selectgo) sees each case as an Op record and returns which one Fired; the static
     * select statement runs the fired case's handler, Selector hands the case back to its caller. It
     * works on channels only through Chan's section "The engine" (their contract), and keeps what a poll
     * found (a Ready: the partner to wake, a send's buffer result) in locals until the locks are released.
     */

    private Select() {}

    /**
     * A handler of a receive case that gives the select's result: gets the value, or {@code null} if
     * the channel is closed.
     *
     * @param <T> the element type
     * @param <R> the result
     * @param <X> the checked exception it may throw ({@code RuntimeException} for none)
     */
    @FunctionalInterface
    public interface OnRecv<T, R, X extends Exception> {
        /** Handles the received value ({@code null} = closed and drained) and gives the select's result. */
        R apply(T value) throws X, InterruptedException;
    }

    /**
     * A handler of a receive case that is a statement (the select gives {@code null} for it).
     *
     * @param <T> the element type
     * @param <X> the checked exception it may throw ({@code RuntimeException} for none)
     */
    @FunctionalInterface
    public interface RecvAction<T, X extends Exception> {
        /** Handles the received value ({@code null} = closed and drained). */
        void accept(T value) throws X, InterruptedException;
    }

    /**
     * A handler of a send, default or timeout case that gives the select's result.
     *
     * @param <R> the result
     * @param <X> the checked exception it may throw ({@code RuntimeException} for none)
     */
    @FunctionalInterface
    public interface OnFire<R, X extends Exception> {
        /** Runs when the case is chosen and gives the select's result. */
        R get() throws X, InterruptedException;
    }

    /**
     * A handler of a send, default or timeout case that is a statement (the select gives {@code null}
     * for it).
     *
     * @param <X> the checked exception it may throw ({@code RuntimeException} for none)
     */
    @FunctionalInterface
    public interface Action<X extends Exception> {
        /** Runs when the case is chosen. */
        void run() throws X, InterruptedException;
    }

    /**
     * One case of a select; make them with {@link #recv}, {@link #recvDo}, {@link #send},
     * {@link #defaultCase}, {@link #timeout}.
     *
     * @param <R> what its handler gives
     * @param <X> the checked exception its handler may throw
     */
    public static final class Case<R, X extends Exception> {
        private final Op op;
        /** An OnRecv, RecvAction, OnFire or Action: a lambda implements exactly one. */
        private final Object handler;

        private Case(Op op, Object handler) {
            this.op = op;
            this.handler = Objects.requireNonNull(handler, "handler");
        }

        @SuppressWarnings("unchecked")
        private R fire(Object received) throws X, InterruptedException {
            switch (handler) {
                case OnRecv<?, ?, ?> h -> {
                    return ((OnRecv<Object, R, X>) h).apply(received);
                }
                case RecvAction<?, ?> h -> ((RecvAction<Object, X>) h).accept(received);
                case OnFire<?, ?> h -> {
                    return ((OnFire<R, X>) h).get();
                }
                case Action<?> h -> ((Action<X>) h).run();
                default -> throw new AssertionError(handler);
            }
            return null;
        }
    }

    /** A receive case: {@code case v, ok := <-ch: return ...}. The handler gets {@code null} when {@code ch} is closed. */
    public static <T, R, X extends Exception> Case<R, X> recv(RecvChan<T> ch, OnRecv<? super T, ? extends R, X> handler) {
        return new Case<>(new RecvOp(channel(ch)), handler);
    }

    /**
     * A receive case whose handler is a statement: {@code case v, ok := <-ch: ...}. The handler gets
     * {@code null} when {@code ch} is closed; the select gives {@code null} when this case fires.
     */
    public static <T, R, X extends Exception> Case<R, X> recvDo(RecvChan<T> ch, RecvAction<? super T, X> handler) {
        return new Case<>(new RecvOp(channel(ch)), handler);
    }

    /**
     * A send case: {@code case ch <- value: return ...}. On the {@linkplain Chan#nil() nil channel} the
     * case never fires, so {@code value} may be {@code null} there (Go's pending-send idiom: a nil channel
     * when there is nothing to send).
     *
     * @throws NullPointerException if {@code value} is null and {@code ch} is not the nil channel
     */
    public static <T, R, X extends Exception> Case<R, X> send(SendChan<T> ch, T value, OnFire<? extends R, X> handler) {
        return new Case<>(sendOp(ch, value), handler);
    }

    /** A send case whose handler is a statement: {@code case ch <- value: ...}. As {@link #send(SendChan, Object, OnFire)}. */
    public static <T, R, X extends Exception> Case<R, X> send(SendChan<T> ch, T value, Action<X> handler) {
        return new Case<>(sendOp(ch, value), handler);
    }

    /** The default case: {@code default: return ...}. Runs, without blocking, when no other case is ready. */
    public static <R, X extends Exception> Case<R, X> defaultCase(OnFire<? extends R, X> handler) {
        return new Case<>(DefaultOp.INSTANCE, handler);
    }

    /** The default case whose handler is a statement: {@code default: ...}. */
    public static <R, X extends Exception> Case<R, X> defaultCase(Action<X> handler) {
        return new Case<>(DefaultOp.INSTANCE, handler);
    }

    /**
     * A timeout case: {@code case <-time.After(d): return ...}, measured from the start of the select on
     * the calling thread's {@linkplain dev.go4j.time.Clock#current() clock}. Fires if no other case became ready within
     * {@code d}; a non-positive {@code d} fires at once when none is ready.
     */
    public static <R, X extends Exception> Case<R, X> timeout(Duration d, OnFire<? extends R, X> handler) {
        return new Case<>(TimeoutOp.of(d), handler);
    }

    /** A timeout case whose handler is a statement: {@code case <-time.After(d): ...}. */
    public static <R, X extends Exception> Case<R, X> timeout(Duration d, Action<X> handler) {
        return new Case<>(TimeoutOp.of(d), handler);
    }

    /**
     * Runs a select, choosing uniformly at random among the ready cases.
     *
     * @return the chosen case's handler's result ({@code null} for a statement handler)
     * @throws X what the chosen case's handler threw
     * @throws IllegalArgumentException if there is more than one default or more than one timeout case
     * @throws ChannelException if a send case on a closed channel is chosen
     * @throws InterruptedException if interrupted while waiting (no case fired), or thrown by the handler
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public static <R, X extends Exception> R select(Case<? extends R, ? extends X>... cases)
            throws X, InterruptedException {
        return run(cases, false);
    }

    /**
     * Runs a select that prefers the earlier cases: the first ready case in argument order wins
     * (core.async's {@code :priority}, Kotlin's select). Otherwise as {@link #select}.
     */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read
    public static <R, X extends Exception> R selectBiased(Case<? extends R, ? extends X>... cases)
            throws X, InterruptedException {
        return run(cases, true);
    }

    private static <R, X extends Exception> R run(Case<? extends R, ? extends X>[] cases, boolean biased)
            throws X, InterruptedException {
        Op[] ops = new Op[cases.length];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = Objects.requireNonNull(cases[i], "case").op;
        }
        Fired f = selectgo(ops, biased);
        return cases[f.index()].fire(f.value());
    }

    static SendOp sendOp(SendChan<?> ch, Object value) {
        Chan<?> c = channel(ch);
        if (!c.isNil) {
            Chan.requireValue(value);
        }
        return new SendOp(c, value);
    }

    static Chan<?> channel(Object ch) {
        return (Chan<?>) Objects.requireNonNull(ch, "channel");
    }

    // ---------------------------------------------------------------------------------------------
    // The engine, shared by the select statement above and by Selector

    /** What the engine runs for one case. */
    sealed interface Op permits ChanOp, DefaultOp, TimeoutOp {}

    /** A case on a channel. */
    sealed interface ChanOp extends Op permits RecvOp, SendOp {
        Chan<?> chan();
    }

    /** {@code case v := <-chan:} */
    record RecvOp(Chan<?> chan) implements ChanOp {}

    /** {@code case chan <- value:} */
    record SendOp(Chan<?> chan, Object value) implements ChanOp {}

    /** {@code default:} */
    record DefaultOp() implements Op {
        static final DefaultOp INSTANCE = new DefaultOp();
    }

    /** {@code case <-time.After(nanos):} */
    record TimeoutOp(long nanos) implements Op {
        static TimeoutOp of(Duration d) {
            long nanos;
            try {
                nanos = d.toNanos();
            } catch (ArithmeticException tooLong) {
                nanos = Long.MAX_VALUE;
            }
            return new TimeoutOp(Math.max(0, nanos));
        }
    }

    /** The case that fired (its index) and, for a receive case, the value received ({@code null}: closed). */
    record Fired(int index, Object value) {}

    /**
     * Runs a select over {@code ops} (Go's selectgo): performs one case and tells which. Throws
     * "send on closed channel" if the case that fired is a send on a closed channel.
     */
    static Fired selectgo(Op[] ops, boolean biased) throws InterruptedException {
        int[] order = new int[ops.length]; // channel cases, in poll order
        int m = 0;
        int dflt = -1;
        int tmo = -1;
        for (int i = 0; i < ops.length; i++) {
            switch (Objects.requireNonNull(ops[i], "case")) {
                case ChanOp c -> {
                    if (!c.chan().isNil) {
                        c.chan().checkBubble("select on");
                        order[m++] = i;
                    }
                }
                case DefaultOp d -> dflt = only(dflt, i, "multiple defaults in select");
                case TimeoutOp t -> tmo = only(tmo, i, "multiple timeouts in select");
            }
        }
        long tmoNanos = tmo < 0 ? -1 : ((TimeoutOp) ops[tmo]).nanos();
        TimeSource clock = tmo < 0 ? null : TimeSource.current();
        long deadline = tmo < 0 ? Long.MAX_VALUE : deadlineAfter(clock, tmoNanos);
        if (!biased) {
            shuffle(order, m);
        }
        Chan<?>[] locks = lockOrder(ops, order, m);

        Ready ready = null;
        int now = -1; // a default or timeout case that fires at once
        Waiter[] waiters = null;
        lockAll(locks);
        try {
            for (Chan<?> c : locks) {
                c.freeze();
            }
            for (int k = 0; k < m && ready == null; k++) {
                ready = poll(order[k], (ChanOp) ops[order[k]]);
            }
            if (ready == null) {
                if (dflt >= 0 || tmoNanos == 0) {
                    now = dflt >= 0 ? dflt : tmo;
                } else if (m > 0) {
                    waiters = enqueueAll(ops, order, m);
                }
            }
            for (Chan<?> c : locks) {
                c.thawIfQuiet();
            }
        } finally {
            for (Chan<?> c : locks) {
                c.core.held = 0; // unlock with no call, see Chan's overview
            }
            for (Chan<?> c : locks) {
                c.core.wakeAcquirer();
            }
        }
        if (ready != null) {
            return ready.finish((ChanOp) ops[ready.index()]);
        }
        if (now >= 0) {
            return new Fired(now, null);
        }
        if (waiters == null && tmo < 0) {
            Chan.blockForever();
        }
        return await(ops, waiters, tmo, clock, deadline);
    }

    /**
     * A channel case performed under the locks, and what is left to do once they are released.
     *
     * @param partner the party the poll claimed, to wake; {@code null} if it used the buffer
     * @param value for a receive case, the value received ({@code null}: closed); for a send case
     *     without a partner, {@link Chan#sendToBuffer}'s result
     */
    private record Ready(int index, Waiter partner, Object value) {
        /** Wakes the partner, or finishes the send: see {@link Chan#sent}. */
        Fired finish(ChanOp op) {
            if (op instanceof SendOp s) {
                s.chan().sent(partner, value);
                return new Fired(index, null);
            }
            if (partner != null) {
                partner.wake();
            }
            return new Fired(index, value);
        }
    }

    /**
     * Performs case {@code i} if it can proceed now, under its channel's lock (a send on a closed
     * channel can: it fires, and throws once the locks are released).
     *
     * @return what was done, or {@code null} if the case would block
     */
    private static Ready poll(int i, ChanOp op) {
        Chan<?> c = op.chan();
        switch (op) {
            case RecvOp r -> {
                Waiter s = c.claimSender();
                if (s != null) {
                    return new Ready(i, s, s.item);
                }
                Object v = c.recvFromBuffer();
                return v == Chan.NOT_READY ? null : new Ready(i, null, v == Chan.CLOSED ? null : v);
            }
            case SendOp s -> {
                Waiter r = c.claimReceiver(s.value());
                if (r != null) {
                    return new Ready(i, r, null);
                }
                Object b = c.sendToBuffer(s.value());
                return b == Chan.NOT_READY ? null : new Ready(i, null, b);
            }
        }
    }

    /**
     * Waits, the locks released, for one of the queued {@code waiters} (or none: a select with only a
     * timeout) to be claimed, or for the deadline; then unlinks the waiters left queued.
     */
    private static Fired await(Op[] ops, Waiter[] waiters, int tmo, TimeSource clock, long deadline)
            throws InterruptedException {
        Waiter leader = waiters == null ? Waiter.selectCase(tmo) : waiters[0].leader;
        TimeSource.Alarm alarm = null;
        Waiter fired;
        try {
            // A clock other than the system's ends the wait with an alarm instead of a timed park.
            if (deadline != Long.MAX_VALUE && clock != null) {
                alarm = clock.at(deadline, leader::cancel);
                deadline = Long.MAX_VALUE;
            }
            fired = waiters == null
                    ? leader.await(deadline)
                    : ((ChanOp) ops[leader.index]).chan().await(leader, deadline);
        } catch (Throwable e) {
            leader.cancel(); // an error before the decision: no party may complete a case of a select that throws
            throw e;
        } finally {
            if (alarm != null) {
                alarm.cancel();
            }
            if (waiters != null) {
                unlinkLosers(ops, waiters);
            }
        }
        if (fired == null) {
            return new Fired(tmo, null);
        }
        int i = fired.index;
        if (ops[i] instanceof SendOp) {
            if (!fired.success) {
                throw Chan.sendOnClosed();
            }
            return new Fired(i, null);
        }
        return new Fired(i, fired.success ? fired.item : null);
    }

    private static int only(int seen, int i, String message) {
        if (seen >= 0) {
            throw new IllegalArgumentException(message);
        }
        return i;
    }

    /** A deadline on {@code clock} (null: the system's time); timeouts beyond a century mean none. */
    private static long deadlineAfter(TimeSource clock, long nanos) {
        return nanos >= 1L << 62 ? Long.MAX_VALUE : (clock == null ? System.nanoTime() : clock.nanoTime()) + nanos;
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

    /**
     * The distinct channels of the channel cases, sorted by id: the order to lock in (a channel in several
     * cases is locked once). Insertion sort: selects are small.
     */
    private static Chan<?>[] lockOrder(Op[] ops, int[] order, int m) {
        Chan<?>[] s = new Chan<?>[m];
        int d = 0;
        for (int k = 0; k < m; k++) {
            Chan<?> c = ((ChanOp) ops[order[k]]).chan();
            int j = d - 1;
            while (j >= 0 && s[j].id > c.id) {
                j--;
            }
            if (j >= 0 && s[j] == c) {
                continue;
            }
            System.arraycopy(s, j + 1, s, j + 2, d - j - 1);
            s[j + 1] = c;
            d++;
        }
        return d == m ? s : Arrays.copyOf(s, d);
    }

    /**
     * Locks every channel, in order; if an error strikes midway, releases those it locked and rethrows.
     */
    private static void lockAll(Chan<?>[] locks) {
        int k = 0;
        try {
            for (; k < locks.length; k++) {
                locks[k].core.lock();
            }
        } catch (Throwable e) {
            for (int i = 0; i < k; i++) {
                locks[i].core.held = 0; // unlock with no call, see Chan's overview
            }
            for (int i = 0; i < k; i++) {
                locks[i].core.wakeAcquirer();
            }
            throw e;
        }
    }

    /**
     * Queues one waiter per channel case, all led by the first; under all the locks. If an error strikes
     * midway, cancels the leader and takes out the waiters queued so far, then rethrows.
     */
    private static Waiter[] enqueueAll(Op[] ops, int[] order, int m) {
        Waiter[] ws = new Waiter[m];
        Waiter leader = Waiter.selectCase(order[0]);
        try {
            for (int k = 0; k < m; k++) {
                int i = order[k];
                Waiter w = k == 0 ? leader : Waiter.selectCase(leader, i);
                ws[k] = w;
                switch ((ChanOp) ops[i]) {
                    case SendOp s -> s.chan().enqueueSender(w, s.value());
                    case RecvOp r -> r.chan().enqueueReceiver(w);
                }
            }
        } catch (Throwable e) {
            leader.cancel();
            for (Waiter w : ws) {
                if (w != null) {
                    ((ChanOp) ops[w.index]).chan().dequeue(w);
                }
            }
            throw e;
        }
        return ws;
    }

    /** After the decision: takes every waiter still queued out of its channel. */
    private static void unlinkLosers(Op[] ops, Waiter[] ws) {
        for (Waiter w : ws) {
            ((ChanOp) ops[w.index]).chan().unlink(w);
        }
    }
}
