package dev.go4j;

import java.util.Iterator;

/**
 * The receive-only view of a channel: Go's {@code <-chan T}. An API that returns a {@code RecvChan}
 * tells its callers they may only receive; the owner keeps the {@link Chan} to send and close.
 *
 * <p><b>Closed versus a value.</b> Channels never hold {@code null} (send rejects it), so {@link #recv()}
 * returning {@code null} means exactly Go's {@code ok == false}: the channel is closed and drained, and
 * every later receive returns {@code null} at once.
 *
 * <p>There is no {@code close}: as in Go, where closing a receive-only channel does not compile
 * ("invalid operation: close of receive-only channel"), closing is the sender's business. A receiver
 * that gives up calls {@link #cancel()}.
 *
 * @param <T> the element type
 */
public sealed interface RecvChan<T> extends Iterable<T> permits Chan {

    /**
     * Receives a value: {@code v, ok := <-ch}. Blocks while the channel is open and empty; on a nil
     * channel blocks until interrupted.
     *
     * @return the next value, or {@code null} once the channel is closed and drained
     * @throws InterruptedException if interrupted while waiting; no value was taken
     */
    T recv() throws InterruptedException;

    /**
     * Receives a value if one can be had without waiting: {@code select { case v := <-ch: default: }}.
     *
     * @return the value, or {@code null} if none is ready (open and empty, or closed and drained; tell
     *     them apart with {@link #isDrained()}, which stays true once true)
     */
    T tryRecv();

    /**
     * True once the channel is closed and its buffer empty: every receive returns {@code null} at once,
     * now and forever. False on the nil channel.
     */
    boolean isDrained();

    /**
     * Receives as {@link #recv()}, but once the channel is drained after {@link Chan#close(Throwable)},
     * throws that error instead of returning {@code null} (and does so on every later call). After a
     * plain {@link Chan#close()} it returns {@code null}, as {@code recv}.
     *
     * @return the next value, or {@code null} once the channel is closed without an error and drained
     * @throws ChannelClosedException with the close's error as cause, once closed with one and drained
     * @throws InterruptedException if interrupted while waiting; no value was taken
     */
    T recvOrThrow() throws InterruptedException;

    /**
     * The error the channel was closed with by {@link Chan#close(Throwable)}; {@code null} while it is
     * open, and after a plain {@link Chan#close()} or {@link #cancel()}. Once non-null it never changes.
     */
    Throwable closeCause();

    /**
     * Gives up receiving: closes the channel if it is open and discards its buffered values to the
     * channel's undelivered-element hook. See {@link Chan#cancel()}.
     *
     * @throws ChannelException "close of nil channel"
     */
    void cancel();

    /** True if this is the {@linkplain Chan#nil() nil channel}. */
    boolean isNil();

    /** The number of values buffered: Go's {@code len(ch)}; 0 for unbuffered and nil channels. */
    int len();

    /**
     * The buffer capacity: Go's {@code cap(ch)}; 0 for unbuffered and nil channels,
     * {@link Chan#UNLIMITED} for an {@linkplain Chan#unlimited() unlimited} one.
     */
    int cap();

    /**
     * Iterates the values until the channel is closed and drained: {@code for v := range ch}. Each
     * {@code hasNext()} blocks like {@link #recv()}; if interrupted it throws
     * {@link UncheckedInterruptedException} (interrupt status set again, no value lost). If the channel
     * was {@linkplain Chan#close(Throwable) closed with an error}, {@code hasNext()} throws
     * {@link ChannelClosedException} with that cause once the values sent before are drained.
     */
    @Override
    Iterator<T> iterator();
}
