package dev.go4j.lincheck;

import static dev.go4j.lincheck.LincheckSupport.MEDIUM;
import static dev.go4j.lincheck.LincheckSupport.modelCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.go4j.Chan;
import dev.go4j.Select;
import dev.go4j.lincheck.LincheckSupport.Scenario;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checks of interruption racing with a matching party, run by Lincheck's model checker in many
 * interleavings. Go has no interruption; this checks go4j's own rule (see {@link Chan}): an interrupted
 * blocking operation either completed or did nothing. So when an interrupt races a send to a blocked
 * receiver, either the receiver got the value, or it threw {@link InterruptedException} and the value
 * is still there for another receiver: never lost, never delivered twice. The same holds for a blocked
 * sender racing a receiver, and for a blocked select.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LincheckInterruptTest {
    /** A blocked receiver is interrupted while a sender sends 1. */
    static final class ReceiverInterrupted extends Scenario {
        final Chan<Integer> ch;
        Thread receiver;
        Integer got;
        boolean interrupted;

        ReceiverInterrupted(int capacity) {
            ch = Chan.make(capacity);
        }

        @Override
        void run() throws InterruptedException {
            receiver = fork(() -> {
                try {
                    got = ch.recv();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            });
            Thread sender = fork(() -> ch.send(1));
            Thread interrupter = fork(() -> receiver.interrupt());
            join(receiver, interrupter);
            if (interrupted) {
                assertNull(got);
                assertEquals(1, ch.recv(), "the value is still there for another receiver");
            } else {
                assertEquals(1, got);
            }
            join(sender);
            assertNull(ch.tryRecv(), "the value was delivered only once");
        }
    }

    @Test
    void unbufferedInterruptOfBlockedReceiverRacesSend() {
        modelCheck(MEDIUM, () -> new ReceiverInterrupted(0));
    }

    @Test
    void capacityOneInterruptOfBlockedReceiverRacesSend() {
        modelCheck(MEDIUM, () -> new ReceiverInterrupted(1));
    }

    /**
     * A sender blocked on an unbuffered channel (or on a full buffer holding 0) is interrupted while a
     * receiver receives. Either the send completed and the receiver got 1, or the send threw and did
     * nothing: then the receiver gets the 2 that the main thread sends afterwards.
     */
    static final class SenderInterrupted extends Scenario {
        final Chan<Integer> ch;
        final boolean prefilled;
        Thread sender;
        boolean sent;
        boolean interrupted;
        Integer first;
        Integer got;

        SenderInterrupted(int capacity) {
            ch = Chan.make(capacity);
            prefilled = capacity > 0;
            if (prefilled) {
                for (int i = 0; i < capacity; i++) {
                    ch.trySend(0);
                }
            }
        }

        @Override
        void run() throws InterruptedException {
            sender = fork(() -> {
                try {
                    ch.send(1);
                    sent = true;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            });
            Thread receiver = fork(() -> {
                if (prefilled) {
                    first = ch.recv();
                }
                got = ch.recv();
            });
            Thread interrupter = fork(() -> sender.interrupt());
            join(sender, interrupter);
            assertNotEquals(sent, interrupted, "the send completed or threw, not both");
            if (interrupted) {
                ch.send(2);
            }
            join(receiver);
            if (prefilled) {
                assertEquals(0, first, "FIFO: the buffered value comes first");
            }
            assertEquals(sent ? 1 : 2, got);
            assertNull(ch.tryRecv());
        }
    }

    @Test
    void unbufferedInterruptOfBlockedSenderRacesRecv() {
        modelCheck(MEDIUM, () -> new SenderInterrupted(0));
    }

    @Test
    void fullBufferInterruptOfBlockedSenderRacesRecv() {
        modelCheck(MEDIUM, () -> new SenderInterrupted(1));
    }

    /**
     * A select receiving from a or b is interrupted while a sender sends 1 on a. Either the select got
     * 1, or it threw and the value is still there; afterwards no waiter of the select is left that
     * could swallow a value on a or b.
     */
    static final class SelectInterrupted extends Scenario {
        final Chan<Integer> a = Chan.make();
        final Chan<Integer> b = Chan.make();
        Thread selector;
        Integer got;
        boolean interrupted;

        @Override
        void run() throws InterruptedException {
            selector = fork(() -> {
                try {
                    got = Select.select(
                            Select.recv(a, v -> v),
                            Select.recv(b, v -> v));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            });
            Thread sender = fork(() -> a.send(1));
            Thread interrupter = fork(() -> selector.interrupt());
            join(selector, interrupter);
            if (interrupted) {
                assertNull(got);
                assertEquals(1, a.recv(), "the value is still there for another receiver");
            } else {
                assertEquals(1, got);
            }
            join(sender);
            assertFalse(a.trySend(3), "a dead select waiter took a value on a");
            assertFalse(b.trySend(3), "a dead select waiter took a value on b");
        }
    }

    @Test
    void interruptOfBlockedSelectRacesSend() {
        modelCheck(MEDIUM, () -> new SelectInterrupted());
    }
}
