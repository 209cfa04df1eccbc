package dev.go4j;

/**
 * What a buffered channel does with a send that finds its buffer full: Go's channels block
 * ({@link #BLOCK}); Kotlin's {@code BufferOverflow} and core.async's dropping and sliding buffers drop a
 * value instead, so that the sender never waits.
 *
 * <pre>{@code
 * Chan<String> latest = Chan.make(8, BufferPolicy.DROP_OLDEST);  // core.async (sliding-buffer 8)
 * latest.send("tick");                                          // never blocks
 * }</pre>
 *
 * <p>With a dropping policy, {@link Chan#send}, {@link Chan#trySend} and a {@link Select#send} case
 * always succeed at once on an open channel (a {@code trySend} returns {@code true} even when its own
 * value was the one dropped: the send happened, its value was then discarded by the policy). A dropped
 * value goes to the channel's {@linkplain Chan#make(int, BufferPolicy, java.util.function.Consumer)
 * undelivered-element hook}, if it has one. For a channel that never drops and never blocks its
 * senders, see {@link Chan#unlimited()}.
 */
public enum BufferPolicy {
    /** Go's rule: a send waits for room. The policy of {@link Chan#make(int)}. */
    BLOCK,
    /**
     * A send to a full buffer drops the value being sent and keeps the buffer as it is (Kotlin's
     * {@code DROP_LATEST}, core.async's {@code dropping-buffer}).
     */
    DROP_NEWEST,
    /**
     * A send to a full buffer drops the oldest buffered value and appends the new one, so the buffer
     * holds the latest values (Kotlin's {@code DROP_OLDEST}, core.async's {@code sliding-buffer}).
     * With capacity 1 this is a conflated channel ({@link Chan#conflated()}).
     */
    DROP_OLDEST
}
