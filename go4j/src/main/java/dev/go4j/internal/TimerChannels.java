package dev.go4j.internal;

import dev.go4j.Chan;

/**
 * The channel operations behind Go 1.23's synchronous timer channel, which {@code dev.go4j.time} (and,
 * for deadlines, {@code dev.go4j.context}) needs and which are no public API of {@link Chan}.
 * {@code Chan} registers the implementation from its static initializer (the JDK's
 * {@code SharedSecrets} pattern); get it with {@link #get()}.
 *
 * <p>A timer's channel is an ordinary unbuffered channel. When the timer fires, {@link #offer} hands
 * the fire time to a receiver already waiting, else leaves it in the channel's send queue as a
 * {@linkplain Waiter#threadless thread-less sender}: receivers and select see a ready sender, while
 * {@code len} and {@code cap} stay 0. {@link #withdraw} takes it back, so that after a timer's stop or
 * reset no stale value can be received.
 */
public interface TimerChannels {

    /**
     * Offers {@code value} as a send that never blocks. If {@code previous} (the thread-less sender of
     * an earlier offer) is still unreceived, the channel counts as full and {@code value} is dropped
     * (a slow ticker receiver misses ticks, as Go's); a closed channel drops it too.
     *
     * @return the thread-less sender now holding an unreceived value ({@code previous} or a new one),
     *     or {@code null} if a waiting receiver took {@code value} or it was dropped by a closed channel
     */
    Waiter offer(Chan<?> c, Object value, Waiter previous);

    /**
     * Takes back the thread-less sender {@code sender} of an earlier {@link #offer}.
     *
     * @return true if it was still unreceived (its value is gone); false if a receiver took it first
     */
    boolean withdraw(Chan<?> c, Waiter sender);

    /**
     * True if a receiver is queued on {@code c}: a goroutine (or thread) blocked in a receive or in a
     * select with a receive case on it, or one that gave up and has not unlinked yet. For the deadlock
     * check, which counts a timer only while someone waits for it (Go 1.23's {@code blockTimerChan}).
     */
    boolean hasReceiver(Chan<?> c);

    /** The implementation registered by {@link Chan}. */
    static TimerChannels get() {
        return Registry.get();
    }

    /** Registers the implementation; called once, by {@link Chan}'s static initializer. */
    static void register(TimerChannels impl) {
        Registry.register(impl);
    }

    /** Holds the registered implementation. */
    final class Registry {
        private static volatile TimerChannels impl;

        private Registry() {}

        static void register(TimerChannels i) {
            if (impl != null) {
                throw new IllegalStateException("already registered");
            }
            impl = i;
        }

        static TimerChannels get() {
            TimerChannels i = impl;
            if (i == null) {
                Chan.nil(); // initializes Chan, which registers
                i = impl;
            }
            return i;
        }
    }
}
