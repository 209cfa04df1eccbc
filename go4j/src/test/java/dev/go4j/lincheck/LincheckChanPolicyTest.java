package dev.go4j.lincheck;

import static dev.go4j.lincheck.LincheckSupport.LIGHT;
import static dev.go4j.lincheck.LincheckSupport.MEDIUM;
import static dev.go4j.lincheck.LincheckSupport.modelCheck;
import static dev.go4j.lincheck.LincheckSupport.send;
import static dev.go4j.lincheck.LincheckSupport.sortedNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.go4j.BufferPolicy;
import dev.go4j.Chan;
import dev.go4j.ChannelClosedException;
import dev.go4j.Select;
import dev.go4j.lincheck.LincheckSupport.Scenario;
import dev.go4j.lincheck.LincheckSupport.Sent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checks of the channel's paths beyond Go, each a small fixed scenario run by Lincheck's model
 * checker in many interleavings: a send to a full buffer under a dropping policy racing a receiver
 * (and a select send case), with the undelivered-element hook (nothing lost, nothing handed out twice:
 * Kotlin's onUndeliveredElement contract); {@code close(cause)} racing a receiver (buffered values
 * first, then the cause, also for a receiver blocked when the close happened); and {@code cancel}
 * racing a sender and a receiver (every value a send completed is received or discarded to the hook,
 * exactly once; a send that threw never counts).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LincheckChanPolicyTest {

    /** Collects the values given to the hook; a field of the scenario, so Lincheck sees the accesses. */
    static final class Hook {
        final AtomicInteger count = new AtomicInteger();
        final AtomicInteger sum = new AtomicInteger();

        void accept(Integer v) {
            count.incrementAndGet();
            sum.addAndGet(v);
        }
    }

    /**
     * Two senders (one by {@code send}, one by a select send case) send 1 and 2 to a full dropping
     * buffer of one value (holding 10) while a receiver receives once; afterwards the rest is cancelled.
     * Every value sent (10, 1, 2) is received or given to the hook exactly once.
     */
    static final class DropRace extends Scenario {
        final Hook hook = new Hook();
        final Chan<Integer> ch;
        Integer got;

        DropRace(BufferPolicy policy) {
            ch = Chan.make(1, policy, hook::accept);
            ch.trySend(10);
        }

        @Override
        void run() {
            Thread s1 = fork(() -> ch.send(1));
            Thread s2 = fork(() -> Select.select(Select.send(ch, 2, () -> null)));
            Thread r = fork(() -> got = ch.recv());
            join(s1, s2, r);
            Integer left = ch.tryRecv();
            ch.cancel();
            int count = hook.count.get() + (got == null ? 0 : 1) + (left == null ? 0 : 1);
            int sum = hook.sum.get() + (got == null ? 0 : got) + (left == null ? 0 : left);
            assertEquals(3, count, "each value received or undelivered once");
            assertEquals(13, sum);
        }
    }

    @Test
    void dropOldestRace() {
        modelCheck(MEDIUM, () -> new DropRace(BufferPolicy.DROP_OLDEST));
    }

    @Test
    void dropNewestRace() {
        modelCheck(MEDIUM, () -> new DropRace(BufferPolicy.DROP_NEWEST));
    }

    /**
     * A sender sends 1 then closes with a cause while a receiver calls {@code recvOrThrow} twice: it
     * gets 1, then the cause (blocked or not when the close happened).
     */
    static final class CloseCauseRace extends Scenario {
        final IllegalStateException cause = new IllegalStateException("stage failed");
        final Chan<Integer> ch;
        Integer first;
        Throwable second;

        CloseCauseRace(int capacity) {
            ch = Chan.make(capacity);
        }

        @Override
        void run() {
            Thread s = fork(() -> {
                ch.send(1);
                ch.close(cause);
            });
            Thread r = fork(() -> {
                first = ch.recvOrThrow();
                try {
                    ch.recvOrThrow();
                } catch (ChannelClosedException e) {
                    second = e.getCause();
                }
            });
            join(s, r);
            assertEquals(1, first);
            assertSame(cause, second);
            assertNull(ch.tryRecv());
        }
    }

    @Test
    void unbufferedCloseCause() {
        modelCheck(LIGHT, () -> new CloseCauseRace(0));
    }

    @Test
    void bufferedCloseCause() {
        modelCheck(LIGHT, () -> new CloseCauseRace(1));
    }

    /**
     * A sender sends 1, 2, 3 to a blocking buffer of one while a receiver receives once and a third
     * thread cancels: the values whose send completed are exactly those received or given to the hook.
     */
    static final class CancelRace extends Scenario {
        final Hook hook = new Hook();
        final Chan<Integer> ch = Chan.make(1, BufferPolicy.BLOCK, hook::accept);
        final Sent[] sent = new Sent[3];
        Integer got;

        @Override
        void run() {
            Thread s = fork(() -> {
                for (int i = 0; i < 3; i++) {
                    sent[i] = send(ch, i + 1);
                }
            });
            Thread r = fork(() -> got = ch.recv());
            Thread c = fork(ch::cancel);
            join(s, r, c);
            List<Integer> completed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                if (sent[i] == Sent.OK) {
                    completed.add(i + 1);
                }
            }
            int sum = completed.stream().mapToInt(Integer::intValue).sum();
            assertEquals(completed.size(), hook.count.get() + sortedNonNull(got).size(), "count");
            assertEquals(sum, hook.sum.get() + (got == null ? 0 : got), "sum");
            assertNull(ch.tryRecv());
            assertEquals(true, ch.isDrained(), "cancelled");
        }
    }

    @Test
    void cancelRace() {
        modelCheck(MEDIUM, () -> new CancelRace());
    }
}
