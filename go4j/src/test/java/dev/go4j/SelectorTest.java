package dev.go4j;

import static dev.go4j.TestSupport.assertBlocksUntilInterrupted;
import static dev.go4j.TestSupport.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Selector.RecvCase;
import dev.go4j.Selector.SendCase;
import dev.go4j.TestSupport.Goroutines;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Selector}: every rule of {@link Select} on the reusable form (the shapes of the Select*Test
 * classes where it differs: random choice, default, timeout, closed and nil channels, blocking), plus
 * what is its own: cases switched on and off, channels and send values changed between runs.
 */
@Timeout(60)
class SelectorTest {
    private static final int TRIALS = 10_000;

    @Test
    void returnsTheCaseThatFiredWithItsValue() throws InterruptedException {
        Chan<Integer> a = Chan.make(1);
        Chan<String> b = Chan.make(1);
        Selector s = new Selector();
        RecvCase<Integer> ra = s.recv(a);
        RecvCase<String> rb = s.recv(b);
        b.send("x");
        assertSame(rb, s.select());
        assertEquals("x", rb.value());
        a.send(7);
        assertSame(ra, s.select());
        assertEquals(7, ra.value());
    }

    @Test
    void randomAmongReadyEnabledCasesOnly() throws InterruptedException {
        Chan<Integer> c1 = Chan.make(TRIALS + 1);
        Chan<Integer> c2 = Chan.make(TRIALS + 1);
        Chan<Integer> c3 = Chan.make(TRIALS + 1);
        for (int i = 0; i < TRIALS + 1; i++) {
            c1.send(1);
            c2.send(2);
            c3.send(3);
        }
        Selector s = new Selector();
        s.recv(Chan.<Integer>make());
        RecvCase<Integer> r1 = s.recv(c1);
        RecvCase<Integer> r2 = s.recv(c2);
        RecvCase<Integer> r3 = s.recv(c3).enabled(false); // ready, but off
        int[] wins = new int[4];
        for (int i = 0; i < TRIALS; i++) {
            Selector.Case fired = s.select();
            wins[fired == r1 ? 1 : fired == r2 ? 2 : 3]++;
        }
        assertEquals(0, wins[3], "a disabled case fired");
        // 5000 ± 500 each: 10 standard deviations, as Go's TestSelectFairness
        assertTrue(Math.abs(wins[1] - TRIALS / 2) <= 500, "uniform choice: " + wins[1] + " vs " + wins[2]);
        assertFalse(r3.isEnabled());
        r3.enabled(true);
        r1.enabled(false);
        r2.enabled(false);
        assertSame(r3, s.select());
        assertEquals(3, r3.value());
    }

    @Test
    void biasedPrefersTheFirstAdded() throws InterruptedException {
        Chan<Integer> c1 = Chan.make(10);
        Chan<Integer> c2 = Chan.make(10);
        c1.send(1);
        c2.send(2);
        Selector s = new Selector();
        RecvCase<Integer> r1 = s.recv(c1);
        s.recv(c2);
        for (int i = 0; i < 5; i++) {
            c1.send(1);
            assertSame(r1, s.selectBiased());
        }
    }

    @Test
    void defaultRunsOnlyWhenNothingIsReady() throws Throwable {
        Chan<Integer> c = Chan.make(1);
        Selector s = new Selector();
        RecvCase<Integer> r = s.recv(c);
        Selector.DefaultCase d = s.defaultCase();
        assertSame(d, s.select());
        c.send(1);
        assertSame(r, s.select());
        d.enabled(false);
        assertBlocksUntilInterrupted(s::select);
    }

    @Test
    void timeoutFiresWhenNothingBecomesReady() throws InterruptedException {
        Selector s = new Selector();
        s.recv(Chan.<Integer>make());
        Selector.TimeoutCase t = s.timeout(Duration.ofMillis(1));
        assertSame(t, s.select());
        t.duration(Duration.ZERO);
        assertSame(t, s.select());
    }

    @Test
    void closedChannelsAndSendOnClosed() throws InterruptedException {
        Chan<Integer> closed = Chan.make();
        closed.close();
        Selector s = new Selector();
        RecvCase<Integer> r = s.recv(closed);
        assertSame(r, s.select());
        assertNull(r.value(), "closed: ok == false");
        r.enabled(false);
        s.send(closed).value(1);
        assertEquals("send on closed channel", assertThrows(ChannelException.class, s::select).getMessage());
    }

    @Test
    void nilAndDisabledCasesNeverFireAndNeverNeedAValue() throws Throwable {
        Selector s = new Selector();
        SendCase<Integer> out = s.send(Chan.<Integer>make());
        assertThrows(NullPointerException.class, s::select, "an enabled send case with no value");
        out.chan(Chan.nil());
        assertBlocksUntilInterrupted(s::select); // a nil channel: no value needed, never fires
        out.chan(Chan.make()).enabled(false);
        s.recv(Chan.<Integer>nil());
        assertBlocksUntilInterrupted(s::select);
        assertBlocksUntilInterrupted(() -> new Selector().select());
        s.defaultCase();
        s.defaultCase();
        assertThrows(IllegalArgumentException.class, s::select);
    }

    @Test
    void blockedRunIsWokenByAPartner() throws Throwable {
        Chan<Integer> in = Chan.make();
        Chan<Integer> out = Chan.make();
        Selector s = new Selector();
        RecvCase<Integer> r = s.recv(in);
        SendCase<Integer> w = s.send(out).value(5);
        try (Goroutines g = new Goroutines()) {
            var call = g.call(s::select);
            awaitParked(call.thread());
            assertEquals(5, out.recv());
            assertSame(w, call.get());
            var again = g.call(s::select);
            awaitParked(again.thread());
            in.send(6);
            assertSame(r, again.get());
            assertEquals(6, r.value());
            g.joinAll();
        }
    }

    /** Go's pending-send idiom: a queue between two channels, the send case off while it is empty. */
    @Test
    void pendingSendQueue() throws Throwable {
        Chan<Integer> inCh = Chan.make();
        Chan<Integer> outCh = Chan.make();
        int n = 1000;
        try (Goroutines g = new Goroutines()) {
            g.go(() -> {
                try (inCh) {
                    for (int i = 0; i < n; i++) {
                        inCh.send(i);
                    }
                }
            });
            g.go(() -> {
                try (outCh) {
                    Queue<Integer> queue = new ArrayDeque<>();
                    Selector s = new Selector();
                    RecvCase<Integer> in = s.recv(inCh);
                    SendCase<Integer> out = s.send(outCh);
                    while (in.isEnabled() || !queue.isEmpty()) {
                        out.enabled(!queue.isEmpty()).value(queue.peek());
                        if (s.select() == in) {
                            if (in.value() == null) {
                                in.enabled(false);
                            } else {
                                queue.add(in.value());
                            }
                        } else {
                            queue.remove();
                        }
                    }
                }
            });
            List<Integer> got = new ArrayList<>();
            for (Integer v : outCh) {
                got.add(v);
            }
            assertEquals(n, got.size());
            for (int i = 0; i < n; i++) {
                assertEquals(i, got.get(i));
            }
            g.joinAll();
        }
    }
}
