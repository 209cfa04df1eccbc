package dev.go4j;

import dev.go4j.internal.AdaptiveSpin;
import dev.go4j.internal.ShortLock;
import dev.go4j.internal.TimerChannels;
import dev.go4j.internal.WaitQueue;
import dev.go4j.internal.Waiter;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Go's channel: {@code make(chan T)} and {@code make(chan T, n)}.
 *
 * <pre>{@code
 * Chan<Integer> ch = Chan.make(4);          // ch := make(chan int, 4)
 * Go.go(() -> {
 *     try (ch) {                            // defer close(ch)
 *         for (int i = 0; i < 5; i++) ch.send(i);
 *     }
 * });
 * for (int v : ch) System.out.println(v);   // for v := range ch
 * }</pre>
 *
 * <p><b>Blocking.</b> {@link #send} blocks until a receiver takes the value (unbuffered) or until there
 * is room (buffered); {@link #recv} blocks while the channel is open and empty. Blocking parks the
 * virtual thread; both throw {@link InterruptedException} when interrupted (clearing the interrupt status,
 * as the JDK's blocking methods do), and an interrupted operation either completed (it then returns
 * normally with the interrupt status left set) or did nothing. {@link #trySend} and
 * {@link #tryRecv} never block. Values are received in the order they were sent (FIFO), each exactly once.
 *
 * <p><b>Close.</b> Only a sender closes, once. After {@link #close}, buffered values can still be
 * received; then {@code recv} returns {@code null} at once, forever. {@code null} is never a value
 * ({@code send(null)} throws {@link NullPointerException}), so it means closed, as Go's {@code ok == false}.
 * Misuse throws {@link ChannelException} with Go's message. {@code Chan} is {@link AutoCloseable} so that
 * a producer can write {@code try (ch) { ... }} for Go's {@code defer close(ch)}.
 *
 * <p><b>The nil channel</b> ({@link #nil()}) blocks every send and receive forever (until interrupted),
 * is never ready in a {@link Select}, and cannot be closed.
 *
 * <p><b>Memory consistency.</b> As Go's memory model: a send happens-before the receive of that value
 * completes; a close happens-before a receive that returns {@code null} because of it; on an unbuffered
 * channel a receive happens-before the matching send completes; on a channel of capacity C the k-th
 * receive happens-before the (k+C)-th send completes.
 *
 * <p>Directional views: a {@code Chan} is both a {@link SendChan} and a {@link RecvChan}; return one of
 * those types to hand out a send-only or receive-only channel.
 *
 * @param <T> the element type
 */
public final class Chan<T> implements SendChan<T>, RecvChan<T>, AutoCloseable {
    /*
     * Implementation overview.
     *
     * The algorithm is Go's runtime/chan.go: one lock per channel guards a circular buffer and two FIFO
     * queues of blocked parties (recvq, sendq). A lock, not a lock-free structure, because select must
     * see several channels at one instant (Go's TestNonblockSelectRace): it locks them all in a global
     * order (by id), which a lock-free channel such as the segment-based one of Koval, Alistarh and
     * Elizarov (PPoPP 2023; Kotlin, Jox) cannot offer. Critical sections never block, so the lock is
     * free within nanoseconds; blocked parties park in the queues, never on the lock.
     *
     * Invariants (under lock):
     *   - recvq non-empty  =>  the buffer is empty           (a receiver waits only for want of values)
     *   - sendq non-empty  =>  the buffer is full            (cap 0: always "full")
     *   - closed           =>  sendq empty and recvq empty   (close wakes them all; no one queues after)
     *   - count == 0 for unbuffered channels; values pass hand to hand between a waiter and its matcher.
     * A queued waiter may be dead (its select fired elsewhere, or it was cancelled); WaitQueue.claimFirst
     * skips those, so the invariants hold for live waiters.
     *
     * A poll that matches a queued party records it in `matched`; it is woken after the lock is released,
     * as Go does, so that no scheduler work happens inside the critical section.
     *
     * Differences from Go: waiters can be cancelled by interrupt or timeout (Go's cannot), which the waiter's single-CAS
     * decision makes safe; see Waiter.
     * A timer's channel (dev.go4j.time) is an unbuffered channel whose fired value waits in sendq as a
     * thread-less sender (Waiter.threadless), offered and withdrawn through TimerChannels: Go 1.23's
     * synchronous timer channel without a buffer, so len and cap stay 0.
     */

    private static final AtomicLong IDS = new AtomicLong();
    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(Chan.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("rawtypes")
    private static final Chan NIL = new Chan<>(0, true);

    static {
        TimerChannels.register(new TimerChannels() {
            @Override
            public Waiter offer(Chan<?> c, Object value, Waiter previous) {
                return c.timerOffer(value, previous);
            }

            @Override
            public boolean withdraw(Chan<?> c, Waiter sender) {
                return c.timerWithdraw(sender);
            }
        });
    }

    /** Marks "would block" in the results of the locked poll methods. */
    static final Object NOT_READY = new Object();
    /** Marks "closed and drained" in {@link #pollRecv}'s result. */
    static final Object CLOSED = new Object();
    static final int SENT = 0, SEND_NOT_READY = 1, SEND_CLOSED = 2;

    /** Global lock order for select. */
    final long id;
    final boolean isNil;
    final ShortLock lock = new ShortLock();
    final WaitQueue recvq = new WaitQueue();
    final WaitQueue sendq = new WaitQueue();
    private final AdaptiveSpin spin = new AdaptiveSpin();
    private final Object[] buf;
    private int sendx;
    private int recvx;
    private int count;
    private boolean closed;
    /** The waiter matched by the last poll, to wake once the lock is released (Go: unlock, then goready). */
    private Waiter matched;

    private Chan(int capacity, boolean isNil) {
        this.id = IDS.incrementAndGet();
        this.isNil = isNil;
        this.buf = capacity == 0 ? null : new Object[capacity];
    }

    /** An unbuffered channel: {@code make(chan T)}. Every send waits for its receiver. */
    public static <T> Chan<T> make() {
        return new Chan<>(0, false);
    }

    /**
     * A channel with a buffer of {@code capacity} values: {@code make(chan T, capacity)}; 0 makes an
     * unbuffered channel.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative ("makechan: size out of range")
     */
    public static <T> Chan<T> make(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("makechan: size out of range");
        }
        return new Chan<>(capacity, false);
    }

    /** The nil channel: {@code var ch chan T}. Never ready; send and receive block until interrupted. */
    @SuppressWarnings("unchecked")
    public static <T> Chan<T> nil() {
        return (Chan<T>) NIL;
    }

    // ---------------------------------------------------------------------------------------------
    // Send

    @Override
    public void send(T value) throws InterruptedException {
        Objects.requireNonNull(value, "value");
        if (isNil) {
            blockForever();
        }
        lock.lock();
        int r = pollSend(value);
        if (r == SEND_NOT_READY) {
            Waiter w = new Waiter(0);
            w.item = value;
            sendq.add(w);
            lock.unlock();
            w = awaitOrUnlink(w, sendq);
            if (w.success) {
                return;
            }
            r = SEND_CLOSED;
        } else {
            unlockAndWake();
        }
        if (r == SEND_CLOSED) {
            throw sendOnClosed();
        }
    }

    @Override
    public boolean trySend(T value) {
        Objects.requireNonNull(value, "value");
        if (isNil) {
            return false;
        }
        lock.lock();
        int r = pollSend(value);
        unlockAndWake();
        if (r == SEND_CLOSED) {
            throw sendOnClosed();
        }
        return r == SENT;
    }

    /**
     * Sends without waiting, under lock: to a waiting receiver, else into the buffer.
     *
     * @return {@link #SENT}, {@link #SEND_NOT_READY} or {@link #SEND_CLOSED}
     */
    int pollSend(Object value) {
        if (closed) {
            return SEND_CLOSED;
        }
        Waiter r = recvq.claimFirst(value, true);
        if (r != null) {
            matched = r;
            return SENT;
        }
        if (buf != null && count < buf.length) {
            buf[sendx] = value;
            sendx = next(sendx);
            COUNT.setOpaque(this, count + 1);
            return SENT;
        }
        return SEND_NOT_READY;
    }

    // ---------------------------------------------------------------------------------------------
    // Receive

    @Override
    public T recv() throws InterruptedException {
        if (isNil) {
            blockForever();
        }
        lock.lock();
        Object v = pollRecv();
        if (v == NOT_READY) {
            Waiter w = new Waiter(0);
            recvq.add(w);
            lock.unlock();
            w = awaitOrUnlink(w, recvq);
            return w.success ? value(w.item) : null;
        }
        unlockAndWake();
        return v == CLOSED ? null : value(v);
    }

    @Override
    public T tryRecv() {
        if (isNil) {
            return null;
        }
        lock.lock();
        Object v = pollRecv();
        unlockAndWake();
        return v == NOT_READY || v == CLOSED ? null : value(v);
    }

    /**
     * Receives without waiting, under lock: from a waiting sender (through the buffer, if any, to keep
     * FIFO), else from the buffer.
     *
     * @return the value, {@link #CLOSED} when closed and drained, or {@link #NOT_READY}
     */
    Object pollRecv() {
        Waiter s = sendq.claimFirst(WaitQueue.KEEP, true);
        if (s != null) {
            Object v;
            if (buf == null) {
                v = s.item;
            } else {
                // The buffer is full: take its head and put the sender's value at its tail.
                v = buf[recvx];
                buf[recvx] = s.item;
                recvx = next(recvx);
                sendx = recvx;
            }
            matched = s;
            return v;
        }
        if (count > 0) {
            Object v = buf[recvx];
            buf[recvx] = null;
            recvx = next(recvx);
            COUNT.setOpaque(this, count - 1);
            return v;
        }
        return closed ? CLOSED : NOT_READY;
    }

    // ---------------------------------------------------------------------------------------------
    // Close, len, cap

    @Override
    public void close() {
        if (isNil) {
            throw new ChannelException("close of nil channel");
        }
        lock.lock();
        if (closed) {
            lock.unlock();
            throw new ChannelException("close of closed channel");
        }
        closed = true;
        List<Waiter> woken = new ArrayList<>();
        for (Waiter w; (w = recvq.claimFirst(null, false)) != null; ) {
            woken.add(w);
        }
        for (Waiter w; (w = sendq.claimFirst(WaitQueue.KEEP, false)) != null; ) {
            woken.add(w);
        }
        lock.unlock();
        for (Waiter w : woken) {
            w.wake();
        }
    }

    @Override
    public boolean isDrained() {
        if (isNil) {
            return false;
        }
        lock.lock();
        boolean drained = closed && count == 0;
        lock.unlock();
        return drained;
    }

    @Override
    public int len() {
        return (int) COUNT.getOpaque(this);
    }

    @Override
    public int cap() {
        return buf == null ? 0 : buf.length;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = recv();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new UncheckedInterruptedException(e);
                    }
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("channel closed");
                }
                T v = next;
                next = null;
                return v;
            }
        };
    }

    @Override
    public String toString() {
        if (isNil) {
            return "chan(nil)";
        }
        return "chan#" + id + "(len=" + len() + ", cap=" + cap() + ")";
    }

    // ---------------------------------------------------------------------------------------------
    // Go 1.23 timer channels (dev.go4j.time, through TimerChannels)

    /** See {@link TimerChannels#offer}: a send that never blocks, left queued as a thread-less sender. */
    private Waiter timerOffer(Object value, Waiter previous) {
        lock.lock();
        Waiter left = null;
        if (!closed) {
            if (previous != null && sendq.contains(previous)) {
                left = previous;
            } else if ((matched = recvq.claimFirst(value, true)) == null) {
                left = Waiter.threadless(value);
                sendq.add(left);
            }
        }
        unlockAndWake();
        return left;
    }

    /** See {@link TimerChannels#withdraw}. */
    private boolean timerWithdraw(Waiter sender) {
        lock.lock();
        boolean withdrawn = sender.cancel();
        sendq.remove(sender);
        lock.unlock();
        return withdrawn;
    }

    // ---------------------------------------------------------------------------------------------
    // Shared helpers

    /**
     * Waits for a queued plain waiter to be decided; if interrupted first, takes it out of its queue.
     * The caller queued {@code w} and released the lock.
     */
    private Waiter awaitOrUnlink(Waiter w, WaitQueue q) throws InterruptedException {
        try {
            return await(w, Long.MAX_VALUE);
        } catch (InterruptedException e) {
            lock.lock();
            q.remove(w);
            lock.unlock();
            throw e;
        }
    }

    /**
     * Releases the lock, then wakes the party the last poll matched, if any: the wake-up (a scheduler
     * submission, perhaps a carrier wake-up) stays out of the critical section.
     */
    void unlockAndWake() {
        Waiter w = takeMatched();
        lock.unlock();
        if (w != null) {
            w.wake();
        }
    }

    /** Takes the party the last poll matched, to wake after the lock is released; see {@link #unlockAndWake}. */
    Waiter takeMatched() {
        Waiter w = matched;
        matched = null;
        return w;
    }

    /**
     * Waits for the operation led by {@code leader} (queued on this channel, lock released) to be
     * decided: a short adaptive spin, in case the partner is running right now, then park.
     */
    Waiter await(Waiter leader, long deadline) throws InterruptedException {
        int spins = spin.spins();
        if (spins > 0) {
            spin.record(spins, leader.spin(spins));
        }
        return leader.await(deadline);
    }

    /** Parks until interrupted: a nil channel's send and receive, and an empty select. */
    static void blockForever() throws InterruptedException {
        new Waiter(0).await(Long.MAX_VALUE);
        throw new AssertionError("a waiter in no queue was claimed");
    }

    static ChannelException sendOnClosed() {
        return new ChannelException("send on closed channel");
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(Object v) {
        return (T) v;
    }

    private int next(int i) {
        return ++i == buf.length ? 0 : i;
    }
}
