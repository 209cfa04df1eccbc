package dev.go4j;

/**
 * Thrown by a receive that reached the end of a channel closed with an error
 * ({@link Chan#close(Throwable)}): {@link RecvChan#recvOrThrow()} and iteration
 * ({@code for (T v : ch)}). The error is this exception's {@linkplain #getCause() cause}.
 *
 * <p>It is how a failing pipeline stage fails its consumers instead of looking like a clean end:
 * the producer closes its output with the error, the consumer drains the values sent before the
 * failure, then gets this exception.
 */
public final class ChannelClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ChannelClosedException(Throwable cause) {
        super("channel closed with an error: " + cause, cause);
    }
}
