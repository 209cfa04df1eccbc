package dev.go4j.lincheck;

import static dev.go4j.lincheck.LincheckSupport.HEAVY;
import static dev.go4j.lincheck.LincheckSupport.LIGHT;
import static dev.go4j.lincheck.LincheckSupport.MEDIUM;
import static dev.go4j.lincheck.LincheckSupport.modelCheck;
import static dev.go4j.lincheck.LincheckSupport.send;
import static dev.go4j.lincheck.LincheckSupport.sortedNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.ChannelException;
import dev.go4j.Select;
import dev.go4j.lincheck.LincheckSupport.Scenario;
import dev.go4j.lincheck.LincheckSupport.Sent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checks of {@link Select} racing against plain sends, receives, closes and other selects, each a
 * small fixed scenario run by Lincheck's model checker in many interleavings: the shapes of Go's
 * test/chan/doubleselect.go (selects competing for the same senders: no value lost or duplicated),
 * test/chan/select3.go (a select with receive cases is woken by close, a select with send and receive
 * cases fires exactly one of them) and runtime/chan_test.go TestSelfSelect (a select never pairs with
 * itself).
 *
 * <p>Exactly one case of a select fires: its leader waiter's single CAS decides between parties that
 * match its waiters on different channels. A waiter left on a channel by a select that fired elsewhere
 * must never take a value: after each scenario a {@code trySend} on such a channel must fail.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LincheckSelectTest {
    /** Records the case a select took ("a"/"b") and the value it got (null = closed). */
    static final class Got {
        final String chan;
        final Integer value;

        Got(String chan, Integer value) {
            this.chan = chan;
            this.value = value;
        }
    }

    static Got selectRecv(Chan<Integer> a, Chan<Integer> b) throws InterruptedException {
        return Select.select(
                Select.recv(a, v -> new Got("a", v)),
                Select.recv(b, v -> new Got("b", v)));
    }

    /** The single party that a select meets in {@link SelectMeetsOneParty}. */
    enum Party { SENDER_ON_A, CLOSE_OF_B, RECEIVER_ON_A }

    /**
     * A select meets a single party: a sender on a or a close of b (for a select receiving from a or
     * b), or a receiver on a (for a select sending on a or receiving from b). Nobody else can complete
     * either side, so a select that misses its partner (a lost wake-up) hangs, which Lincheck reports.
     */
    static final class SelectMeetsOneParty extends Scenario {
        final Chan<Integer> a = Chan.make();
        final Chan<Integer> b = Chan.make();
        final Party party;
        Object x;
        Integer r;

        SelectMeetsOneParty(Party party) {
            this.party = party;
        }

        @Override
        void run() {
            Thread p = switch (party) {
                case SENDER_ON_A -> fork(() -> a.send(1));
                case CLOSE_OF_B -> fork(b::close);
                case RECEIVER_ON_A -> fork(() -> r = a.recv());
            };
            Thread tx = fork(() -> x = party == Party.RECEIVER_ON_A
                    ? Select.select(Select.send(a, 1, () -> "sent"), Select.recv(b, v -> v))
                    : selectRecv(a, b));
            join(p, tx);
            switch (party) {
                case SENDER_ON_A -> {
                    assertEquals("a", ((Got) x).chan);
                    assertEquals(1, ((Got) x).value);
                }
                case CLOSE_OF_B -> {
                    assertEquals("b", ((Got) x).chan);
                    assertNull(((Got) x).value);
                }
                case RECEIVER_ON_A -> {
                    assertEquals("sent", x);
                    assertEquals(1, r);
                }
            }
            assertFalse(a.trySend(3), "no select still waits on a");
        }
    }

    @Test
    void selectRecvMeetsLoneSender() {
        modelCheck(LIGHT, () -> new SelectMeetsOneParty(Party.SENDER_ON_A));
    }

    @Test
    void selectRecvMeetsLoneClose() {
        modelCheck(LIGHT, () -> new SelectMeetsOneParty(Party.CLOSE_OF_B));
    }

    @Test
    void selectSendMeetsLoneReceiver() {
        modelCheck(LIGHT, () -> new SelectMeetsOneParty(Party.RECEIVER_ON_A));
    }

    /** Two selects, each receiving from a or b, share one sender on a and one on b. */
    static final class TwoSelects extends Scenario {
        final Chan<Integer> a = Chan.make();
        final Chan<Integer> b = Chan.make();
        Got x;
        Got y;

        @Override
        void run() {
            Thread sa = fork(() -> a.send(1));
            Thread sb = fork(() -> b.send(2));
            Thread tx = fork(() -> x = selectRecv(a, b));
            Thread ty = fork(() -> y = selectRecv(a, b));
            join(sa, sb, tx, ty);
            assertEquals(List.of(1, 2), sortedNonNull(x.value, y.value), "each value taken by one select");
            assertEquals(x.value == 1 ? "a" : "b", x.chan);
            assertFalse(a.trySend(3), "no select still waits on a");
            assertFalse(b.trySend(3), "no select still waits on b");
        }
    }

    @Test
    void twoSelectsShareTwoSenders() {
        modelCheck(HEAVY, () -> new TwoSelects());
    }

    /**
     * A select on a and b races a plain receiver on a for the value sent on a, while b also has a
     * sender. The select takes one value; after it, both channels are closed to release whoever is
     * left. Every delivered value was received exactly once, and a sender that got "send on closed
     * channel" delivered nothing.
     */
    static final class SelectVersusReceiver extends Scenario {
        final Chan<Integer> a = Chan.make();
        final Chan<Integer> b = Chan.make();
        Got x;
        Integer r;
        Sent sa;
        Sent sb;

        @Override
        void run() {
            Thread ta = fork(() -> sa = send(a, 1));
            Thread tb = fork(() -> sb = send(b, 2));
            Thread tr = fork(() -> r = a.recv());
            Thread tx = fork(() -> x = selectRecv(a, b));
            join(tx);
            assertNotNull(x.value, "nothing was closed while the select ran");
            a.close();
            b.close();
            join(ta, tb, tr);
            List<Integer> delivered = new ArrayList<>();
            if (sa == Sent.OK) {
                delivered.add(1);
            }
            if (sb == Sent.OK) {
                delivered.add(2);
            }
            assertEquals(delivered, sortedNonNull(x.value, r), "delivered values, each received once");
            assertTrue(x.value == 2 || r == null, "value 1 went to only one receiver");
        }
    }

    @Test
    void selectRacesPlainReceiverAndSenders() {
        modelCheck(HEAVY, () -> new SelectVersusReceiver());
    }

    /**
     * A select on a and b races a sender on a and a close of b: it either takes the value (and the
     * sender succeeded) or sees b closed; then a is closed and the sender, if still blocked, gets
     * "send on closed channel".
     */
    static final class SelectVersusClose extends Scenario {
        final Chan<Integer> a = Chan.make();
        final Chan<Integer> b = Chan.make();
        Got x;
        Sent sa;

        @Override
        void run() {
            Thread ta = fork(() -> sa = send(a, 1));
            Thread tc = fork(b::close);
            Thread tx = fork(() -> x = selectRecv(a, b));
            join(tx, tc);
            a.close();
            join(ta);
            if (x.chan.equals("a")) {
                assertEquals(1, x.value);
                assertEquals(Sent.OK, sa);
            } else {
                assertNull(x.value, "b was only ever closed");
                assertEquals(Sent.CLOSED, sa);
            }
            assertNull(a.tryRecv());
        }
    }

    @Test
    void selectRacesSendAndClose() {
        modelCheck(MEDIUM, () -> new SelectVersusClose());
    }

    /**
     * A select with a send case on a and a receive case on b races a receiver on a and a sender on b:
     * exactly one case fires. After the select, both channels are closed to release the party that
     * lost.
     */
    static final class SendAndRecvCases extends Scenario {
        final Chan<Integer> a = Chan.make();
        final Chan<Integer> b = Chan.make();
        Object x;
        Integer ra;
        Sent sb;

        @Override
        void run() {
            Thread tr = fork(() -> ra = a.recv());
            Thread ts = fork(() -> sb = send(b, 2));
            Thread tx = fork(() -> x = Select.select(
                    Select.send(a, 1, () -> "sent"),
                    Select.recv(b, v -> v)));
            join(tx);
            a.close();
            b.close();
            join(tr, ts);
            if ("sent".equals(x)) {
                assertEquals(1, ra);
                assertEquals(Sent.CLOSED, sb);
            } else {
                assertEquals(2, x);
                assertEquals(Sent.OK, sb);
                assertNull(ra);
            }
        }
    }

    @Test
    void selectWithSendAndRecvCasesFiresExactlyOne() {
        modelCheck(MEDIUM, () -> new SendAndRecvCases());
    }

    /** Receives everything buffered in {@code c} now, oldest first. */
    private static List<Integer> drain(Chan<Integer> c) {
        List<Integer> got = new ArrayList<>();
        for (Integer v; (v = c.tryRecv()) != null; ) {
            got.add(v);
        }
        return got;
    }

    /**
     * A select receiving from buffered a (capacity 2) or b (capacity 1) meets a sender of 1 then 2 on a
     * and a sender of 3 on b. The select's waiter on the channel where it did not fire is dead; a send
     * there that finds the buffer non-empty does not look at the receivers' queue at all (a live
     * receiver waits only on an empty buffer), so the dead waiter may stay queued until the select
     * unlinks it, and must never take a value. Every value ends in the select or in a buffer, once,
     * in each channel's order.
     */
    static final class SelectRecvOverBuffers extends Scenario {
        final Chan<Integer> a = Chan.make(2);
        final Chan<Integer> b = Chan.make(1);
        Got x;

        @Override
        void run() {
            Thread sa = fork(() -> {
                a.send(1);
                a.send(2);
            });
            Thread sb = fork(() -> b.send(3));
            Thread tx = fork(() -> x = selectRecv(a, b));
            join(sa, sb, tx);
            List<Integer> inA = drain(a);
            List<Integer> inB = drain(b);
            if (x.chan.equals("a")) {
                assertEquals(1, x.value, "a's first value");
                assertEquals(List.of(2), inA);
                assertEquals(List.of(3), inB);
            } else {
                assertEquals(3, x.value);
                assertEquals(List.of(1, 2), inA);
                assertEquals(List.of(), inB);
            }
            assertTrue(a.trySend(4) && b.trySend(5), "no dead select waiter takes a value");
            assertEquals(List.of(4), drain(a));
            assertEquals(List.of(5), drain(b));
        }
    }

    @Test
    void selectRecvOverBuffersLeavesNoWaiterThatTakesAValue() {
        modelCheck(MEDIUM, () -> new SelectRecvOverBuffers());
    }

    /**
     * A select sending 1 on a or 2 on b, both of capacity 1 and full (10 in a, 20 in b), races a
     * receiver on each. The select's waiter on the channel where it did not fire is dead; a receive there
     * that finds the buffer not full does not look at the senders' queue (a live sender waits only on a
     * full buffer). Each receiver gets its channel's first value, the select's value follows it in its
     * channel, and nothing else is buffered.
     */
    static final class SelectSendOverBuffers extends Scenario {
        final Chan<Integer> a = Chan.make(1);
        final Chan<Integer> b = Chan.make(1);
        Object x;
        Integer ra;
        Integer rb;

        @Override
        void run() {
            assertTrue(a.trySend(10) && b.trySend(20));
            Thread tx = fork(() -> x = Select.select(
                    Select.send(a, 1, () -> "a"),
                    Select.send(b, 2, () -> "b")));
            Thread tra = fork(() -> ra = a.recv());
            Thread trb = fork(() -> rb = b.recv());
            join(tx, tra, trb);
            assertEquals(10, ra);
            assertEquals(20, rb);
            assertEquals("a".equals(x) ? List.of(1) : List.of(), drain(a));
            assertEquals("b".equals(x) ? List.of(2) : List.of(), drain(b));
            assertTrue(a.trySend(4) && b.trySend(5), "the buffers have room again");
            assertFalse(a.trySend(6) || b.trySend(6), "and are full again: no dead waiter took a value");
        }
    }

    @Test
    void selectSendOverBuffersLeavesNoWaiterThatSends() {
        modelCheck(MEDIUM, () -> new SelectSendOverBuffers());
    }

    /**
     * A select that sends 1 on ch or receives from ch, a plain sender of 2, a plain receiver and a
     * closer, all on one unbuffered channel. The select never receives its own value; every value that
     * was delivered is received exactly once; everyone finishes.
     */
    static final class SelfSelect extends Scenario {
        final Chan<Integer> ch = Chan.make();
        Object x; // "sent", a received value, "closed" (receive case saw close) or "send on closed"
        Integer r;
        Sent s;

        @Override
        void run() {
            Thread tx = fork(() -> {
                try {
                    x = Select.select(
                            Select.send(ch, 1, () -> "sent"),
                            Select.recv(ch, v -> v == null ? "closed" : v));
                } catch (ChannelException e) {
                    assertEquals("send on closed channel", e.getMessage());
                    x = "send on closed";
                }
            });
            Thread ts = fork(() -> s = send(ch, 2));
            Thread tr = fork(() -> r = ch.recv());
            Thread tc = fork(ch::close);
            join(tx, ts, tr, tc);
            assertFalse(Integer.valueOf(1).equals(x), "the select received its own value");
            List<Integer> delivered = new ArrayList<>();
            if ("sent".equals(x)) {
                delivered.add(1);
            }
            if (s == Sent.OK) {
                delivered.add(2);
            }
            Integer selectGot = x instanceof Integer i ? i : null;
            assertEquals(delivered, sortedNonNull(selectGot, r), "delivered values, each received once");
        }
    }

    @Test
    void selectNeverPairsWithItselfAndCloseReleasesAll() {
        modelCheck(HEAVY, () -> new SelfSelect());
    }
}
