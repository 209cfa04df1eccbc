package dev.go4j;

import dev.go4j.internal.AdaptiveSpin;
import dev.go4j.internal.RaceAnnotations;
import dev.go4j.internal.ShortLock;
import dev.go4j.internal.Switches;
import dev.go4j.internal.TimerChannels;
import dev.go4j.internal.WaitQueue;
import dev.go4j.internal.Waiter;
import dev.go4j.internal.diag.Bubble;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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
 * ({@code send(null)} throws {@link NullPointerException}: "null cannot be sent on a channel"), so it means closed, as Go's {@code ok == false}.
 * Misuse throws {@link ChannelException} with Go's message. {@code Chan} (and its send-only view {@link SendChan})
 * is {@link AutoCloseable} so that a producer can write {@code try (ch) { ... }} for Go's
 * {@code defer close(ch)}.
 *
 * <p><b>Beyond Go</b> (what users of Kotlin's, core.async's and Jox's channels ask for):
 * <ul>
 *   <li><em>Closing with an error</em>: {@link #close(Throwable)}. Receivers drain the buffered values,
 *       then {@code recv} returns {@code null} as after {@link #close()}; {@link #closeCause()} tells the
 *       two apart, and {@link #recvOrThrow()} and iteration throw {@link ChannelClosedException} with the
 *       cause. A failing pipeline stage thus fails its consumers instead of looking like a clean end.</li>
 *   <li><em>Buffer policies</em>: {@link #make(int, BufferPolicy)} with {@link BufferPolicy#DROP_NEWEST}
 *       or {@link BufferPolicy#DROP_OLDEST}, {@link #conflated()} (keeps the latest value) and
 *       {@link #unlimited()}: on these channels a send never blocks, and a {@link Select#send} case is
 *       always ready.</li>
 *   <li><em>Undelivered values</em>: {@link #make(int, BufferPolicy, Consumer)} takes a hook that gets
 *       every value that was sent but will never be received, so resources in flight can be released;
 *       {@link #cancel()} is the receiver's way to give up and discard what is buffered.</li>
 * </ul>
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
     * The fast paths. A buffered channel's buffer is a Ring: while the channel is open, nobody waits and
     * nobody holds the lock, a send with room and a receive with a value run lock-free on it (Vyukov's
     * bounded queue, as crossbeam-channel lays it out), so producer and consumer on two cores no longer
     * take turns on one lock word. Every critical section first freezes the ring (freeze), which makes
     * every fast operation fail and take the lock, and thaws it (thawIfQuiet) as its last step when the
     * channel is open and both queues are empty. So whenever anyone waits, or select holds the lock, the
     * channel is exactly Go's locked one; a fast operation is linearized at its CAS, which a freeze
     * orders before or after the holder's whole section. See Ring for the stamps and for operations in
     * flight when the freeze strikes. A section that throws skips the thaw: frozen is always safe.
     *
     * Invariants (under lock):
     *   - recvq non-empty  =>  the buffer is empty           (a receiver waits only for want of values)
     *   - sendq non-empty  =>  the buffer is full            (cap 0: always "full")
     *   - closed           =>  sendq empty and recvq empty   (close wakes them all; no one queues after)
     *   - count == 0 for unbuffered channels; values pass hand to hand between a waiter and its matcher.
     *   - the ring is thawed  =>  open, recvq and sendq empty, and the lock free or its holder's ring frozen.
     * A queued waiter may be dead (its select fired elsewhere, or it was cancelled); WaitQueue.claimFirst
     * skips those, so the invariants hold for live waiters. The polls rely on the first two: a send reads
     * recvq only when the buffer is empty, a receive reads sendq only when it is full.
     *
     * Cache lines. On two cores a buffered channel's producer and consumer write the same state; what
     * costs is how many separately placed objects each operation writes (each one a cache line to take
     * from the other core). A fast send writes the tail index (a line of its own) and its slot and stamp;
     * a fast receive the head index and its slot and stamp: no line is written by both sides but the
     * slots they pass. The lock word and the rest of the state it guards are one object, Core (Go's
     * hchan); the queues, the spin state's writes (only on a wait, and only when the value changes) and
     * the AQS queue of contended acquirers (only under contention) stay off the fast paths.
     *
     * A poll that matches a queued party claims it and returns it; its caller wakes it after releasing
     * the lock, as Go does (unlock, then goready), so that no scheduler work happens inside the critical
     * section. Nothing a poll finds is left in a field for its caller to fetch. Select works on channels
     * through the members of the section "The engine" below, and through nothing else.
     *
     * Errors under the lock. Any call can throw StackOverflowError and any allocation OutOfMemoryError,
     * and a lock left held would park every later user of the channel forever. The rule: every critical
     * section (here and in Select) is a try whose finally releases the lock with no call at all (it writes
     * core.held = 0, then wakes a queued acquirer), so the lock is released on every exit; and the
     * state stays consistent wherever such an error can strike: a poll or grow changes nothing before its
     * last throwing call (Ring's push, pop and exchangeHead make their calls, waits included, before
     * their plain writes, which cannot throw; grow builds the new ring before its one write; the one error go4j
     * itself raises under a lock, a buffer that cannot grow, is thus thrown before any change and reaches
     * the sender with the channel unlocked and its waiters in place), WaitQueue.claimFirst
     * unlinks a waiter only after its claim, and a waiter whose owner gets an error before the decision is
     * cancelled and unlinked (awaitOrUnlink; Select's await and enqueueAll), so no party completes an
     * operation whose caller sees an exception. What is left: an error in the few calls between queuing a
     * waiter and entering the wait leaves that waiter live (a party may still complete with it); an
     * error inside the JDK (LockSupport.unpark, the AQS queue of a contended acquirer) can lose a wake-up;
     * and the calls into Ring that follow a race annotation or a claim (push, pop, exchangeHead) can
     * overflow at their entry in interpreted code, before their writes (compiled, they are inlined).
     *
     * Differences from Go: waiters can be cancelled by interrupt or timeout (Go's cannot), which the waiter's single-CAS
     * decision makes safe; see Waiter.
     * A timer's channel (dev.go4j.time) is an unbuffered channel whose fired value waits in sendq as a
     * thread-less sender (Waiter.threadless), offered and withdrawn through TimerChannels: Go 1.23's
     * synchronous timer channel without a buffer, so len and cap stay 0.
     *
     * Beyond Go. `policy` is tested only when a send finds the buffer full (the slow branch of sendToBuffer),
     * so Go's channels (policy BLOCK) pay one reference comparison on that branch.
     * A dropping policy always completes the send, and an unlimited buffer (capacity UNLIMITED) is never
     * full, so sendq stays empty on those channels. A value discarded under lock (by a policy or by cancel) is
     * handed to onUndelivered after the lock is released, as a matched waiter is woken: user code never
     * runs inside the critical section. `cause` is written before `closed`, under lock, so whoever sees
     * the channel closed (under lock, or through close's claim of its waiter) sees the cause.
     */

    private static final AtomicLong IDS = new AtomicLong();
    /** Whether buffered channels use their ring's lock-free fast paths ({@link Switches#RING}). */
    private static final boolean FAST = Switches.RING;

    @SuppressWarnings("rawtypes")
    private static final Chan NIL = new Chan<>(0, true, BufferPolicy.BLOCK, null, null);

    /** The shared closed channel of {@link #closed()}: of no bubble, wherever its class is initialized. */
    @SuppressWarnings("rawtypes")
    private static final Chan SHARED_CLOSED = new Chan<>(0, false, BufferPolicy.BLOCK, null, null);

    static {
        SHARED_CLOSED.core.closed = true; // before publication: nothing else can see it yet
    }

    static {
        TimerChannels.register(new TimerChannels<Chan<?>>() {
            @Override
            public Waiter offer(Chan<?> c, Object value, Waiter previous) {
                return c.timerOffer(value, previous);
            }

            @Override
            public boolean withdraw(Chan<?> c, Waiter sender) {
                return c.timerWithdraw(sender);
            }

            @Override
            public boolean hasReceiver(Chan<?> c) {
                return c.timerHasReceiver();
            }
        });
    }

    /** Global lock order for select. */
    final long id;
    final boolean isNil;
    /** The lock and everything it guards that an operation writes: see {@link Core}. */
    final Core core;
    /** Blocked receivers; package-private only for tests, which check that no waiter is left. */
    final WaitQueue recvq = new WaitQueue();
    /** Blocked senders; as {@link #recvq}. */
    final WaitQueue sendq = new WaitQueue();
    /** What a send to a full buffer does. */
    private final BufferPolicy policy;
    /** The capacity: Go's cap(ch); {@link #UNLIMITED} for an unlimited buffer. */
    private final int capacity;
    /** Gets every value sent but never to be received; {@code null} if none was given. */
    private final Consumer<Object> onUndelivered;
    /** The error given to {@link #close(Throwable)}; written before {@code core.closed}, under lock. */
    private volatile Throwable cause;
    /** The synctest bubble the channel was made in, null if none: only its goroutines may use it. */
    private final Bubble bubble;

    /**
     * A channel's lock word and the state it guards, in one object: Go's {@code hchan}, which holds its
     * lock, buffer and flags together. A locked send or receive that neither waits nor wakes anyone writes
     * this object (the lock's CAS, the write that frees the lock) and its ring; the {@link Chan} holding it
     * is written only by close (its cause). Since a send checks the receivers' queue only when the buffer
     * is empty, and a receive the senders' only when it is full (the invariants of the overview), such an
     * operation does not read the queues either.
     *
     * <p>Fields: {@code ring}, the buffer ({@link Ring}; {@code null} for unbuffered channels): it starts
     * small and is replaced by one twice as long, up to the capacity, when a send finds it full with room
     * left (so a huge capacity costs only what is buffered); written under the lock, read by the fast
     * paths. {@code closed} as Go's, under the lock. {@code spin}, {@link AdaptiveSpin}'s state (read and
     * written outside the lock, racily, and only on a wait).
     */
    static final class Core extends ShortLock {
        volatile Ring ring;
        boolean closed;
        int spin = AdaptiveSpin.initial();

        Core(Ring ring) {
            this.ring = ring;
        }
    }

    @SuppressWarnings("unchecked")
    private Chan(int capacity, boolean isNil, BufferPolicy policy, Consumer<?> onUndelivered, Bubble bubble) {
        this.id = IDS.incrementAndGet();
        this.isNil = isNil;
        this.policy = policy;
        this.capacity = capacity;
        this.onUndelivered = (Consumer<Object>) onUndelivered;
        this.core = new Core(capacity == 0 ? null : new Ring(Math.min(capacity, INITIAL_BUFFER)));
        this.bubble = bubble;
    }

    /**
     * The capacity that asks {@link #make(int)} for an unlimited buffer (Kotlin's {@code UNLIMITED}):
     * the buffer grows as needed, so sends never block; {@link #cap()} reports this value.
     */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /** The length of a buffer before its first growth. */
    private static final int INITIAL_BUFFER = 16;
    /** The largest array the VM is sure to allocate (as the JDK's ArraysSupport.SOFT_MAX_ARRAY_LENGTH). */
    private static final int MAX_BUFFER = Integer.MAX_VALUE - 8;

    /** An unbuffered channel: {@code make(chan T)}. Every send waits for its receiver. */
    public static <T> Chan<T> make() {
        return new Chan<>(0, false, BufferPolicy.BLOCK, null, Bubble.current());
    }

    /**
     * A channel with a buffer of {@code capacity} values: {@code make(chan T, capacity)}; 0 makes an
     * unbuffered channel, {@link #UNLIMITED} an {@linkplain #unlimited() unlimited} one.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative ("makechan: size out of range")
     */
    public static <T> Chan<T> make(int capacity) {
        return make(capacity, BufferPolicy.BLOCK, null);
    }

    /**
     * A channel with a buffer of {@code capacity} values and the given policy for a send that finds the
     * buffer full (see {@link BufferPolicy}). {@code make(n, BufferPolicy.BLOCK)} is {@link #make(int)}.
     *
     * @throws IllegalArgumentException if {@code capacity} is negative, or 0 with a dropping policy
     *     (there would be nothing to drop from)
     */
    public static <T> Chan<T> make(int capacity, BufferPolicy policy) {
        return make(capacity, policy, null);
    }

    /**
     * A channel as {@link #make(int, BufferPolicy)}, with a hook that gets every value that was sent
     * but will never be received (Kotlin's {@code onUndeliveredElement}), exactly once, so that a
     * resource in flight (a connection, a buffer from a pool) can be released:
     * <ul>
     *   <li>a value a {@linkplain BufferPolicy dropping policy} discards (the new value for
     *       {@code DROP_NEWEST}, the evicted oldest one for {@code DROP_OLDEST});</li>
     *   <li>the values still buffered when the channel is {@linkplain #cancel() cancelled}.</li>
     * </ul>
     * Nothing else: a send that threw (interrupted before it completed, or "send on closed channel")
     * never sent its value, which stays its caller's; values left buffered in a channel that is closed
     * but not cancelled stay receivable, so they are not undelivered (yet). Every value sent is thus
     * either received or given to the hook, exactly once, once the channel is cancelled. (Kotlin also
     * hands the hook the element of a send that failed, and of each losing {@code onSend} clause of a
     * select; here such a value was never sent, and its sender, which gets the exception or sees the
     * other case fire, still owns it.)
     *
     * <p>The hook runs in the thread whose operation discarded the value (the sender's, or the
     * canceller's), after the channel's lock is released, so it may use channels. It should be quick
     * and should not throw: an exception it throws propagates from that operation, which has
     * nonetheless completed.
     *
     * @param onUndelivered the hook; {@code null} for none
     * @throws IllegalArgumentException as {@link #make(int, BufferPolicy)}
     */
    public static <T> Chan<T> make(int capacity, BufferPolicy policy, Consumer<? super T> onUndelivered) {
        Objects.requireNonNull(policy, "policy");
        if (capacity < 0) {
            throw new IllegalArgumentException("makechan: size out of range");
        }
        if (capacity == 0 && policy != BufferPolicy.BLOCK) {
            throw new IllegalArgumentException("a " + policy + " channel needs a buffer");
        }
        return new Chan<>(capacity, false, policy, onUndelivered, Bubble.current());
    }

    /**
     * A conflated channel: a buffer of one value that a send replaces (Kotlin's {@code CONFLATED}, a
     * {@code DROP_OLDEST} buffer of 1). A receiver gets the latest value sent since its last receive;
     * sends never block. {@code cap()} is 1.
     */
    public static <T> Chan<T> conflated() {
        return make(1, BufferPolicy.DROP_OLDEST, null);
    }

    /**
     * A channel with an unlimited buffer, {@code make(UNLIMITED)} (Kotlin's {@code UNLIMITED}, the JDK's
     * {@code LinkedBlockingQueue} without a bound): sends never block and never drop; the buffer grows
     * with the values waiting, so a producer faster than its consumers uses ever more memory.
     * {@code cap()} is {@link #UNLIMITED}.
     */
    public static <T> Chan<T> unlimited() {
        return make(UNLIMITED, BufferPolicy.BLOCK, null);
    }

    /**
     * The nil channel: {@code var ch chan T}. Never ready; send and receive block until interrupted, a
     * {@link Select} case on it never fires (so a send case on it may have a {@code null} value), and
     * closing it throws "close of nil channel". There is one nil channel, shared by all element types:
     * {@code ch == Chan.nil()} and {@link #isNil()} both tell whether {@code ch} is it. Setting a variable
     * to it disables that variable's cases in a select loop (Go's nil-channel idiom; see also
     * {@link Selector}, whose cases switch on and off without it).
     */
    @SuppressWarnings("unchecked")
    public static <T> Chan<T> nil() {
        return (Chan<T>) NIL;
    }

    /**
     * A channel that is already closed: every receive returns {@code null} at once and a {@link Select}
     * receive case on it is always ready; sending on or closing it throws as on any closed channel. One
     * instance is shared by all element types (it never holds a value) and belongs to no synctest bubble,
     * so a library can hand it out as a constant: Go's {@code context.closedchan}, the channel a context
     * cancelled before anyone asked for its {@code Done} returns.
     */
    @SuppressWarnings("unchecked")
    public static <T> Chan<T> closed() {
        return (Chan<T>) SHARED_CLOSED;
    }

    // ---------------------------------------------------------------------------------------------
    // Send

    @Override
    public void send(T value) throws InterruptedException {
        requireValue(value);
        if (isNil) {
            blockForever();
        }
        checkBubble("send on");
        Ring ring;
        if (FAST && (ring = core.ring) != null && ring.offer(value)) {
            return; // nobody waits and the buffer had room: see Ring
        }
        Waiter r;
        Object b = SENT;
        Waiter w = null;
        core.lock();
        try {
            freeze();
            if ((r = claimReceiver(value)) == null && (b = sendToBuffer(value)) == NOT_READY) {
                w = Waiter.sender(value);
                enqueueSender(w, value);
            }
            thawIfQuiet();
        } finally {
            core.held = 0; // unlock with no call, see the overview
            core.wakeAcquirer();
        }
        if (w == null) {
            sent(r, b);
        } else if (!awaitOrUnlink(w).success) {
            throw sendOnClosed();
        }
    }

    @Override
    public boolean trySend(T value) {
        requireValue(value);
        if (isNil) {
            return false;
        }
        checkBubble("send on");
        Ring ring;
        if (FAST && (ring = core.ring) != null && ring.offer(value)) {
            return true;
        }
        Waiter r;
        Object b = SENT;
        core.lock();
        try {
            freeze();
            if ((r = claimReceiver(value)) == null) {
                b = sendToBuffer(value);
            }
            thawIfQuiet();
        } finally {
            core.held = 0; // unlock with no call, see the overview
            core.wakeAcquirer();
        }
        sent(r, b);
        return b != NOT_READY;
    }

    /**
     * Replaces the full ring with one twice as long, up to the capacity, holding its values; under lock,
     * frozen. Throws (out of memory) before changing anything. The old ring stays frozen for good, so a
     * fast operation that read it before can never act on it.
     */
    private Ring grow(Ring old) {
        int n = (int) Math.min(2L * old.length(), Math.min(capacity, MAX_BUFFER));
        if (n == old.length()) {
            throw new OutOfMemoryError("channel buffer too large");
        }
        Ring r = old.grown(n);
        core.ring = r; // the one write: what precedes it changed nothing of the channel
        return r;
    }

    // ---------------------------------------------------------------------------------------------
    // Receive

    @Override
    public T recv() throws InterruptedException {
        if (isNil) {
            blockForever();
        }
        checkBubble("receive on");
        Ring ring;
        Object v;
        if (FAST && (ring = core.ring) != null && (v = ring.poll()) != null) {
            return value(v); // nobody waits and the buffer had a value: see Ring
        }
        Waiter s;
        v = null;
        Waiter w = null;
        core.lock();
        try {
            freeze();
            if ((s = claimSender()) == null && (v = recvFromBuffer()) == NOT_READY) {
                w = Waiter.receiver();
                enqueueReceiver(w);
            }
            thawIfQuiet();
        } finally {
            core.held = 0; // unlock with no call, see the overview
            core.wakeAcquirer();
        }
        if (s != null) {
            s.wake();
            return value(s.item);
        }
        if (w != null) {
            w = awaitOrUnlink(w);
            return w.success ? value(w.item) : null;
        }
        return v == CLOSED ? null : value(v);
    }

    @Override
    public T tryRecv() {
        if (isNil) {
            return null;
        }
        checkBubble("receive on");
        Ring ring;
        Object v;
        if (FAST && (ring = core.ring) != null && (v = ring.poll()) != null) {
            return value(v);
        }
        Waiter s;
        v = null;
        core.lock();
        try {
            freeze();
            if ((s = claimSender()) == null) {
                v = recvFromBuffer();
            }
            thawIfQuiet();
        } finally {
            core.held = 0; // unlock with no call, see the overview
            core.wakeAcquirer();
        }
        if (s != null) {
            s.wake();
            return value(s.item);
        }
        return v == NOT_READY || v == CLOSED ? null : value(v);
    }

    // ---------------------------------------------------------------------------------------------
    // Close, len, cap

    /**
     * Closes the channel: {@code close(ch)}. Buffered values stay receivable; then every receive
     * returns {@code null}. Blocked receivers get {@code null}; blocked senders throw "send on closed
     * channel".
     *
     * @throws ChannelException "close of closed channel", or "close of nil channel"
     */
    @Override
    public void close() {
        closeWith(null);
    }

    /**
     * Closes the channel with an error: as {@link #close()}, and once the buffered values are drained,
     * {@link #recvOrThrow()} and iteration throw {@link ChannelClosedException} with {@code cause}, and
     * {@link #closeCause()} returns it. {@code recv}, {@code tryRecv} and a {@link Select#recv} case
     * still see {@code null} (Go's {@code ok == false}): ask {@link #closeCause()} to tell an error from
     * a clean end. Go's rules hold: only once, and not on the nil channel.
     *
     * @throws ChannelException "close of closed channel", or "close of nil channel"
     * @throws NullPointerException if {@code cause} is null
     */
    @Override
    public void close(Throwable cause) {
        closeWith(Objects.requireNonNull(cause, "cause"));
    }

    private void closeWith(Throwable error) {
        if (isNil) {
            throw new ChannelException("close of nil channel");
        }
        checkBubble("close of");
        List<Waiter> woken = null;
        core.lock();
        try {
            freeze(); // for good: a closed channel's ring is never thawed
            if (!core.closed) {
                woken = closeLocked(error);
            }
        } finally {
            core.held = 0; // unlock with no call, see the overview
            core.wakeAcquirer();
        }
        if (woken == null) {
            throw new ChannelException("close of closed channel");
        }
        wakeAll(woken);
    }

    private static void wakeAll(List<Waiter> woken) {
        for (Waiter w : woken) {
            w.wake();
        }
    }

    /**
     * Closes under lock; returns the claimed waiters, to wake after unlocking (an empty list allocates
     * nothing: most channels, such as a context's done channel, are closed with nobody waiting).
     */
    private List<Waiter> closeLocked(Throwable error) {
        if (error != null) {
            cause = error; // a plain close leaves it null and pays no volatile write
        }
        RaceAnnotations.closed(this);
        core.closed = true;
        List<Waiter> woken = List.of();
        for (Waiter w; (w = recvq.claimFirst(null, false)) != null; ) {
            woken = added(woken, w);
        }
        for (Waiter w; (w = sendq.claimFirst(WaitQueue.KEEP, false)) != null; ) {
            woken = added(woken, w);
        }
        return woken;
    }

    /** {@code list} with {@code w} added: a new list in place of the empty immutable one. */
    private static List<Waiter> added(List<Waiter> list, Waiter w) {
        List<Waiter> l = list.isEmpty() ? new ArrayList<>() : list;
        l.add(w);
        return l;
    }

    /**
     * Gives up receiving (Kotlin's {@code cancel}): closes the channel if it is still open, as
     * {@link #close()} does, and discards the buffered values, handing each, oldest first, to the
     * undelivered-element hook (see {@link #make(int, BufferPolicy, Consumer)}). Afterwards every
     * receive returns {@code null} at once and every send throws "send on closed channel". Unlike
     * {@code close}, it may be called on a closed channel (it then only discards what is buffered) and
     * more than once.
     *
     * <p>This breaks Go's rule that only a sender closes: use it where the receiver owns the channel's
     * lifetime, e.g. a consumer that stops early and must release the values in flight.
     *
     * @throws ChannelException "close of nil channel"
     */
    @Override
    public void cancel() {
        if (isNil) {
            throw new ChannelException("close of nil channel");
        }
        List<Waiter> woken = List.of();
        Object[] left;
        core.lock();
        try {
            freeze(); // for good: a closed channel's ring is never thawed
            if (!core.closed) {
                woken = closeLocked(null);
            }
            left = takeBuffered();
        } finally {
            core.held = 0; // unlock with no call, see the overview
            core.wakeAcquirer();
        }
        wakeAll(woken);
        if (onUndelivered != null) {
            for (Object v : left) {
                onUndelivered.accept(v);
            }
        }
    }

    /** Empties the buffer under lock, frozen; returns its values, oldest first. */
    private Object[] takeBuffered() {
        Ring r = core.ring;
        if (r == null) {
            return new Object[0];
        }
        Object[] left = new Object[r.count()];
        r.drainTo(left);
        return left;
    }

    @Override
    public Throwable closeCause() {
        return cause;
    }

    @Override
    public T recvOrThrow() throws InterruptedException {
        T v = recv();
        if (v == null) {
            Throwable c = cause;
            if (c != null) {
                throw new ChannelClosedException(c);
            }
        }
        return v;
    }

    @Override
    public boolean isDrained() {
        if (isNil) {
            return false;
        }
        core.lock();
        try {
            return core.closed && count() == 0; // closed: frozen for good, so the count is exact
        } finally {
            core.held = 0; // unlock with no call, see the overview
            core.wakeAcquirer();
        }
    }

    @Override
    public boolean isNil() {
        return isNil;
    }

    @Override
    public int len() {
        return count();
    }

    /** The number of buffered values: exact under the lock, frozen; a racy estimate otherwise. */
    private int count() {
        Ring r = core.ring;
        return r == null ? 0 : r.count();
    }

    @Override
    public int cap() {
        return capacity;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    try {
                        next = recvOrThrow();
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
        Waiter left = null;
        Waiter m = null;
        core.lock();
        try {
            if (!core.closed) {
                if (previous != null && sendq.contains(previous)) {
                    left = previous;
                } else if ((m = claimReceiver(value)) == null) {
                    left = Waiter.threadless(value);
                    RaceAnnotations.waits(left);
                    sendq.add(left);
                }
            }
        } finally {
            core.held = 0; // unlock with no call, see the overview
            core.wakeAcquirer();
        }
        if (m != null) {
            m.wake();
        }
        return left;
    }

    /** See {@link TimerChannels#withdraw}. */
    private boolean timerWithdraw(Waiter sender) {
        core.lock();
        try {
            boolean withdrawn = sender.cancel();
            sendq.remove(sender);
            return withdrawn;
        } finally {
            core.held = 0; // unlock with no call, see the overview
            core.wakeAcquirer();
        }
    }

    /** See {@link TimerChannels#hasReceiver}. */
    private boolean timerHasReceiver() {
        core.lock();
        boolean waiting = !recvq.isEmpty();
        core.unlock();
        return waiting;
    }

    // ---------------------------------------------------------------------------------------------
    // The engine: the whole contract between a channel and Select (Go's chansend/chanrecv steps that
    // selectgo repeats). Select uses these members and nothing else of a channel:
    //
    //   id, isNil            the global lock order; a nil channel is never locked, polled or queued on
    //   core                 the lock: core.lock(); released, in a finally, by `core.held = 0` and then
    //                        core.wakeAcquirer() (no call before the write: see the overview)
    //   freeze, thawIfQuiet  under the lock: the first step of a critical section, and the last step of
    //                        one that completed (the ring's fast paths wait meanwhile; see Ring)
    //   claimReceiver,       under the lock: a poll, in Go's order (a queued partner first, then the
    //   sendToBuffer,        buffer, then closed). A claimed partner is returned and woken by the caller
    //   claimSender,         once every lock is released; nothing is left in a field.
    //   recvFromBuffer
    //   enqueueSender,       under the lock: queue a waiter that found no partner, or take it out again
    //   enqueueReceiver,
    //   dequeue
    //   sent                 lock released: finishes a send that did not wait
    //   await, unlink        lock released: wait for a queued waiter's decision, take out a loser
    //   blockForever,        static helpers shared with Chan's own operations (section "Shared helpers")
    //   requireValue, sendOnClosed
    //
    // An Error thrown by any of them (a stack overflow, an allocation that fails) leaves the channel
    // unchanged, except as each one says.

    /** {@link #sendToBuffer}'s result: the value is in the buffer. */
    static final Object SENT = new Object();
    /** {@link #sendToBuffer}'s and {@link #recvFromBuffer}'s result: the operation would block. */
    static final Object NOT_READY = new Object();
    /** {@link #sendToBuffer}'s and {@link #recvFromBuffer}'s result: the channel is closed (and drained). */
    static final Object CLOSED = new Object();

    /**
     * A send's first step, under lock: hands {@code value} to the first live queued receiver and claims
     * it (Go's {@code recvq.dequeue} then {@code send}). None is queued on a closed channel, nor while
     * the buffer holds a value (a receiver waits only for want of values), so the queue is not read then:
     * dead waiters left in it are unlinked by their owners or by a later claim.
     *
     * @return the claimed receiver, to wake once the lock is released; {@code null} if none is queued
     */
    Waiter claimReceiver(Object value) {
        if (count() > 0 || recvq.isEmpty()) {
            return null;
        }
        if (capacity == 0) {
            return recvq.claimFirst(value, true);
        }
        // Go passes the value through the buffer's next slot: told before the claim, the last call
        RaceAnnotations.bufferPass(this, capacity);
        Waiter r = recvq.claimFirst(value, true);
        if (r == null) { // only dead waiters were queued
            RaceAnnotations.bufferPassWithdrawn(this, capacity);
        }
        return r;
    }

    /**
     * A send's second step, under lock, when {@link #claimReceiver} found none: puts {@code value} into
     * the buffer, growing it (an OutOfMemoryError is thrown before any change) or applying the policy.
     *
     * @return {@link #SENT}; {@link #NOT_READY} (the buffer is full, or there is none); {@link #CLOSED};
     *     or a value the policy discarded (the send completed), which {@link #sent} hands to the hook
     */
    Object sendToBuffer(Object value) {
        Core q = core;
        if (q.closed) {
            return CLOSED;
        }
        Ring r = q.ring;
        int n = count();
        if (n < capacity) {
            if (n == r.length()) {
                r = grow(r);
            }
            RaceAnnotations.bufferSend(this, capacity);
            r.push(value); // its writes follow its calls (see Ring.push)
            return SENT;
        }
        return policy == BufferPolicy.BLOCK ? NOT_READY : sendToFullBuffer(value);
    }

    /** A send that found the buffer full on a channel whose policy does not block; under lock. */
    private Object sendToFullBuffer(Object value) {
        Object discarded = value;
        if (policy == BufferPolicy.DROP_OLDEST) {
            Ring r = core.ring;
            r.awaitHead();
            RaceAnnotations.bufferPass(this, capacity); // the oldest value leaves, the new one enters
            discarded = r.exchangeHead(value);
        }
        return onUndelivered == null ? SENT : discarded;
    }

    /**
     * Finishes, once the lock is released, a send that did not wait: wakes the receiver
     * {@link #claimReceiver} claimed, or acts on {@link #sendToBuffer}'s result {@code b}: hands a
     * discarded value to the hook, or throws "send on closed channel".
     */
    void sent(Waiter receiver, Object b) {
        if (receiver != null) {
            receiver.wake();
        } else if (b == CLOSED) {
            throw sendOnClosed();
        } else if (b != SENT && b != NOT_READY) {
            onUndelivered.accept(b);
        }
    }

    /**
     * A receive's first step, under lock: claims the first live queued sender (Go's
     * {@code sendq.dequeue} then {@code recv}). On a buffered channel (then full) the receiver takes the
     * buffer's head and the sender's value goes to the tail, to keep FIFO: the two are exchanged, so the
     * claimed sender's {@link Waiter#item} is, in every case, the value received. None is queued on a
     * closed channel, nor while the buffer has room (a sender waits only for want of room), so the queue
     * is not read then.
     *
     * @return the claimed sender (whose item the caller reads, then wakes it once the lock is released);
     *     {@code null} if none is queued
     */
    Waiter claimSender() {
        if (count() < capacity || sendq.isEmpty()) {
            return null;
        }
        Ring b = core.ring;
        if (b != null) { // the head leaves, the sender's value takes its slot: told before the claim
            b.awaitHead();
            RaceAnnotations.bufferPass(this, capacity);
        }
        Waiter s = sendq.claimFirst(WaitQueue.KEEP, true);
        if (s == null && b != null) { // only dead waiters were queued
            RaceAnnotations.bufferPassWithdrawn(this, capacity);
        }
        if (s != null && b != null) {
            s.item = b.exchangeHead(s.item); // the sender's thread reads only success once claimed
        }
        return s;
    }

    /**
     * A receive's second step, under lock, when {@link #claimSender} found none: takes the buffer's head.
     *
     * @return the value, {@link #CLOSED} when closed and drained, or {@link #NOT_READY}
     */
    Object recvFromBuffer() {
        Core q = core;
        if (count() > 0) {
            Ring r = q.ring;
            r.awaitHead();
            RaceAnnotations.bufferRecv(this, capacity);
            return r.pop(); // its writes follow its calls (see Ring.pop)
        }
        if (q.closed) {
            RaceAnnotations.sawClosed(this);
            return CLOSED;
        }
        return NOT_READY;
    }

    /** Queues {@code w}, a sender that found no receiver, offering {@code value}; under lock. */
    void enqueueSender(Waiter w, Object value) {
        RaceAnnotations.waits(w.leader);
        w.item = value;
        sendq.add(w);
        markOutsideBubble(w);
    }

    /** Queues {@code w}, a receiver that found no sender; under lock. */
    void enqueueReceiver(Waiter w) {
        RaceAnnotations.waits(w.leader);
        recvq.add(w);
        markOutsideBubble(w);
    }

    /**
     * Marks {@code w}'s wait as not durable if its thread is in a synctest bubble and this channel is
     * not the bubble's (one made outside: something outside the bubble may act on it).
     */
    private void markOutsideBubble(Waiter w) {
        if (bubble == null && Bubble.current() != null) {
            w.waitsOutsideBubble();
        }
    }

    /**
     * Throws Go's panic when the calling thread is not in the synctest bubble this channel was made in;
     * {@code op} is "send on", "receive on", "close of" or "select on".
     */
    void checkBubble(String op) {
        if (bubble != null && bubble != Bubble.current()) {
            throw new ChannelException(op + " synctest channel from outside bubble");
        }
    }

    /** Takes {@code w} out of the queue that holds it, if any; under lock. */
    void dequeue(Waiter w) {
        sendq.remove(w);
        recvq.remove(w);
    }

    /**
     * The first step of every critical section that may change the channel (under the lock): closes the
     * ring's fast paths, so that the holder sees and changes the buffer alone (see {@link Ring}).
     */
    void freeze() {
        Ring r;
        if (FAST && (r = core.ring) != null) {
            r.freeze();
        }
    }

    /**
     * The last step of a critical section that completed (under the lock, after {@link #freeze}): reopens
     * the ring's fast paths if the channel is open and nobody waits. A section that throws skips it and
     * leaves the ring frozen, which is always safe: the next section thaws it.
     */
    void thawIfQuiet() {
        Ring r;
        if (FAST && (r = core.ring) != null && !core.closed && recvq.isEmpty() && sendq.isEmpty()) {
            r.thaw();
        }
    }

    /** Takes {@code w} out of the queue that holds it, if any; takes the lock. */
    void unlink(Waiter w) {
        core.lock();
        try {
            freeze();
            dequeue(w);
            thawIfQuiet();
        } finally {
            core.held = 0; // unlock with no call, see the overview
            core.wakeAcquirer();
        }
    }

    /**
     * Waits for the operation led by {@code leader} (queued on this channel, lock released) to be
     * decided: a short adaptive spin, in case the partner is running right now, then park.
     */
    Waiter await(Waiter leader, long deadline) throws InterruptedException {
        Core q = core;
        int s = q.spin;
        int spins = AdaptiveSpin.spins(s, capacity == 0);
        int next = AdaptiveSpin.after(s, spins, spins > 0 && leader.spin(spins));
        if (next != s) {
            q.spin = next; // written only on a change: the field shares a cache line with the channel's state
        }
        return leader.await(deadline);
    }

    // ---------------------------------------------------------------------------------------------
    // Shared helpers

    /**
     * Waits for a queued plain waiter to be decided; if interrupted first (or an error such as a stack
     * overflow strikes first), cancels it and takes it out of its queue, so that no party completes an
     * operation whose caller gets an exception. The caller queued {@code w} and released the lock.
     */
    private Waiter awaitOrUnlink(Waiter w) throws InterruptedException {
        try {
            return await(w, Long.MAX_VALUE);
        } catch (Throwable e) {
            w.cancel(); // already cancelled when interrupted
            unlink(w);
            throw e;
        }
    }

    /** Parks until interrupted: a nil channel's send and receive, and an empty select. */
    static void blockForever() throws InterruptedException {
        Waiter.receiver().await(Long.MAX_VALUE);
        throw new AssertionError("a waiter in no queue was claimed");
    }

    /** Rejects a null value to send: null is what a receive returns to mean "closed". */
    static void requireValue(Object value) {
        if (value == null) {
            throw new NullPointerException("null cannot be sent on a channel: recv returns null to mean closed");
        }
    }

    static ChannelException sendOnClosed() {
        return new ChannelException("send on closed channel");
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(Object v) {
        return (T) v;
    }
}
