package dev.go4j.lincheck;

import static dev.go4j.lincheck.LincheckSupport.HEAVY;
import static dev.go4j.lincheck.LincheckSupport.LIGHT;
import static dev.go4j.lincheck.LincheckSupport.MEDIUM;
import static dev.go4j.lincheck.LincheckSupport.modelCheck;
import static dev.go4j.lincheck.LincheckSupport.send;
import static dev.go4j.lincheck.LincheckSupport.sortedNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.ChannelException;
import dev.go4j.lincheck.LincheckSupport.Scenario;
import dev.go4j.lincheck.LincheckSupport.Sent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checks of the channel's blocking {@code send} and {@code recv}, each a small fixed scenario run
 * by Lincheck's model checker in many interleavings ({@code Lincheck.runConcurrentTest}): the shapes of
 * Go's runtime/chan_test.go TestChan (senders and receivers pairing up on unbuffered and buffered
 * channels, FIFO order), TestChanSendInterface / test/chan/doubleselect.go (no value lost or duplicated),
 * and test/closedchan.go (close wakes every blocked party: blocked senders get "send on closed channel",
 * blocked receivers get the zero value, buffered values stay receivable).
 *
 * <p>In every scenario a thread that never ends is reported by Lincheck as a deadlock, so these also
 * check that no blocked party misses its wake-up.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LincheckChanBlockingTest {
    /**
     * One sender sends 1..n, one receiver receives n values: they arrive in order. With one party on
     * each side nobody can rescue a party that missed its wake-up, so a lost wake-up shows as a hang;
     * with n above the capacity the sender blocks on a full buffer and the receiver takes the head and
     * moves the blocked sender's value into the buffer.
     */
    static final class OneSenderOneReceiver extends Scenario {
        final Chan<Integer> ch;
        final Integer[] got;

        OneSenderOneReceiver(int capacity, int n) {
            ch = Chan.make(capacity);
            got = new Integer[n];
        }

        @Override
        void run() {
            Thread s = fork(() -> {
                for (int i = 1; i <= got.length; i++) {
                    ch.send(i);
                }
            });
            Thread r = fork(() -> {
                for (int i = 0; i < got.length; i++) {
                    got[i] = ch.recv();
                }
            });
            join(s, r);
            for (int i = 0; i < got.length; i++) {
                assertEquals(i + 1, got[i], "FIFO");
            }
            assertEquals(0, ch.len());
        }
    }

    @Test
    void unbufferedOneSenderOneReceiver() {
        modelCheck(LIGHT, () -> new OneSenderOneReceiver(0, 2));
    }

    @Test
    void capacityOneOneSenderOneReceiver() {
        modelCheck(LIGHT, () -> new OneSenderOneReceiver(1, 3));
    }

    @Test
    void capacityTwoOneSenderOneReceiver() {
        modelCheck(LIGHT, () -> new OneSenderOneReceiver(2, 4));
    }

    /**
     * Balanced senders and receivers: one sender sends 1 then 2, another sends 3; one receiver takes two
     * values, another one. Each value arrives exactly once, and a receiver that gets both of the first
     * sender's values gets them in order.
     */
    static final class TwoSendersTwoReceivers extends Scenario {
        final Chan<Integer> ch;
        Integer a1;
        Integer a2;
        Integer b1;

        TwoSendersTwoReceivers(int capacity) {
            ch = Chan.make(capacity);
        }

        @Override
        void run() {
            Thread s1 = fork(() -> {
                ch.send(1);
                ch.send(2);
            });
            Thread s2 = fork(() -> ch.send(3));
            Thread ra = fork(() -> {
                a1 = ch.recv();
                a2 = ch.recv();
            });
            Thread rb = fork(() -> b1 = ch.recv());
            join(s1, s2, ra, rb);
            assertEquals(List.of(1, 2, 3), sortedNonNull(a1, a2, b1), "each value received exactly once");
            assertFalse(a1 == 2 && a2 == 1, "values of one sender arrive in order");
        }
    }

    @Test
    void unbufferedTwoSendersTwoReceivers() {
        modelCheck(HEAVY, () -> new TwoSendersTwoReceivers(0));
    }

    @Test
    void capacityOneTwoSendersTwoReceivers() {
        modelCheck(HEAVY, () -> new TwoSendersTwoReceivers(1));
    }

    /**
     * {@code senders} senders (values 1..n), {@code receivers} receivers and a closer race. Every sender
     * either delivered its value (received exactly once, by a receiver or from the buffer after close)
     * or got "send on closed channel" and its value is nowhere; every receiver gets a value or null
     * (closed); nobody stays blocked.
     */
    static final class CloseRace extends Scenario {
        final Chan<Integer> ch;
        final Sent[] sent;
        final Integer[] got;

        CloseRace(int capacity, int senders, int receivers) {
            ch = Chan.make(capacity);
            sent = new Sent[senders];
            got = new Integer[receivers];
        }

        @Override
        void run() {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < sent.length; i++) {
                int k = i;
                threads.add(fork(() -> sent[k] = send(ch, k + 1)));
            }
            for (int i = 0; i < got.length; i++) {
                int k = i;
                threads.add(fork(() -> got[k] = ch.recv()));
            }
            threads.add(fork(ch::close));
            join(threads.toArray(Thread[]::new));

            List<Integer> received = new ArrayList<>();
            for (Integer v : got) {
                if (v != null) {
                    received.add(v); // null: closed and drained
                }
            }
            for (Integer v; (v = ch.tryRecv()) != null; ) {
                received.add(v); // buffered before close: still receivable
            }
            assertTrue(ch.isDrained());
            for (int k = 0; k < sent.length; k++) {
                int v = k + 1;
                long times = received.stream().filter(x -> x == v).count();
                assertNotNull(sent[k]);
                assertEquals(sent[k] == Sent.OK ? 1 : 0, times, "value " + v + " after send " + sent[k]);
            }
            assertEquals(received.size(), received.stream().distinct().count());
        }
    }

    @Test
    void unbufferedCloseRacesBlockedSenders() {
        modelCheck(HEAVY, () -> new CloseRace(0, 2, 1)); // at least one sender is left for close
    }

    @Test
    void unbufferedCloseRacesBlockedReceivers() {
        modelCheck(HEAVY, () -> new CloseRace(0, 1, 2)); // at least one receiver is left for close
    }

    @Test
    void capacityOneCloseRacesBlockedSenders() {
        modelCheck(MEDIUM, () -> new CloseRace(1, 2, 0)); // the buffer takes one; the other waits for close
    }

    @Test
    void capacityOneCloseRacesBlockedReceivers() {
        modelCheck(HEAVY, () -> new CloseRace(1, 1, 2));
    }

    /** A second close of a closed channel fails whichever closer comes second; exactly one succeeds. */
    static final class DoubleClose extends Scenario {
        final Chan<Integer> ch = Chan.make();
        final boolean[] closed = new boolean[2];

        @Override
        void run() {
            Thread[] ts = new Thread[2];
            for (int i = 0; i < 2; i++) {
                int k = i;
                ts[i] = fork(() -> {
                    try {
                        ch.close();
                        closed[k] = true;
                    } catch (ChannelException e) {
                        assertEquals("close of closed channel", e.getMessage());
                    }
                });
            }
            Thread r = fork(() -> assertNull(ch.recv()));
            join(ts);
            join(r);
            assertNotEquals(closed[0], closed[1], "exactly one close succeeds");
        }
    }

    @Test
    void concurrentClosesExactlyOneWins() {
        modelCheck(MEDIUM, () -> new DoubleClose());
    }
}
