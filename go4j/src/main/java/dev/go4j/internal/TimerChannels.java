package dev.go4j.internal;

/**
 * The channel operations behind Go 1.23's synchronous timer channel, which {@code dev.go4j.time} (and,
 * for deadlines, {@code dev.go4j.context}) needs and which are no public API of {@code dev.go4j.Chan}.
 * The channel class registers the implementation from its static initializer (the JDK's
 * {@code SharedSecrets} pattern); {@code C} is the channel type, which the core does not name. Get it
 * with {@link #of}.
 *
 * <p>A timer's channel is an ordinary unbuffered channel. When the timer fires, {@link #offer} hands
 * the fire time to a receiver already waiting, else leaves it in the channel's send queue as a
 * {@linkplain Waiter#threadless thread-less sender}: receivers and select see a ready sender, while
 * {@code len} and {@code cap} stay 0. {@link #withdraw} takes it back, so that after a timer's stop or
 * reset no stale value can be received.
 *
 * @param <C> the channel type
 */
public interface TimerChannels<C> {

    /**
     * Offers {@code value} as a send that never blocks. If {@code previous} (the thread-less sender of
     * an earlier offer) is still unreceived, the channel counts as full and {@code value} is dropped
     * (a slow ticker receiver misses ticks, as Go's); a closed channel drops it too.
     *
     * @return the thread-less sender now holding an unreceived value ({@code previous} or a new one),
     *     or {@code null} if a waiting receiver took {@code value} or it was dropped by a closed channel
     */
    Waiter offer(C c, Object value, Waiter previous);

    /**
     * Takes back the thread-less sender {@code sender} of an earlier {@link #offer}.
     *
     * @return true if it was still unreceived (its value is gone); false if a receiver took it first
     */
    boolean withdraw(C c, Waiter sender);

    /**
     * True if a receiver is queued on {@code c}: a goroutine (or thread) blocked in a receive or in a
     * select with a receive case on it, or one that gave up and has not unlinked yet. For the deadlock
     * check, which counts a timer only while someone waits for it (Go 1.23's {@code blockTimerChan}).
     */
    boolean hasReceiver(C c);

    /** The implementation registered by {@code channels}, the channel class, initialized first if need be. */
    @SuppressWarnings("unchecked")
    static <C> TimerChannels<C> of(Class<? super C> channels) {
        return (TimerChannels<C>) Registry.get(channels);
    }

    /** Registers the implementation; called once, by the channel class's static initializer. */
    static void register(TimerChannels<?> impl) {
        Registry.register(impl);
    }

    /** Holds the registered implementation. */
    final class Registry {
        private static volatile TimerChannels<?> impl;

        private Registry() {}

        static void register(TimerChannels<?> i) {
            if (impl != null) {
                throw new IllegalStateException("already registered");
            }
            impl = i;
        }

        static TimerChannels<?> get(Class<?> channels) {
            TimerChannels<?> i = impl;
            if (i == null) {
                try {
                    Class.forName(channels.getName(), true, channels.getClassLoader()); // registers
                } catch (ClassNotFoundException e) {
                    throw new IllegalStateException(e); // it is loaded: the caller named it
                }
                i = impl;
            }
            return i;
        }
    }
}
