package dev.go4j;

/**
 * Misuse of a channel, where Go would panic: {@code "send on closed channel"},
 * {@code "close of closed channel"}, {@code "close of nil channel"}. The message is Go's, word for word.
 *
 * <p>Unchecked, like Go's panics: it signals a bug in the program's channel ownership (only the owner
 * closes, and only once), not a condition to handle.
 */
public final class ChannelException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    ChannelException(String message) {
        super(message);
    }
}
