package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.join;

import java.util.concurrent.CompletableFuture;

/**
 * A JVM of its own for {@link ChanErrorTest}: a real {@link OutOfMemoryError} in the growth of an
 * unlimited channel's buffer. Run with a small heap ({@code -Xmx64m}) and the scenario as argument:
 * {@code send} (a plain send's growth fails) or {@code select} (a select's send case fails under the
 * locks of all its channels, two of them with parked waiters). Sends until a doubling of the buffer
 * cannot be allocated, then checks that the sender got the error and that every channel and waiter
 * involved is usable; prints {@code ok} and exits 0, or ends with an exception.
 */
public final class ChanGrowthFailure {
    /**
     * The values sent, in turn: few objects (millions of boxed values would fill the heap before the
     * buffer does), yet distinct enough that a value received out of order is seen.
     */
    private static final Integer[] VALUES = new Integer[1009];

    static {
        for (int i = 0; i < VALUES.length; i++) {
            VALUES[i] = 1000 + i;
        }
    }

    private ChanGrowthFailure() {}

    /** The {@code i}-th value sent. */
    private static Integer value(long i) {
        return VALUES[(int) (i % VALUES.length)];
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "send" -> send();
            case "select" -> select();
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("ok");
    }

    private static void send() throws Exception {
        Chan<Integer> ch = Chan.unlimited();
        long sent = fillUntilGrowthFails(ch);
        long received = 0;
        // Half of it out, as much in again (no growth: the buffer has room), through the ring's wrap.
        for (; received < sent / 2; received++) {
            check(ch.recv() == value(received), "received out of order at " + received);
        }
        for (long stop = sent + sent / 2; sent < stop; sent++) {
            ch.send(value(sent));
        }
        check(ch.len() == sent - received, "len " + ch.len() + " after receiving and sending again");
        long r = received++;
        check(Select.select(Select.recv(ch, v -> v)) == value(r), "a select received out of order");
        long s = sent++;
        int fired = Select.select(Select.send(ch, value(s), () -> 0));
        check(fired == 0, "a select did not send");
        received = drainElsewhere(ch, received, sent);
        // A receiver parked on the now empty channel gets the next value.
        CompletableFuture<Integer> got = new CompletableFuture<>();
        Thread receiver = Go.go(() -> got.complete(ch.recv()));
        awaitParked(receiver);
        ch.send(value(sent));
        join(receiver);
        check(got.get() == value(received), "the parked receiver got " + got.get());
    }

    private static void select() throws Exception {
        Chan<Integer> ch = Chan.unlimited();
        long sent = fillUntilGrowthFails(ch); // close to the heap's end quickly
        Chan<Integer> other = Chan.make();
        Chan<Integer> idle = Chan.make();
        Chan<Integer> elsewhere = Chan.make();
        CompletableFuture<Integer> received = new CompletableFuture<>();
        Thread receiver = Go.go(() -> received.complete(other.recv()));
        CompletableFuture<Integer> selected = new CompletableFuture<>();
        Thread selecting = Go.go(() -> selected.complete(
                Select.select(Select.recv(idle, v -> v), Select.recv(elsewhere, v -> -v))));
        awaitParked(receiver, selecting);
        // The send case on ch is polled first (its buffer is full) and fails under the locks of ch,
        // other and idle; a growth the freed heap still allowed sent, and the next one is tried.
        for (;;) {
            try {
                int fired = Select.selectBiased(
                        Select.send(ch, value(sent), () -> 0), Select.send(other, 1, () -> 1), Select.recv(idle, v -> 2));
                check(fired == 0, "case " + fired + " fired before the ready send on ch");
                sent++;
            } catch (OutOfMemoryError expected) {
                break;
            }
        }
        checkFull(ch, sent);
        Thread unblocker = Go.go(() -> {
            other.send(7); // the receiver parked on other before the failure gets it
            idle.send(8); // and so does the select parked on idle
        });
        join(unblocker);
        join(receiver);
        join(selecting);
        check(received.get() == 7 && selected.get() == 8, "the parked waiters got " + received.get() + ", " + selected.get());
        drainElsewhere(ch, 0, sent);
        ch.send(value(sent));
        check(ch.recv() == value(sent), "a send after the failure");
    }

    /** Sends to {@code ch} until a send throws {@link OutOfMemoryError}; returns how many were sent. */
    private static long fillUntilGrowthFails(Chan<Integer> ch) throws InterruptedException {
        long sent = 0;
        try {
            for (;;) {
                ch.send(value(sent));
                sent++;
            }
        } catch (OutOfMemoryError expected) {
            checkFull(ch, sent);
            return sent;
        }
    }

    /** Checks that a failed send left {@code ch} with exactly the {@code sent} values of a full buffer. */
    private static void checkFull(Chan<Integer> ch, long sent) {
        check(ch.len() == sent, "len " + ch.len() + " after " + sent + " sends and a failed one");
        check(sent >= 16 && Long.bitCount(sent) == 1, "the send failed at " + sent + " values, not when a buffer was full");
    }

    /** Receives, in another goroutine, values {@code from} up to {@code to} in order; returns {@code to}. */
    private static long drainElsewhere(Chan<Integer> ch, long from, long to) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread drainer = Go.go(() -> {
            for (long i = from; i < to; i++) {
                Integer v = ch.recv();
                if (v != value(i)) {
                    done.completeExceptionally(new AssertionError("received " + v + " at " + i + ", sent " + value(i)));
                    return;
                }
            }
            done.complete(null);
        });
        join(drainer);
        done.get();
        check(ch.len() == 0, "len " + ch.len() + " after draining");
        return to;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }
}
