package dev.go4j;

import static dev.go4j.TestSupport.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Select on closed channels. Ports the select parts of Go's test/chan/closedchan.go, whose channel
 * operations are run through {@code select} in several shapes (a lone case, a case with a never-ready
 * partner case, with and without default): a receive case on a closed channel is ready and its handler
 * gets {@code null} (after the buffered values); a chosen send case on a closed channel throws
 * ChannelException "send on closed channel", even with a default present and even when the select was
 * already parked on the send when another goroutine closed the channel.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectClosedTest {

    /** The select shapes through which closedchan.go drives each channel operation. */
    enum Shape {
        /** {@code select { case op: }} */
        LONE,
        /** {@code select { case op: case <-never: }} (closedchan.go's SSChan) */
        WITH_NEVER_READY_CASE,
        /** As above with selectBiased and the real case last. */
        BIASED_LAST;

        <T> T recv(Chan<T> c) throws InterruptedException {
            Chan<T> never = Chan.make();
            return switch (this) {
                case LONE -> Select.select(Select.recv(c, v -> v));
                case WITH_NEVER_READY_CASE -> Select.select(Select.recv(c, v -> v), Select.recv(never, v -> unreachable()));
                case BIASED_LAST -> Select.selectBiased(Select.recv(never, v -> unreachable()), Select.recv(c, v -> v));
            };
        }

        /** Non-blocking receive: the case's value, or {@code defaultValue} if the default ran. */
        <T> T tryRecv(Chan<T> c, T defaultValue) throws InterruptedException {
            Chan<T> never = Chan.make();
            return switch (this) {
                case LONE -> Select.select(Select.recv(c, v -> v), Select.defaultCase(() -> defaultValue));
                case WITH_NEVER_READY_CASE -> Select.select(Select.recv(c, v -> v),
                        Select.send(never, defaultValue, () -> unreachable()), Select.defaultCase(() -> defaultValue));
                case BIASED_LAST -> Select.selectBiased(Select.recv(never, v -> unreachable()), Select.recv(c, v -> v),
                        Select.defaultCase(() -> defaultValue));
            };
        }

        <T> void send(Chan<T> c, T x) throws InterruptedException {
            Chan<T> never = Chan.make();
            switch (this) {
                case LONE -> Select.select(Select.send(c, x, () -> null));
                case WITH_NEVER_READY_CASE -> Select.select(Select.send(c, x, () -> null), Select.recv(never, v -> unreachable()));
                case BIASED_LAST -> Select.selectBiased(Select.recv(never, v -> unreachable()), Select.send(c, x, () -> null));
            }
        }

        /** Non-blocking send: true if the send case ran, false if the default did. */
        <T> boolean trySend(Chan<T> c, T x) throws InterruptedException {
            Chan<T> never = Chan.make();
            return switch (this) {
                case LONE -> Select.select(Select.send(c, x, () -> true), Select.defaultCase(() -> false));
                case WITH_NEVER_READY_CASE -> Select.select(Select.send(c, x, () -> true),
                        Select.recv(never, v -> unreachable()), Select.defaultCase(() -> false));
                case BIASED_LAST -> Select.selectBiased(Select.recv(never, v -> unreachable()), Select.send(c, x, () -> true),
                        Select.defaultCase(() -> false));
            };
        }
    }

    private static <R> R unreachable() {
        throw new AssertionError("a never-ready case fired");
    }

    /** closedchan.go's test1 for an unbuffered channel closed with nothing in it. */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void receiveOnClosedIsReadyAndGivesNull(Shape shape) throws InterruptedException {
        Chan<Integer> c = Chan.make();
        c.close();
        for (int i = 0; i < 10; i++) {
            assertNull(shape.recv(c), "receive on closed channel");
            assertNull(shape.tryRecv(c, -1), "non-blocking receive on closed channel must pick the receive case");
        }
    }

    /** Sending on a closed channel through select panics, with or without a default. */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void sendOnClosedThrows(Shape shape) {
        Chan<Integer> c = Chan.make(2);
        c.close();
        ChannelException e = assertThrows(ChannelException.class, () -> shape.send(c, 7));
        assertEquals("send on closed channel", e.getMessage());
        e = assertThrows(ChannelException.class, () -> shape.trySend(c, 7));
        assertEquals("send on closed channel", e.getMessage());
        assertEquals(0, c.len());
    }

    /** closedchan.go's testasync: buffered values survive the close and come first. */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void bufferedValuesThenNull(Shape shape) throws InterruptedException {
        Chan<Integer> c = Chan.make(3);
        assertTrue(shape.trySend(c, 1));
        shape.send(c, 2);
        assertTrue(shape.trySend(c, 3));
        assertEquals(false, shape.trySend(c, 4), "full channel: the default must run");
        c.close();
        assertEquals(1, shape.recv(c));
        assertEquals(2, shape.tryRecv(c, -1));
        assertEquals(3, shape.recv(c));
        assertNull(shape.tryRecv(c, -1));
        assertNull(shape.recv(c));
    }

    /** A select parked on a receive case wakes with null when another goroutine closes the channel. */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void parkedReceiveWokenByClose(Shape shape) throws Throwable {
        Chan<Integer> c = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Call<String> r = g.call(() -> {
                Integer v = shape.recv(c);
                return v == null ? "closed" : "value " + v;
            });
            awaitParked(r.thread());
            c.close();
            assertEquals("closed", r.get());
            g.joinAll();
        }
    }

    /** A select parked on a send case throws "send on closed channel" when another goroutine closes it. */
    @ParameterizedTest
    @EnumSource(Shape.class)
    void parkedSendFailsWhenClosed(Shape shape) throws Throwable {
        Chan<Integer> c = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Call<Object> s = g.call(() -> {
                try {
                    shape.send(c, 7);
                    return "sent";
                } catch (ChannelException e) {
                    return e;
                }
            });
            awaitParked(s.thread());
            c.close();
            ChannelException e = assertInstanceOf(ChannelException.class, s.get());
            assertEquals("send on closed channel", e.getMessage());
            assertNull(c.recv(), "the value of a failed send must not be delivered");
            g.joinAll();
        }
    }

    /**
     * A select parked on a send to one channel and a receive from another: closing the receive side
     * fires the receive case with null, and the send did not happen.
     */
    @Test
    void closingOneChannelOfParkedSelect() throws Throwable {
        Chan<Integer> out = Chan.make();
        Chan<Integer> in = Chan.make();
        try (Goroutines g = new Goroutines()) {
            Call<String> s = g.call(() -> Select.select(
                    Select.send(out, 1, () -> "sent"),
                    Select.recv(in, v -> v == null ? "in closed" : "got " + v)));
            awaitParked(s.thread());
            in.close();
            assertEquals("in closed", s.get());
            assertNull(out.tryRecv(), "the losing send case must not have sent");
            out.close();
            assertNull(out.recv());
            g.joinAll();
        }
    }

    /** Closing a channel wakes every select parked on it: receivers get null, senders throw. */
    @Test
    void closeWakesAllParkedSelects() throws Throwable {
        Chan<Integer> receivedFrom = Chan.make();
        Chan<Integer> sentTo = Chan.make();
        Chan<Integer> other = Chan.make();
        AtomicInteger fired = new AtomicInteger();
        try (Goroutines g = new Goroutines()) {
            List<Call<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                int id = i;
                calls.add(g.call(() -> {
                    try {
                        return id % 2 == 0
                                ? Select.select(Select.recv(other, v -> "other"),
                                        Select.recv(receivedFrom, v -> v == null ? "closed" : "value"))
                                : Select.select(Select.recv(other, v -> "other"), Select.send(sentTo, id, () -> {
                                    fired.incrementAndGet();
                                    return "sent";
                                }));
                    } catch (ChannelException e) {
                        return e.getMessage();
                    }
                }));
            }
            for (Call<String> call : calls) {
                awaitParked(call.thread());
            }
            receivedFrom.close();
            sentTo.close();
            for (int i = 0; i < calls.size(); i++) {
                assertEquals(i % 2 == 0 ? "closed" : "send on closed channel", calls.get(i).get());
            }
            assertEquals(0, fired.get());
            g.joinAll();
        }
    }
}
