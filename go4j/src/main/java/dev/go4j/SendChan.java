package dev.go4j;

/**
 * The send-only view of a channel: Go's {@code chan<- T}. Handing a producer a {@code SendChan} lets it
 * send and close but not receive. It is {@link AutoCloseable}, so a producer writes Go's
 * {@code defer close(out)} as {@code try (out) { ... }}.
 *
 * @param <T> the element type
 */
public sealed interface SendChan<T> extends AutoCloseable permits Chan {

    /**
     * Sends a value: {@code ch <- v}. On an unbuffered channel blocks until a receiver takes it; on a
     * buffered one blocks only while the buffer is full; on a nil channel blocks until interrupted.
     *
     * @throws NullPointerException if {@code value} is null ("null cannot be sent on a channel": null is
     *     how a receive reports "closed")
     * @throws ChannelException "send on closed channel", also when the channel is closed while this
     *     sender waits; the value was not delivered
     * @throws InterruptedException if interrupted while waiting; the value was not delivered
     */
    void send(T value) throws InterruptedException;

    /**
     * Sends if that needs no waiting: {@code select { case ch <- v: return true; default: return false }}.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws ChannelException "send on closed channel"
     */
    boolean trySend(T value);

    /**
     * Closes the channel: Go's {@code close(ch)}. Buffered values stay receivable; every blocked receiver
     * wakes with {@code null}, every blocked sender with "send on closed channel".
     *
     * @throws ChannelException "close of closed channel", or "close of nil channel"
     */
    @Override
    void close();

    /**
     * Closes the channel with an error (beyond Go): as {@link #close()}, and receivers see
     * {@code cause} once the buffer is drained. See {@link Chan#close(Throwable)}.
     *
     * @throws ChannelException "close of closed channel", or "close of nil channel"
     * @throws NullPointerException if {@code cause} is null
     */
    void close(Throwable cause);

    /** True if this is the {@linkplain Chan#nil() nil channel}. */
    boolean isNil();

    /** The number of values buffered: Go's {@code len(ch)}. */
    int len();

    /** The buffer capacity: Go's {@code cap(ch)}. */
    int cap();
}
