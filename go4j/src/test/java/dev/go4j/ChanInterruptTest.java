package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport.Goroutines;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rule 7: interruption. A blocked send or receive that is interrupted throws InterruptedException and
 * did nothing: the sender's value was not delivered, the receiver took no value and no longer waits.
 * An operation that completed despite a racing interrupt returns normally. The randomized test checks
 * "all or nothing" by accounting for every value exactly once. A thread whose interrupt status is set
 * when it calls an operation that must block throws at once.
 */
@Timeout(60)
class ChanInterruptTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted(); // never leak an interrupt into the next test
    }

    /** Runs {@code op} in a goroutine, waits until it parks, interrupts it, and returns what it threw. */
    private static Throwable interruptWhileBlocked(Executable op) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        try (Goroutines g = new Goroutines()) {
            Thread t = g.go(() -> {
                try {
                    op.execute();
                } catch (Throwable e) {
                    thrown.set(e);
                    flagAfter.set(Thread.currentThread().isInterrupted());
                }
            });
            awaitParked(t);
            t.interrupt();
            g.joinAll();
        }
        assertInstanceOf(InterruptedException.class, thrown.get(), "the interrupted operation's outcome");
        assertFalse(flagAfter.get(), "InterruptedException clears the interrupt status");
        return thrown.get();
    }

    @Test
    void blockedUnbufferedSendInterrupted() throws Exception {
        Chan<Integer> ch = Chan.make();
        interruptWhileBlocked(() -> ch.send(1));
        assertNull(ch.tryRecv(), "the interrupted sender's value is not offered any more");
        assertEquals(0, ch.len());
        // The channel still works: the dead waiter does not get in the way.
        try (Goroutines g = new Goroutines()) {
            awaitParked(g.go(() -> ch.send(2)));
            assertEquals(2, ch.recv());
            g.joinAll();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4})
    void blockedFullSendInterrupted(int cap) throws Exception {
        Chan<Integer> ch = Chan.make(cap);
        for (int i = 0; i < cap; i++) {
            ch.send(i);
        }
        interruptWhileBlocked(() -> ch.send(99));
        assertEquals(cap, ch.len());
        for (int i = 0; i < cap; i++) {
            assertEquals(i, ch.recv());
        }
        assertNull(ch.tryRecv(), "the interrupted sender's value was not delivered");
        assertEquals(0, ch.len());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void blockedRecvInterrupted(int cap) throws Exception {
        Chan<Integer> ch = Chan.make(cap);
        interruptWhileBlocked(ch::recv);
        if (cap == 0) {
            assertFalse(ch.trySend(1), "the interrupted receiver no longer waits");
        } else {
            assertTrue(ch.trySend(1));
            assertEquals(1, ch.len(), "the value went to the buffer, not to the interrupted receiver");
            assertEquals(1, ch.recv());
        }
    }

    /**
     * Runs {@code op} in a goroutine whose interrupt status is set beforehand: it must throw
     * InterruptedException without waiting for anything (were it to block, the bounded join fails and
     * the group's close interrupts it again), and clear the status.
     */
    private static void throwsAtOnceIfInterrupted(String what, Executable op) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean flagAfter = new AtomicBoolean();
        try (Goroutines g = new Goroutines()) {
            g.go(() -> {
                Thread.currentThread().interrupt();
                try {
                    op.execute();
                } catch (Throwable e) {
                    thrown.set(e);
                    flagAfter.set(Thread.currentThread().isInterrupted());
                }
            });
            g.joinAll();
        }
        assertInstanceOf(InterruptedException.class, thrown.get(), what);
        assertFalse(flagAfter.get(), what + ": InterruptedException clears the interrupt status");
    }

    /** Operations that must block throw InterruptedException at once if the interrupt status is set. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void interruptedBeforeBlockingOpThrowsAtOnce(int cap) throws Exception {
        Chan<Integer> ch = Chan.make(cap);
        throwsAtOnceIfInterrupted("recv on an empty channel", ch::recv);
        for (int i = 0; i < cap; i++) {
            ch.send(i);
        }
        throwsAtOnceIfInterrupted("send on a full channel", () -> ch.send(99));
        for (int i = 0; i < cap; i++) {
            assertEquals(i, ch.recv());
        }
        assertNull(ch.tryRecv(), "the value of the send that threw was not delivered");
        throwsAtOnceIfInterrupted("nil recv", () -> Chan.<Integer>nil().recv());
        throwsAtOnceIfInterrupted("nil send", () -> Chan.<Integer>nil().send(1));
    }

    /**
     * The race at the heart of "all or nothing": a parked receiver (or sender) is interrupted by one
     * goroutine while a matcher goroutine tries to complete its operation with {@code trySend}
     * ({@code tryRecv}) at about the moment the interrupted goroutine wakes up. Exactly one of them may
     * win: either the match succeeded and the parked operation returns normally with the value and the
     * interrupt status still set, or the match failed and the parked operation throws
     * InterruptedException. A match that succeeded while the parked side threw is a lost value (or one
     * delivered by a send that reported failure).
     *
     * <p>The delay between triggering the interrupter and the match attempt is adapted as a staircase
     * (longer after a match won, shorter after the interrupt won), so the attempts cluster around the
     * instant where the two race, whatever the machine's wake-up latencies.
     */
    @ParameterizedTest
    @ValueSource(strings = {"receiver/unbuffered", "sender/unbuffered", "sender/full"})
    @Timeout(120)
    void interruptRacingWithMatchIsAllOrNothing(String who) throws Exception {
        int trials = scaled(10_000, 100_000);
        boolean parkedIsReceiver = who.startsWith("receiver");
        int cap = who.endsWith("full") ? 1 : 0;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int matched = 0;
        int interrupted = 0;
        long delay = 1_000; // ns between triggering the interrupter and the match attempt
        try (Goroutines interrupters = new Goroutines()) {
            Chan<Thread> toInterrupt = Chan.make();
            AtomicInteger interruptsDone = new AtomicInteger();
            Thread interrupter = interrupters.go(() -> {
                for (Thread t : toInterrupt) {
                    t.interrupt();
                    interruptsDone.incrementAndGet();
                }
            });
            for (int t = 0; t < trials; t++) {
                int trial = t;
                Chan<Integer> ch = Chan.make(cap);
                if (cap > 0) {
                    ch.send(-1); // full
                }
                AtomicReference<Object> outcome = new AtomicReference<>();
                AtomicBoolean flagAfter = new AtomicBoolean();
                try (Goroutines g = new Goroutines()) {
                    Thread parked = g.go(() -> {
                        try {
                            if (parkedIsReceiver) {
                                outcome.set(ch.recv());
                            } else {
                                ch.send(trial);
                                outcome.set("sent");
                            }
                        } catch (InterruptedException e) {
                            outcome.set(e);
                        }
                        // Once the interrupt has been delivered, it must still be pending unless it was
                        // reported by InterruptedException: a completed operation does not swallow it.
                        TestSupport.awaitTrue("the interrupt is delivered", () -> interruptsDone.get() > trial);
                        flagAfter.set(Thread.currentThread().isInterrupted());
                    });
                    awaitParked(parked, interrupter);
                    long wait = delay / 2 + rnd.nextLong(delay + 1);
                    AtomicBoolean matchWon = new AtomicBoolean();
                    g.go(() -> { // the matcher: a goroutine too, so that all three run on the carriers
                        toInterrupt.send(parked);
                        for (long until = System.nanoTime() + wait; System.nanoTime() - until < 0; ) {
                            Thread.onSpinWait();
                        }
                        if (parkedIsReceiver) {
                            matchWon.set(ch.trySend(trial));
                        } else if (cap == 0) {
                            matchWon.set(ch.tryRecv() != null);
                        } else {
                            assertEquals(-1, ch.tryRecv(), "the buffered value comes first");
                            matchWon.set(ch.tryRecv() != null); // the sender's value, if it joined the buffer
                        }
                    });
                    g.joinAll();
                    boolean matchSucceeded = matchWon.get();
                    delay = matchSucceeded ? Math.min(delay + delay / 8 + 16, 200_000) : delay - delay / 8;
                    Object o = outcome.get();
                    if (matchSucceeded) {
                        matched++;
                        assertEquals(parkedIsReceiver ? trial : "sent", o,
                                "trial " + trial + ": the match succeeded, so the parked operation completed");
                        assertTrue(flagAfter.get(), "trial " + trial + ": completed, and the interrupt status kept");
                    } else {
                        interrupted++;
                        assertInstanceOf(InterruptedException.class, o,
                                "trial " + trial + ": no match, so the parked operation was interrupted");
                        assertFalse(flagAfter.get(), "trial " + trial + ": InterruptedException clears the status");
                    }
                }
            }
            toInterrupt.close();
            interrupters.joinAll();
        }
        assertTrue(matched > 0 && interrupted > 0,
                "both outcomes should occur (matched " + matched + ", interrupted " + interrupted + ")");
    }

    /** Spins a random short while. */
    private static void pause() {
        for (int spins = ThreadLocalRandom.current().nextInt(128); spins > 0; spins--) {
            Thread.onSpinWait();
        }
    }

    /**
     * Senders and receivers are interrupted at random moments (parked or running) by a chaos loop. A
     * send that threw delivered nothing; one that returned delivered its value; a receive that threw took
     * nothing. So the values received are exactly the values whose send returned: no value lost,
     * duplicated, or delivered by a send that reported failure.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    @Timeout(120)
    void randomInterruptsLoseAndDuplicateNothing(int cap) throws Exception {
        int senders = 4;
        int receivers = 4;
        int perSender = scaled(20_000, 200_000);
        Chan<Integer> ch = Chan.make(cap);
        List<BitSet> delivered = new ArrayList<>();
        List<BitSet> received = new ArrayList<>();
        AtomicInteger sendInterrupted = new AtomicInteger();
        AtomicInteger recvInterrupted = new AtomicInteger();
        List<Thread> all = new ArrayList<>();
        try (Goroutines sendersGroup = new Goroutines(); Goroutines receiversGroup = new Goroutines()) {
            for (int s = 0; s < senders; s++) {
                BitSet mine = new BitSet();
                delivered.add(mine);
                int base = s * perSender;
                all.add(sendersGroup.go(() -> {
                    for (int i = 0; i < perSender; i++) {
                        try {
                            ch.send(base + i);
                            mine.set(base + i);
                        } catch (InterruptedException e) {
                            sendInterrupted.incrementAndGet();
                        }
                        pause(); // give the chaos loop time to hit this sender, parked or not
                    }
                }));
            }
            for (int r = 0; r < receivers; r++) {
                BitSet mine = new BitSet();
                received.add(mine);
                all.add(receiversGroup.go(() -> {
                    for (;;) {
                        Integer v;
                        try {
                            v = ch.recv();
                        } catch (InterruptedException e) {
                            recvInterrupted.incrementAndGet();
                            continue;
                        }
                        if (v == null) {
                            return;
                        }
                        assertFalse(mine.get(v), "received twice: " + v);
                        mine.set(v);
                        pause();
                    }
                }));
            }
            // The chaos loop: interrupt a random party, pause, repeat, until the senders are done.
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            List<Thread> sendersOnly = all.subList(0, senders);
            while (sendersOnly.stream().anyMatch(Thread::isAlive)) {
                all.get(rnd.nextInt(all.size())).interrupt();
                pause();
            }
            sendersGroup.joinAll();
            ch.close();
            receiversGroup.joinAll();
        }
        BitSet sent = new BitSet();
        long sentCount = 0;
        long sentSum = 0;
        for (BitSet b : delivered) {
            sent.or(b);
            sentCount += b.cardinality();
            sentSum += b.stream().asLongStream().sum();
        }
        BitSet got = new BitSet();
        long gotCount = 0;
        long gotSum = 0;
        for (BitSet b : received) {
            assertFalse(got.intersects(b), "a value was received by two receivers");
            got.or(b);
            gotCount += b.cardinality();
            gotSum += b.stream().asLongStream().sum();
        }
        assertEquals(sentCount, gotCount, "count: values whose send returned vs values received");
        assertEquals(sentSum, gotSum, "sum");
        BitSet lost = (BitSet) sent.clone();
        lost.andNot(got);
        BitSet phantom = (BitSet) got.clone();
        phantom.andNot(sent);
        assertTrue(lost.isEmpty(), "delivered but never received: " + lost);
        assertTrue(phantom.isEmpty(), "received although their send threw: " + phantom);
        assertTrue(sendInterrupted.get() + recvInterrupted.get() > 0, "the test interrupted no operation");
    }
}
