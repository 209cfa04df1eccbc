package dev.go4j.pattern;

import dev.go4j.Chan;
import dev.go4j.ChannelException;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.SendChan;
import dev.go4j.Task;
import dev.go4j.internal.ShortLock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Broadcast: every value received from a source channel goes to every tap (core.async's
 * {@code mult}/{@code tap}/{@code untap}, a one-to-many tee).
 *
 * <pre>{@code
 * // given: RecvChan<?> done; RecvChan<Price> feed; record Price(String symbol, long cents)
 * Broadcast<Price> prices = Broadcast.of(done, feed);        // (def m (mult feed))
 * Chan<Price> chart = Chan.make(16);
 * Chan<Price> ticker = Chan.conflated();                      // a slow reader: keeps only the latest
 * prices.tap(chart);                                          // (tap m chart)
 * prices.tap(ticker);
 * }</pre>
 *
 * <p><b>Slow taps: the policy is the tap's channel.</b> A value is delivered to every tap (to whichever
 * is ready first) before the next value is received from the source, as core.async's mult: a tap whose
 * channel blocks holds back every tap and the source. A tap made with a dropping policy
 * ({@link Chan#make(int, dev.go4j.BufferPolicy)}, {@link Chan#conflated()}) or {@link Chan#unlimited()}
 * never blocks, so it never holds back the others; its policy decides what a slow reader loses.
 *
 * <p><b>Taps.</b> A tap gets the values received after it was added. {@link #untap} takes effect at
 * once, even while a delivery waits for that tap. A tap channel that is closed by someone else is
 * untapped (the broadcast is the sender of its taps, so that is a misuse it survives). With no tap, a
 * value is received and dropped, as core.async does.
 *
 * <p><b>End.</b> When the source is closed and drained, or {@code done} closes, the distributing
 * goroutine ends and closes the taps added with {@code closeWithSource} (the default): with the
 * source's {@linkplain RecvChan#closeCause() close cause} if it was closed with an error, so that
 * errors travel to every reader. A tap added after the end is closed at once. No goroutine is left behind.
 *
 * <p><b>Memory consistency.</b> As a send on the tap's channel of the value received from the source.
 *
 * @param <T> the element type
 */
public final class Broadcast<T> {
    /*
     * Implementation overview. One goroutine receives a value (recvOrDone) and delivers it with a select
     * over one send case per pending tap, plus done and a conflated `changed` channel that untap pokes,
     * so that an untap wakes a delivery blocked on the untapped channel; the select then re-reads the
     * taps. Every tap is first offered the value with trySend, so taps with room (the common case with
     * buffered taps) cost no select; a select over N send cases locks N channels and allocates N waiters.
     * Select cannot tell which send case hit a closed channel, so on "send on closed channel" every
     * pending tap is probed with trySend again: a closed one is untapped, an open one that accepts is served.
     * Invariant (under guard): ended => taps is empty, and every tap with closeWithSource was closed once.
     */

    private record Tap<T>(SendChan<? super T> ch, boolean closeWithSource) {}

    private final ShortLock guard = new ShortLock();
    private final List<Tap<T>> taps = new ArrayList<>();
    private final Chan<Boolean> changed = Chan.conflated();
    private boolean ended;
    private Throwable endCause;

    private Broadcast() {}

    /**
     * Starts broadcasting {@code source}: {@code (mult source)}. The returned broadcast has no tap yet.
     *
     * @param done closing it ends the broadcast (the taps are then closed without error)
     */
    public static <T> Broadcast<T> of(RecvChan<?> done, RecvChan<? extends T> source) {
        return start(done, source, Go::go);
    }

    /**
     * As {@link #of}, with the distributing goroutine started by {@code starter}: {@code Go::go}, or a
     * platform thread where a model checker must manage every thread (Lincheck cannot manage virtual ones).
     */
    static <T> Broadcast<T> start(RecvChan<?> done, RecvChan<? extends T> source,
            Function<Task, Thread> starter) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(source, "source");
        Broadcast<T> b = new Broadcast<>();
        starter.apply(() -> b.distribute(done, source));
        return b;
    }

    /** Adds a tap that is closed when the broadcast ends: {@code (tap mult ch)}. */
    public void tap(SendChan<? super T> ch) {
        tap(ch, true);
    }

    /**
     * Adds a tap: {@code (tap mult ch close?)}. Tapping a channel twice delivers each value to it twice.
     *
     * @param closeWithSource whether to close {@code ch} when the broadcast ends
     */
    public void tap(SendChan<? super T> ch, boolean closeWithSource) {
        Tap<T> t = new Tap<>(Objects.requireNonNull(ch, "channel"), closeWithSource);
        guard.lock();
        boolean late = ended;
        if (!late) {
            taps.add(t);
        }
        Throwable cause = endCause;
        guard.unlock();
        if (late) {
            closeTap(t, cause);
        }
    }

    /** Removes every tap of {@code ch}: {@code (untap mult ch)}. It is not closed. */
    public void untap(SendChan<? super T> ch) {
        guard.lock();
        taps.removeIf(t -> t.ch == ch);
        guard.unlock();
        changed.trySend(Boolean.TRUE);
    }

    /** Removes every tap: {@code (untap-all mult)}. None is closed. */
    public void untapAll() {
        guard.lock();
        taps.clear();
        guard.unlock();
        changed.trySend(Boolean.TRUE);
    }

    /** The distributing goroutine. */
    private void distribute(RecvChan<?> done, RecvChan<? extends T> source) throws InterruptedException {
        try {
            for (T v; (v = Channels.recvOrDone(done, source)) != null; ) {
                if (!deliver(done, v)) {
                    break;
                }
            }
        } finally {
            end(done.isDrained() ? null : source.closeCause());
        }
    }

    /** Delivers {@code v} to every current tap; false if {@code done} closed first. */
    private boolean deliver(RecvChan<?> done, T v) throws InterruptedException {
        List<Tap<T>> pending = snapshot();
        probe(pending, v); // the fast path: taps with room take v now; select waits only for the others
        while (!pending.isEmpty()) {
            List<Select.Case<Integer, RuntimeException>> cases = new ArrayList<>(pending.size() + 2);
            cases.add(Select.recv(done, x -> -1));
            cases.add(Select.recv(changed, x -> -2));
            for (int i = 0; i < pending.size(); i++) {
                int k = i;
                cases.add(Select.send(pending.get(i).ch, v, () -> k));
            }
            int r;
            try {
                r = Select.select(casesArray(cases));
            } catch (ChannelException closedTap) {
                probe(pending, v);
                continue;
            }
            if (r == -1) {
                return false;
            }
            if (r == -2) {
                List<Tap<T>> current = snapshot();
                pending.removeIf(t -> !current.contains(t));
            } else {
                pending.remove(r);
            }
        }
        return true;
    }

    /** Serves the pending taps that accept {@code v} now, and untaps the closed ones. */
    private void probe(List<Tap<T>> pending, T v) {
        pending.removeIf(t -> {
            try {
                return t.ch.trySend(v);
            } catch (ChannelException closed) {
                guard.lock();
                taps.remove(t);
                guard.unlock();
                return true;
            }
        });
    }

    private List<Tap<T>> snapshot() {
        guard.lock();
        List<Tap<T>> copy = new ArrayList<>(taps);
        guard.unlock();
        return copy;
    }

    /** Marks the end and closes the taps that asked for it, each once. */
    private void end(Throwable cause) {
        guard.lock();
        ended = true;
        endCause = cause;
        List<Tap<T>> last = new ArrayList<>(taps);
        taps.clear();
        guard.unlock();
        for (Tap<T> t : last) {
            closeTap(t, cause);
        }
    }

    private static void closeTap(Tap<?> t, Throwable cause) {
        if (!t.closeWithSource) {
            return;
        }
        try {
            if (cause == null) {
                t.ch.close();
            } else {
                t.ch.close(cause);
            }
        } catch (ChannelException alreadyClosed) {
            // Closed by someone else: nothing left to tell its readers.
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // no generic array creation
    private static Select.Case<Integer, RuntimeException>[] casesArray(List<Select.Case<Integer, RuntimeException>> cases) {
        return cases.toArray(new Select.Case[0]);
    }
}
