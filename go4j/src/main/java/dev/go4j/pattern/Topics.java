package dev.go4j.pattern;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.SendChan;
import dev.go4j.Task;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Publish/subscribe by topic: every value of a source channel goes to the subscribers of its topic
 * (core.async's {@code pub}/{@code sub}/{@code unsub}).
 *
 * <pre>{@code
 * // given: RecvChan<?> done; RecvChan<Order> orders; record Order(String desk, long quantity)
 * Topics<Order, String> byDesk = Topics.of(done, orders, Order::desk);   // (def p (pub orders :desk))
 * Chan<Order> bonds = Chan.make(64);
 * byDesk.sub("bonds", bonds);                                            // (sub p "bonds" bonds)
 * }</pre>
 *
 * <p>Each topic is a {@link Broadcast} of its own, fed by the publishing goroutine, so everything said
 * there holds per topic: every subscriber of a topic gets its values in source order; a value goes to
 * all of its topic's subscribers before the publisher takes the next value from the source, so a
 * subscriber whose channel blocks holds back the publisher (give slow subscribers a dropping or
 * conflated channel); a value whose topic has no subscriber is received and dropped.
 *
 * <p><b>End.</b> When the source is closed and drained, or {@code done} closes, or the topic function
 * throws, the publisher ends and every topic ends: subscribers added with {@code closeWithSource} (the
 * default) are closed, with the source's close cause, or the topic function's exception, as their cause.
 * A subscription made after the end is closed at once. No goroutine is left behind.
 *
 * <p><b>Memory consistency.</b> As a send, on the subscriber's channel, of the value received from the
 * source.
 *
 * @param <T> the element type
 * @param <K> the topic type (compared with {@code equals})
 */
public final class Topics<T, K> {
    /*
     * One publishing goroutine reads the source and sends each value to its topic's unbuffered input
     * channel; a Broadcast per topic (one goroutine each, made on the first subscription) delivers it.
     * `guard` orders topic creation against the end, so a topic made after the end starts closed.
     */
    private final RecvChan<?> done;
    private final Function<Task, Thread> starter; // starts the goroutines: Go::go but in model checks
    private final ReentrantLock guard = new ReentrantLock();
    private final Map<K, Topic<T>> topics = new HashMap<>(); // guarded
    private boolean ended; // guarded
    private Throwable endCause; // guarded

    private record Topic<T>(Chan<T> in, Broadcast<T> out) {}

    private Topics(RecvChan<?> done, Function<Task, Thread> starter) {
        this.done = done;
        this.starter = starter;
    }

    /**
     * Starts publishing {@code source} by {@code topicOf}: {@code (pub source topic-fn)}.
     *
     * @param done closing it ends publishing (subscribers are then closed without error)
     */
    public static <T, K> Topics<T, K> of(RecvChan<?> done, RecvChan<? extends T> source,
            Function<? super T, ? extends K> topicOf) {
        return start(done, source, topicOf, Go::go);
    }

    /**
     * As {@link #of}, with the publishing goroutine and each topic's broadcast started by {@code starter}
     * (see {@link Broadcast#start}).
     */
    static <T, K> Topics<T, K> start(RecvChan<?> done, RecvChan<? extends T> source,
            Function<? super T, ? extends K> topicOf, Function<Task, Thread> starter) {
        Objects.requireNonNull(done, "done");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(topicOf, "topicOf");
        Topics<T, K> p = new Topics<>(done, starter);
        starter.apply(() -> p.publish(source, topicOf));
        return p;
    }

    /** Subscribes {@code ch} to {@code topic}, closed when publishing ends: {@code (sub p topic ch)}. */
    public void sub(K topic, SendChan<? super T> ch) {
        sub(topic, ch, true);
    }

    /**
     * Subscribes {@code ch} to {@code topic}: {@code (sub p topic ch close?)}.
     *
     * @param closeWithSource whether to close {@code ch} when publishing ends
     */
    public void sub(K topic, SendChan<? super T> ch, boolean closeWithSource) {
        topic(Objects.requireNonNull(topic, "topic")).out.tap(ch, closeWithSource);
    }

    /** Removes {@code ch} from {@code topic}'s subscribers, without closing it: {@code (unsub p topic ch)}. */
    public void unsub(K topic, SendChan<? super T> ch) {
        Topic<T> t = existing(topic);
        if (t != null) {
            t.out.untap(ch);
        }
    }

    /** Removes every subscriber of {@code topic}, closing none: {@code (unsub-all p topic)}. */
    public void unsubAll(K topic) {
        Topic<T> t = existing(topic);
        if (t != null) {
            t.out.untapAll();
        }
    }

    private Topic<T> existing(K topic) {
        guard.lock();
        try {
            return topics.get(topic);
        } finally {
            guard.unlock();
        }
    }

    /** The topic's broadcast, made on first use; one made after the end starts (and so ends) closed. */
    private Topic<T> topic(K k) {
        guard.lock();
        try {
            Topic<T> t = topics.get(k);
            if (t == null) {
                Chan<T> in = Chan.make();
                t = new Topic<>(in, Broadcast.start(done, in, starter));
                topics.put(k, t);
                if (ended) {
                    close(in, endCause);
                }
            }
            return t;
        } finally {
            guard.unlock();
        }
    }

    /** The publishing goroutine. */
    private void publish(RecvChan<? extends T> source, Function<? super T, ? extends K> topicOf)
            throws InterruptedException {
        Throwable cause = null;
        try {
            for (T v; (v = Channels.recvOrDone(done, source)) != null; ) {
                Topic<T> t = existing(topicOf.apply(v));
                if (t != null && !Channels.sendOrDone(done, t.in, v)) {
                    break;
                }
            }
            cause = done.isDrained() ? null : source.closeCause();
        } catch (RuntimeException | Error e) {
            cause = e; // the topic function failed: its subscribers learn why the stream ended
            throw e;
        } finally {
            end(cause);
        }
    }

    private void end(Throwable cause) {
        List<Topic<T>> all;
        guard.lock();
        try {
            ended = true;
            endCause = cause;
            all = new ArrayList<>(topics.values());
        } finally {
            guard.unlock();
        }
        for (Topic<T> t : all) {
            close(t.in, cause);
        }
    }

    private static void close(Chan<?> in, Throwable cause) {
        if (cause == null) {
            in.close();
        } else {
            in.close(cause);
        }
    }
}
