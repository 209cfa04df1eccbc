package dev.go4j;

/**
 * Thrown where a blocking wait is interrupted but the Java signature cannot declare
 * {@link InterruptedException}: iterating a channel with {@code for (T v : ch)}, calling a function made
 * by {@code dev.go4j.sync.Once.onceFunc} (and its siblings) while another goroutine runs it. The thread's
 * interrupt status is set again before it is thrown, and the cause is the original
 * {@link InterruptedException}. No value is lost: the interrupted receive did not take one.
 */
public final class UncheckedInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Wraps {@code cause}; the thrower sets the interrupt status again before throwing.
     *
     * @param cause the interrupted wait's exception
     */
    public UncheckedInterruptedException(InterruptedException cause) {
        super(cause.getMessage(), cause);
    }

    @Override
    public InterruptedException getCause() {
        return (InterruptedException) super.getCause();
    }
}
