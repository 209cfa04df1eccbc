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

    /** The number of values buffered: Go's {@code len(ch)}; 0 for unbuffered and nil channels. */
    int len();

    /** The buffer capacity: Go's {@code cap(ch)}; 0 for unbuffered and nil channels. */
    int cap();

    /**
     * Iterates the values until the channel is closed and drained: {@code for v := range ch}. Each
     * {@code hasNext()} blocks like {@link #recv()}; if interrupted it throws
     * {@link UncheckedInterruptedException} (interrupt status set again, no value lost).
     */
    @Override
    Iterator<T> iterator();
}
