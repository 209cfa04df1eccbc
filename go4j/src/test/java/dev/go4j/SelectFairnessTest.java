package dev.go4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports Go's {@code TestSelectFairness} (runtime/chan_test.go): when several cases are ready,
 * {@link Select#select} picks uniformly at random. Two always-ready cases among never-ready ones must each
 * win 5000 ± 500 of 10,000 selects (10 standard deviations, as Go's test allows). Also checks the
 * opposite rule of {@link Select#selectBiased}: the first ready case in argument order always wins.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectFairnessTest {
    private static final int TRIALS = 10_000;
    private static final int LOW = TRIALS / 2 - 500;
    private static final int HIGH = TRIALS / 2 + 500;

    /** Go's shape: two buffered channels kept full, two unbuffered channels that are never ready. */
    @Test
    void randomAmongReadyReceiveCases() throws InterruptedException {
        Chan<Integer> c1 = Chan.make(TRIALS + 1);
        Chan<Integer> c2 = Chan.make(TRIALS + 1);
        for (int i = 0; i < TRIALS + 1; i++) {
            c1.send(1);
            c2.send(2);
        }
        Chan<Integer> c3 = Chan.make();
        Chan<Integer> c4 = Chan.make();
        int[] wins = new int[5];
        for (int i = 0; i < TRIALS; i++) {
            int b = Select.select(
                    Select.recv(c3, v -> 3),
                    Select.recv(c4, v -> 4),
                    Select.recv(c1, v -> v),
                    Select.recv(c2, v -> v));
            wins[b]++;
        }
        assertWithinTenSigma(wins[1], wins[2]);
        assertEquals(0, wins[3] + wins[4], "a never-ready case was chosen");
        assertEquals(2 * (TRIALS + 1) - TRIALS, c1.len() + c2.len(), "exactly one value taken per select");
    }

    /** Closed channels are always ready: the same distribution, with no buffer to keep full. */
    @Test
    void randomAmongClosedChannels() throws InterruptedException {
        Chan<Integer> c1 = Chan.make();
        Chan<Integer> c2 = Chan.make(3);
        c1.close();
        c2.close();
        Chan<Integer> never = Chan.make();
        int[] wins = new int[4];
        for (int i = 0; i < TRIALS; i++) {
            int b = Select.select(
                    Select.recv(never, v -> 3),
                    Select.recv(c1, v -> v == null ? 1 : 0),
                    Select.send(Chan.<Integer>nil(), 9, () -> 3),
                    Select.recv(c2, v -> v == null ? 2 : 0));
            wins[b]++;
        }
        assertEquals(0, wins[0], "a closed channel delivered a value");
        assertEquals(0, wins[3], "a never-ready case was chosen");
        assertWithinTenSigma(wins[1], wins[2]);
    }

    /** Send cases are chosen fairly too: two buffered channels with room, one full. */
    @Test
    void randomAmongReadySendCases() throws InterruptedException {
        Chan<Integer> c1 = Chan.make(TRIALS);
        Chan<Integer> c2 = Chan.make(TRIALS);
        Chan<Integer> full = Chan.make(1);
        full.send(0);
        int[] wins = new int[4];
        for (int i = 0; i < TRIALS; i++) {
            int b = Select.select(
                    Select.send(full, 3, () -> 3),
                    Select.send(c1, 1, () -> 1),
                    Select.send(c2, 2, () -> 2));
            wins[b]++;
        }
        assertEquals(0, wins[3], "the full channel accepted a value");
        assertWithinTenSigma(wins[1], wins[2]);
        assertEquals(wins[1], c1.len(), "exactly one value moved per select");
        assertEquals(wins[2], c2.len(), "exactly one value moved per select");
    }

    /** A ready receive and a ready send are equally likely. */
    @Test
    void randomBetweenReadySendAndReceive() throws InterruptedException {
        Chan<Integer> in = Chan.make(TRIALS);
        Chan<Integer> out = Chan.make(TRIALS);
        for (int i = 0; i < TRIALS; i++) {
            in.send(i);
        }
        int[] wins = new int[3];
        for (int i = 0; i < TRIALS; i++) {
            int b = Select.select(Select.recv(in, v -> 1), Select.send(out, i, () -> 2));
            wins[b]++;
        }
        assertWithinTenSigma(wins[1], wins[2]);
        assertEquals(TRIALS - wins[1], in.len());
        assertEquals(wins[2], out.len());
    }

    /** selectBiased: the first ready case in argument order wins, every time. */
    @Test
    void biasedPicksFirstReadyInArgumentOrder() throws InterruptedException {
        Chan<Integer> c1 = Chan.make(TRIALS + 1);
        Chan<Integer> c2 = Chan.make(TRIALS + 1);
        for (int i = 0; i < TRIALS + 1; i++) {
            c1.send(1);
            c2.send(2);
        }
        Chan<Integer> never = Chan.make();
        Chan<Integer> full = Chan.make(1);
        full.send(0);
        for (int i = 0; i < TRIALS; i++) {
            int b = Select.selectBiased(
                    Select.recv(never, v -> 0),
                    Select.send(full, 0, () -> 0),
                    Select.recv(Chan.<Integer>nil(), v -> 0),
                    Select.recv(c1, v -> v),
                    Select.recv(c2, v -> v),
                    Select.defaultCase(() -> -1));
            assertEquals(1, b, "selectBiased did not pick the first ready case (select " + i + ")");
        }
        assertEquals(1, c1.len());
        assertEquals(TRIALS + 1, c2.len());
    }

    /** selectBiased with a mix: a closed receive before a ready send wins, and vice versa. */
    @Test
    void biasedOrderDecidesBetweenSendAndClosedReceive() throws InterruptedException {
        Chan<Integer> closed = Chan.make();
        closed.close();
        Chan<Integer> roomy = Chan.make(TRIALS);
        for (int i = 0; i < TRIALS; i++) {
            String first = Select.selectBiased(
                    Select.recv(closed, v -> "closed"), Select.send(roomy, i, () -> "sent"));
            assertEquals("closed", first);
        }
        assertEquals(0, roomy.len());
        for (int i = 0; i < TRIALS; i++) {
            String first = Select.selectBiased(
                    Select.send(roomy, i, () -> "sent"), Select.recv(closed, v -> "closed"));
            assertEquals("sent", first);
        }
        assertEquals(TRIALS, roomy.len());
    }

    private static void assertWithinTenSigma(int n1, int n2) {
        assertEquals(TRIALS, n1 + n2, "every select chose one of the two ready cases");
        assertTrue(n1 >= LOW && n1 <= HIGH && n2 >= LOW && n2 <= HIGH,
                "unfair select: " + n1 + " / " + n2 + " (expected " + LOW + ".." + HIGH + " each)");
    }
}
