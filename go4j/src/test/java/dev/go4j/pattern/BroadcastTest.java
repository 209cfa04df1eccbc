package dev.go4j.pattern;

import static dev.go4j.pattern.PatternTesting.drain;
import static dev.go4j.pattern.PatternTesting.produce;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.BufferPolicy;
import dev.go4j.Chan;
import dev.go4j.ChannelClosedException;
import dev.go4j.Go;
import dev.go4j.TestSupport;
import dev.go4j.synctest.Synctest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link Broadcast}, core.async's mult/tap contract: every tap gets every value, in order; a tap with a
 * dropping policy never holds back the others while a blocking one does; untap takes effect even while a
 * delivery waits for the untapped channel; a tap closed by someone else is dropped; the end of the
 * source (with its close cause) or done closes the taps; taps may come and go while values stream; no
 * goroutine is left behind.
 */
@Timeout(60)
@ExtendWith(PatternTesting.NoGoroutineLeft.class)
class BroadcastTest {
    private static final int N = TestSupport.scaled(2_000, 50_000);

    /** Drains {@code ch} in a goroutine. */
    private static CompletableFuture<List<Integer>> reader(Chan<Integer> ch) {
        CompletableFuture<List<Integer>> f = new CompletableFuture<>();
        Go.go(() -> {
            try {
                f.complete(drain(ch));
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(TestSupport.BOUND.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void everyTapGetsEveryValueInOrder() throws Exception {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Chan.nil(), src);
        Chan<Integer> a = Chan.make();
        Chan<Integer> c = Chan.make(8);
        b.tap(a);
        b.tap(c);
        CompletableFuture<List<Integer>> ra = reader(a);
        CompletableFuture<List<Integer>> rc = reader(c);
        produce(src, N);
        List<Integer> all = IntStream.range(0, N).boxed().toList();
        assertEquals(all, get(ra));
        assertEquals(all, get(rc));
    }

    @Test
    void aConflatedTapNeverHoldsBackTheOthers() throws Exception {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Chan.nil(), src);
        Chan<Integer> slow = Chan.conflated(); // nobody reads it until the end
        Chan<Integer> fast = Chan.make();
        b.tap(slow);
        b.tap(fast);
        CompletableFuture<List<Integer>> rf = reader(fast);
        produce(src, N);
        assertEquals(N, get(rf).size());
        assertEquals(List.of(N - 1), drain(slow), "the slow tap kept the latest value");
    }

    @Test
    void untapReleasesADeliveryBlockedOnThatTap() throws Exception {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Chan.nil(), src);
        Chan<Integer> stuck = Chan.make(); // never read: blocks the delivery of 0
        Chan<Integer> live = Chan.make(1);
        b.tap(stuck);
        b.tap(live);
        src.send(0);
        assertEquals(0, live.recv());
        assertFalse(src.trySend(1), "a blocking tap holds back the source");
        b.untap(stuck); // the delivery of 0 waits for stuck: untap must release it
        src.send(1); // accepted only once the distributor is back at the source
        assertEquals(1, live.recv());
        src.close();
        assertNull(live.recv(), "closed with the source");
        assertEquals(0, stuck.len());
        assertDoesNotThrow(() -> stuck.trySend(9), "an untapped channel is not closed");
    }

    @Test
    void aTapClosedBySomeoneElseIsDropped() throws Exception {
        Chan<Integer> src = Chan.make();
        Broadcast<Integer> b = Broadcast.of(Chan.nil(), src);
        Chan<Integer> closed = Chan.make(1);
        closed.close();
        Chan<Integer> live = Chan.make(4);
        b.tap(closed);
        b.tap(live);
        src.send(0);
        src.send(1);
        src.close();
        assertEquals(List.of(0, 1), drain(live));
    }

    @Test
    void theSourceCauseReachesEveryTap() throws Exception {
        Chan<Integer> src = Chan.make(2);
        Broadcast<Integer> b = Broadcast.of(Chan.nil(), src);
        Chan<Integer> t1 = Chan.make(4);
        Chan<Integer> t2 = Chan.make(4, BufferPolicy.DROP_OLDEST);
        Chan<Integer> kept = Chan.make(4);
        b.tap(t1);
        b.tap(t2);
        b.tap(kept, false);
        IOException boom = new IOException("stage failed");
        src.send(1);
        src.close(boom);
        for (Chan<Integer> t : List.of(t1, t2)) {
            assertEquals(1, t.recvOrThrow());
            assertSame(boom, assertThrows(ChannelClosedException.class, t::recvOrThrow).getCause());
        }
        assertEquals(1, kept.recv());
        assertTrue(kept.trySend(2), "a tap without closeWithSource stays open");
        Chan<Integer> late = Chan.make(1);
        b.tap(late); // after the end: closed at once, with the cause
        assertSame(boom, late.closeCause());
    }

    /** In a bubble, so that the test can wait until the distributor waits for stuck or done. */
    @Test
    void doneEndsTheBroadcastAndClosesTheTaps() throws Exception {
        Synctest.test(() -> {
            Chan<Void> done = Chan.make();
            Chan<Integer> src = Chan.make(); // never closed
            Broadcast<Integer> b = Broadcast.of(done, src);
            Chan<Integer> stuck = Chan.make();
            b.tap(stuck);
            src.send(0);
            Synctest.await(); // the distributor waits for stuck or done; else both could be ready at its select
            done.close();
            assertNull(stuck.recv(), "closed by the end of the broadcast");
            assertNull(stuck.closeCause());
            assertEquals(List.of(), drain(stuck));
        });
    }

    /**
     * Randomized: taps of every kind read all values in order while another goroutine keeps tapping and
     * untapping a further channel; that one sees an increasing subsequence, without duplicates.
     */
    @Test
    void tapsChurnWhileStreaming() throws Exception {
        Chan<Integer> src = Chan.make(4);
        Broadcast<Integer> b = Broadcast.of(Chan.nil(), src);
        List<Chan<Integer>> steady = List.of(Chan.make(), Chan.make(3), Chan.unlimited());
        List<CompletableFuture<List<Integer>>> readers = new ArrayList<>();
        for (Chan<Integer> t : steady) {
            b.tap(t);
            readers.add(reader(t));
        }
        Chan<Integer> churn = Chan.unlimited();
        Chan<Void> stop = Chan.make();
        CompletableFuture<Void> churner = new CompletableFuture<>();
        Go.go(() -> {
            for (int k = 0; !stop.isDrained(); k++) {
                if (k % 2 == 0) {
                    b.tap(churn, false);
                } else {
                    b.untap(churn);
                }
                Thread.yield();
            }
            churner.complete(null);
        });
        produce(src, N);
        List<Integer> all = IntStream.range(0, N).boxed().toList();
        for (CompletableFuture<List<Integer>> r : readers) {
            assertEquals(all, get(r));
        }
        stop.close();
        get(churner);
        b.untap(churn);
        int last = -1;
        for (Integer v; (v = churn.tryRecv()) != null; ) {
            assertTrue(v > last, "increasing, no duplicate: " + v + " after " + last);
            last = v;
        }
    }
}
