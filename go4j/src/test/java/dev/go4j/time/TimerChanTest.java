package dev.go4j.time;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.call;
import static dev.go4j.TestSupport.join;
import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.TestSupport.Call;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Go 1.23's synchronous timer channel, for Timer and Ticker alike: a port of the shape of Go's TestChan
 * and testTimerChan (src/time/tick_test.go, the synctimerchan branch) on a {@link ManualClock}. The
 * channel's len and cap are always 0; after stop or reset returns no stale value can be received,
 * with no draining; a value fired into the channel waits for a receiver; goroutines blocked on the
 * channel, directly or in a select, are woken by a fire and not by a stop. Plus a concurrent check,
 * on the system clock, that stop's result accounts exactly for the values received.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TimerChanTest {
    private static final Duration FAR = Duration.ofSeconds(10000);
    private static final Duration NS = Duration.ofNanos(1);

    private final ManualClock clock = new ManualClock();

    /** Timer and Ticker behind one face, as Go's tickerTimer (Ticker's stop and reset return nothing). */
    private interface AnyTimer {
        boolean stop();

        boolean reset(Duration d);

        RecvChan<Instant> c();

        boolean isTicker();
    }

    private AnyTimer make(String kind) throws Exception {
        if (kind.equals("timer")) {
            Timer t = Clock.using(clock, () -> Time.newTimer(FAR));
            return new AnyTimer() {
                public boolean stop() {
                    return t.stop();
                }

                public boolean reset(Duration d) {
                    return t.reset(d);
                }

                public RecvChan<Instant> c() {
                    return t.c();
                }

                public boolean isTicker() {
                    return false;
                }
            };
        }
        Ticker t = Clock.using(clock, () -> Time.newTicker(FAR));
        return new AnyTimer() {
            private boolean stopped;

            public boolean stop() {
                boolean pending = !stopped;
                stopped = true;
                t.stop();
                return pending;
            }

            public boolean reset(Duration d) {
                boolean pending = !stopped;
                stopped = false;
                t.reset(d);
                return pending;
            }

            public RecvChan<Instant> c() {
                return t.c();
            }

            public boolean isTicker() {
                return true;
            }
        };
    }

    private static void assertLenCapZero(RecvChan<Instant> c) {
        assertEquals(0, c.len(), "len of a timer channel is always 0");
        assertEquals(0, c.cap(), "cap of a timer channel is always 0");
    }

    private static void noTick(RecvChan<Instant> c) {
        assertNull(c.tryRecv(), "extra tick");
    }

    private static void assertTick(RecvChan<Instant> c) {
        assertNotNull(c.tryRecv(), "missing tick");
    }

    @ParameterizedTest
    @ValueSource(strings = {"timer", "ticker"})
    void timerChan(String kind) throws Throwable {
        AnyTimer tim = make(kind);
        RecvChan<Instant> c = tim.c();

        // Simple stop; modify of a stopped timer.
        tim.stop();
        noTick(c);
        tim.reset(FAR);
        noTick(c);

        // Modify of a running timer: the tick waits in the channel; len and cap stay 0.
        tim.reset(NS);
        clock.advance(NS);
        assertLenCapZero(c);
        assertTick(c);

        // A ticker ticks again, a timer does not; reset then leaves no stale tick.
        clock.advance(NS);
        tim.reset(FAR);
        noTick(c);

        // Stop while a goroutine is blocked on the channel: it stays blocked; a near reset wakes it.
        Call<Instant> blocked = call(c::recv);
        awaitParked(blocked.thread());
        tim.reset(FAR.multipliedBy(2));
        clock.advance(FAR);
        assertTrue(blocked.thread().isAlive(), "woken by a reset far away");
        tim.reset(NS);
        clock.advance(NS);
        assertEquals(clock.now(), blocked.get());
        if (tim.isTicker()) {
            clock.advance(NS);
            assertTick(c);
        } else {
            clock.advance(NS);
            noTick(c);
        }
        tim.stop();
        noTick(c);

        // Two goroutines selecting on the channel: one fire wakes exactly one of them.
        tim.reset(FAR);
        Chan<Boolean> done = Chan.make(2);
        Chan<Boolean> stop = Chan.make();
        Call<String> s1 = call(() -> selectTickOrStop(c, done, stop));
        Call<String> s2 = call(() -> selectTickOrStop(c, done, stop));
        awaitParked(s1.thread());
        awaitParked(s2.thread());
        assertNull(done.tryRecv(), "early done");
        tim.reset(NS);
        clock.advance(NS);
        assertTrue(done.recv());
        tim.stop();
        stop.close();
        s1.get();
        s2.get();
        assertNull(done.tryRecv(), "one fire woke two receivers");

        // Goroutines blocked on a stopped timer get no data.
        Chan<Boolean> stop2 = Chan.make();
        Call<String> q1 = call(() -> Select.select(Select.recv(c, v -> "unexpected data"), Select.recv(stop2, v -> "ok")));
        Call<String> q2 = call(() -> Select.select(Select.recv(c, v -> "unexpected data"), Select.recv(stop2, v -> "ok")));
        awaitParked(q1.thread());
        awaitParked(q2.thread());
        clock.advance(FAR.multipliedBy(3));
        stop2.close();
        assertEquals("ok", q1.get());
        assertEquals("ok", q2.get());

        // Stop and reset block old values from being received (Go proposal 37196).
        tim.reset(NS);
        clock.advance(NS);
        assertLenCapZero(c);
        assertTrue(tim.stop(), "stop of a fired, unread timer");
        noTick(c);
        tim.reset(Duration.ofHours(1));
        noTick(c);
        assertTrue(tim.reset(NS), "reset of a pending timer");
        clock.advance(NS);
        assertTick(c);
        clock.advance(NS.multipliedBy(10));
        if (tim.isTicker()) {
            assertTick(c);
            clock.advance(NS.multipliedBy(10));
        } else {
            noTick(c);
        }
        assertEquals(tim.isTicker(), tim.reset(Duration.ofHours(1)));
        noTick(c);
        tim.stop();
    }

    private static String selectTickOrStop(RecvChan<Instant> c, Chan<Boolean> done, Chan<Boolean> stop)
            throws InterruptedException {
        return Select.select(Select.recv(c, v -> {
            done.send(true);
            return "tick";
        }), Select.recv(stop, v -> "stop"));
    }

    /**
     * Concurrent stop and reset against a receiver, on the system clock: every arming is either
     * stopped while pending (stop true: its value is never received) or received (stop false). So the
     * receiver gets exactly as many values as stops returned false: a stale value received after a
     * stop returned would break the count, so would a lost one.
     */
    @Test
    void stopAccountsExactlyForReceivedValues() throws Throwable {
        int rounds = scaled(20_000, 200_000);
        Timer t = Time.newTimer(Duration.ofHours(1));
        t.stop();
        AtomicLong received = new AtomicLong();
        Thread receiver = Go.go(() -> {
            for (;;) {
                try {
                    t.c().recv();
                } catch (InterruptedException e) {
                    return;
                }
                received.incrementAndGet();
            }
        });
        long expected = 0;
        long stopped = 0;
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        for (int i = 0; i < rounds; i++) {
            t.reset(Duration.ofNanos(rnd.nextInt(20_000)));
            for (int spin = rnd.nextInt(2_000); spin > 0; spin--) {
                Thread.onSpinWait();
            }
            if (t.stop()) {
                stopped++;
            } else {
                expected++;
            }
        }
        receiver.interrupt();
        join(receiver);
        assertEquals(expected, received.get(), "values received vs. stops that found the value received");
        assertTrue(expected > 0 && stopped > 0, "both outcomes must occur: " + expected + " received, " + stopped + " stopped");
    }
}
