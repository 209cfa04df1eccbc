package dev.go4j.pattern;

import static dev.go4j.pattern.PatternTesting.drain;
import static dev.go4j.pattern.PatternTesting.produce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.TestSupport;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Topics}, core.async's pub/sub contract: each subscriber gets exactly its topic's values in
 * source order; several subscribers of one topic each get all of them; a value with no subscriber is
 * dropped; unsub stops delivery without closing; the end of the source (with its cause), a failing
 * topic function, or done closes the subscribers; a late subscriber is closed at once; no goroutine is
 * left behind.
 */
@Timeout(60)
@ExtendWith(PatternTesting.NoGoroutineLeft.class)
class TopicsTest {
    private static final int N = TestSupport.scaled(3_000, 60_000);

    private static List<Integer> upTo(int n, int mod, int rest) {
        return IntStream.range(0, n).filter(i -> i % mod == rest).boxed().toList();
    }

    @Test
    void eachSubscriberGetsItsTopicInOrder() throws Exception {
        Chan<Integer> src = Chan.make();
        Topics<Integer, Integer> byRest = Topics.of(Chan.nil(), src, v -> v % 3);
        Chan<Integer> zeros = Chan.unlimited();
        Chan<Integer> ones = Chan.unlimited();
        Chan<Integer> onesAgain = Chan.unlimited();
        byRest.sub(0, zeros);
        byRest.sub(1, ones);
        byRest.sub(1, onesAgain);
        produce(src, N); // topic 2 has no subscriber: its values are dropped
        assertEquals(upTo(N, 3, 0), drain(zeros));
        assertEquals(upTo(N, 3, 1), drain(ones));
        assertEquals(upTo(N, 3, 1), drain(onesAgain));
    }

    @Test
    void unsubStopsDeliveryWithoutClosing() throws Exception {
        Chan<Integer> src = Chan.make();
        Topics<Integer, String> t = Topics.of(Chan.nil(), src, v -> "all");
        Chan<Integer> a = Chan.make(1);
        Chan<Integer> b = Chan.unlimited();
        t.sub("all", a);
        t.sub("all", b);
        src.send(1);
        assertEquals(1, a.recv());
        t.unsub("all", a);
        t.unsub("no such topic", a);
        src.send(2);
        src.close();
        assertEquals(List.of(1, 2), drain(b));
        assertEquals(0, a.len());
        assertTrue(a.trySend(9), "unsubscribed, not closed");
    }

    @Test
    void theSourcesCauseReachesEverySubscriber() throws Exception {
        Chan<Integer> src = Chan.make();
        Topics<Integer, Integer> t = Topics.of(Chan.nil(), src, v -> v);
        Chan<Integer> a = Chan.make();
        t.sub(7, a);
        IOException boom = new IOException("feed lost");
        src.close(boom);
        assertNull(a.recv());
        assertSame(boom, a.closeCause());
        Chan<Integer> late = Chan.make();
        t.sub(8, late); // a new topic after the end
        assertNull(late.recv());
        assertSame(boom, late.closeCause());
    }

    @Test
    void aFailingTopicFunctionEndsTheStreamWithItsException() throws Exception {
        AtomicReference<Throwable> panic = new AtomicReference<>();
        Go.setPanicHandler((g, e) -> panic.set(e));
        try {
            Chan<Integer> src = Chan.make();
            IllegalStateException bad = new IllegalStateException("no topic for 13");
            Topics<Integer, Integer> t = Topics.of(Chan.nil(), src, v -> {
                if (v == 13) {
                    throw bad;
                }
                return 0;
            });
            Chan<Integer> a = Chan.unlimited();
            t.sub(0, a);
            src.send(12);
            src.send(13);
            assertEquals(List.of(12), drainUntilClosed(a));
            assertSame(bad, a.closeCause());
            TestSupport.awaitTrue("the publisher's failure reached the panic handler", () -> panic.get() != null);
            assertSame(bad, panic.get());
        } finally {
            Go.setPanicHandler(null);
        }
    }

    @Test
    void doneEndsPublishingAndClosesSubscribers() throws Exception {
        Chan<Integer> src = Chan.make(); // never closed
        Chan<Boolean> done = Chan.make();
        Topics<Integer, Integer> t = Topics.of(done, src, v -> v % 2);
        Chan<Integer> even = Chan.make(); // never read: a delivery may be waiting for it
        Chan<Integer> odd = Chan.make(4);
        t.sub(0, even);
        t.sub(1, odd);
        src.send(1);
        assertEquals(1, odd.recv());
        src.send(2); // its delivery waits for `even`, which nobody reads
        done.close();
        assertNull(odd.recv(), "closed when done closes");
        assertNull(odd.closeCause(), "done is not an error");
    }

    /** Receives until closed; unlike drain, does not rethrow the close cause. */
    private static List<Integer> drainUntilClosed(Chan<Integer> ch) throws InterruptedException {
        List<Integer> out = new java.util.ArrayList<>();
        for (Integer v; (v = ch.recv()) != null; ) {
            out.add(v);
        }
        return out;
    }

    @Test
    void nullTopicIsRejected() {
        Chan<Boolean> done = Chan.make();
        Topics<Integer, Integer> t = Topics.of(done, Chan.<Integer>make(), v -> v);
        assertThrows(NullPointerException.class, () -> t.sub(null, Chan.make()));
        done.close();
    }
}
