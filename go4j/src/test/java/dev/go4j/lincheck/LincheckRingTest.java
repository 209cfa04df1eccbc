package dev.go4j.lincheck;

import static dev.go4j.lincheck.LincheckSupport.MEDIUM;
import static dev.go4j.lincheck.LincheckSupport.modelCheck;
import static dev.go4j.lincheck.LincheckSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Select;
import dev.go4j.lincheck.LincheckSupport.Scenario;
import dev.go4j.lincheck.LincheckSupport.Sent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checks of a buffered channel's lock-free fast paths (its ring, {@code dev.go4j.Ring}) racing the
 * locked path: a select that must see several channels at one instant, and a close. The model checker switches threads between the fast path's CAS and its slot's writes, so a
 * locked operation meets fast operations in flight. Every value ends received or buffered exactly once,
 * in order. (The buffer's growth racing the fast paths is left to {@code StressTest}, whose capacities 17
 * and 32 grow past the first ring of 16 slots: Lincheck 3.7 stopped after three invocations of a
 * scenario that fills 16 slots first.)
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LincheckRingTest {

    /**
     * Go's TestNonblockSelectRace on buffered channels: a token moves from c1 to c2 (a fast send on c2,
     * then a fast receive from c1) while a select with default receives from either; the default must
     * not run, since at every instant one of them holds the token.
     */
    static final class NonblockSelectSeesAnInstant extends Scenario {
        final Chan<Integer> c1 = Chan.make(1);
        final Chan<Integer> c2 = Chan.make(1);
        String got;

        @Override
        void run() throws InterruptedException {
            c1.send(1);
            Thread mover = fork(() -> {
                c2.send(1);
                c1.tryRecv();
            });
            Thread selector = fork(() -> got = Select.select(
                    Select.recv(c1, v -> "c1"),
                    Select.recv(c2, v -> "c2"),
                    Select.defaultCase(() -> "default")));
            join(mover, selector);
            assertTrue(!"default".equals(got), "the select saw neither channel holding the token");
        }
    }

    @Test
    void nonblockingSelectSeesOneInstant() {
        modelCheck(MEDIUM, () -> new NonblockSelectSeesAnInstant());
    }

    /**
     * Two senders and a receiver on a channel of capacity 2 race a close: a send completes (its value is
     * received) or throws "send on closed channel", never both nor neither; the receiver sees the values
     * of each sender in order and then the close.
     */
    static final class FastPathsRaceClose extends Scenario {
        final Chan<Integer> ch = Chan.make(2);
        final Sent[] sent = new Sent[4];
        final List<Integer> got = new ArrayList<>();

        @Override
        void run() throws InterruptedException {
            Thread a = fork(() -> {
                sent[0] = send(ch, 1);
                sent[1] = send(ch, 2);
            });
            Thread b = fork(() -> sent[2] = send(ch, 3));
            Thread c = fork(ch::close);
            Thread r = fork(() -> {
                Integer v = ch.tryRecv();
                if (v != null) {
                    got.add(v);
                }
            });
            join(a, b, c, r);
            for (Integer v; (v = ch.recv()) != null; ) {
                got.add(v);
            }
            List<Integer> delivered = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                if (sent[i] == Sent.OK) {
                    delivered.add(i + 1);
                }
            }
            assertEquals(delivered, got.stream().sorted().toList(), "each completed send received once");
            if (got.contains(1) && got.contains(2)) {
                assertTrue(got.indexOf(1) < got.indexOf(2), "one sender's values in order");
            }
            assertNull(ch.tryRecv());
        }
    }

    @Test
    void fastPathsRaceClose() {
        modelCheck(MEDIUM, () -> new FastPathsRaceClose());
    }

    /**
     * A channel of capacity 3 with 2 values: two fast senders and a fast receiver race a select that
     * sends or receives; the ring wraps around its lap while they do. Every value is received once, and
     * each sender's values in order.
     */
    static final class FastPathsRaceASelect extends Scenario {
        final Chan<Integer> ch = Chan.make(3);
        final Chan<Integer> other = Chan.make();
        final List<Integer> got = new ArrayList<>();
        Integer r1;
        Integer r2;
        Object x;

        @Override
        void run() throws InterruptedException {
            ch.send(10);
            ch.send(20);
            Thread s = fork(() -> {
                ch.send(1);
                ch.send(2);
            });
            Thread rx = fork(() -> {
                r1 = ch.recv();
                r2 = ch.recv();
            });
            Thread sel = fork(() -> x = Select.select(
                    Select.recv(ch, v -> v),
                    Select.send(other, 0, () -> "sent"),
                    Select.defaultCase(() -> "default")));
            join(s, rx, sel);
            List<Integer> order = List.of(10, 20, 1, 2); // the channel's order: 10 and 20 were buffered first
            assertTrue(order.indexOf(r1) < order.indexOf(r2), "the receiver's values in the channel's order");
            List<Integer> all = new ArrayList<>(List.of(r1, r2));
            if (x instanceof Integer v) {
                all.add(v);
            }
            List<Integer> left = new ArrayList<>();
            for (Integer v; (v = ch.tryRecv()) != null; ) {
                left.add(v);
            }
            assertEquals(left.stream().sorted((p, q) -> order.indexOf(p) - order.indexOf(q)).toList(), left,
                    "what is left is in the channel's order");
            all.addAll(left);
            assertEquals(List.of(1, 2, 10, 20), all.stream().sorted().toList(), "every value once");
        }
    }

    @Test
    void fastPathsRaceASelect() {
        modelCheck(MEDIUM, () -> new FastPathsRaceASelect());
    }
}
