package dev.go4j.examples.ch5;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import dev.go4j.time.Ticker;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * C5-03 and C5-04, Heartbeats: a worker pulses every second and produces a result every two; the
 * consumer gives up when it hears nothing for 2 s. {@code done} is closed after 10 s. The misbehaving
 * worker (C5-04) stops after two iterations without closing its channels, and the consumer notices:
 * {@code worker goroutine is not healthy!}. Inline code on channels and {@code dev.go4j.time}; the
 * book's {@code time.Tick} tickers are stopped when the worker ends, so none is left running.
 */
public final class IntervalHeartbeat implements Example {
    private final boolean misbehaving;

    /** C5-03 ({@code false}) or C5-04 ({@code true}). */
    public IntervalHeartbeat(boolean misbehaving) {
        this.misbehaving = misbehaving;
    }

    /** The worker's two channels. */
    record Worker(RecvChan<Object> heartbeat, RecvChan<Instant> results) {}

    Worker doWork(RecvChan<?> done, Duration pulseInterval) {
        Chan<Object> heartbeat = Chan.make();
        Chan<Instant> results = Chan.make();
        Go.go(() -> {
            Ticker pulse = Time.newTicker(pulseInterval);
            Ticker workGen = Time.newTicker(pulseInterval.multipliedBy(2));
            try {
                for (int i = 0; misbehaving ? i < 2 : true; i++) {
                    boolean go = Select.select(
                            Select.recv(done, x -> false),
                            Select.recv(pulse.c(), t -> {
                                Heartbeats.sendPulse(heartbeat);
                                return true;
                            }),
                            Select.recv(workGen.c(), r -> sendResult(done, pulse, heartbeat, results, r)));
                    if (!go) {
                        return;
                    }
                }
                // The misbehaving worker stops here without closing its channels, on purpose.
            } finally {
                pulse.stop();
                workGen.stop();
                if (!misbehaving) {
                    heartbeat.close();
                    results.close();
                }
            }
        });
        return new Worker(heartbeat, results);
    }

    /** Sends {@code r}, pulsing while it waits; false if {@code done} closed. */
    private static boolean sendResult(RecvChan<?> done, Ticker pulse, Chan<Object> heartbeat,
            Chan<Instant> results, Instant r)
            throws InterruptedException {
        for (;;) {
            Boolean sent = Select.select(
                    Select.recv(done, x -> false),
                    Select.recv(pulse.c(), t -> {
                        Heartbeats.sendPulse(heartbeat);
                        return null;
                    }),
                    Select.send(results, r, () -> true));
            if (sent != null) {
                return sent;
            }
        }
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        Chan<Object> done = Chan.make();
        var closer = Time.afterFunc(Duration.ofSeconds(10), done::close);
        {
            try {
                Duration timeout = Duration.ofSeconds(2);
                Worker w = doWork(done, timeout.dividedBy(2));
                for (boolean more = true; more; ) {
                    more = Select.select(
                            Select.recv(w.heartbeat(), p -> {
                                if (p == null) {
                                    return false;
                                }
                                out.println("pulse");
                                return true;
                            }),
                            Select.recv(w.results(), r -> {
                                if (r == null) {
                                    return false;
                                }
                                out.printf("results %d%n", r.atZone(ZoneOffset.UTC).getSecond());
                                return true;
                            }),
                            Select.timeout(timeout, () -> {
                                if (misbehaving) {
                                    out.println("worker goroutine is not healthy!");
                                }
                                return false;
                            }));
                }
            } finally {
                if (closer.stop()) {
                    done.close(); // the program would exit here; stop the worker instead
                }
            }
        }
    }
}
