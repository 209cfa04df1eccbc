package dev.go4j.examples.ch5;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.examples.GoLog;
import dev.go4j.pattern.Channels;
import dev.go4j.time.Ticker;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * The book's {@code newSteward}, inline on channels and {@code dev.go4j.time} (the library's steward is
 * being written elsewhere): it starts a ward, and restarts it whenever no heartbeat came within the
 * timeout; the ward gets {@code or(wardDone, done)} so that the steward can stop it.
 */
final class Steward {
    private Steward() {}

    /** The book's {@code startGoroutineFn}: starts a goroutine and returns its heartbeat (maybe nil). */
    @FunctionalInterface
    interface StartGoroutineFn {
        RecvChan<?> start(RecvChan<?> done, Duration pulseInterval);
    }

    static StartGoroutineFn newSteward(PrintStream out, Duration timeout, StartGoroutineFn startGoroutine) {
        return (done, pulseInterval) -> {
            Chan<Object> heartbeat = Chan.make();
            Go.go(() -> {
                Ticker pulse = Time.newTicker(pulseInterval);
                Ward ward = new Ward(startGoroutine, done, timeout);
                try {
                    monitorLoop:
                    for (;;) {
                        RecvChan<?> timeoutSignal = Time.after(timeout);
                        for (;;) {
                            String what = Select.select(
                                    Select.recv(pulse.c(), t -> "pulse"),
                                    Select.recv(ward.heartbeat, h -> "ward"),
                                    Select.recv(timeoutSignal, t -> "timeout"),
                                    Select.recv(done, x -> "done"));
                            switch (what) {
                                case "pulse" -> Heartbeats.sendPulse(heartbeat);
                                case "ward" -> {
                                    continue monitorLoop;
                                }
                                case "timeout" -> {
                                    GoLog.printf(out, "steward: ward unhealthy; restarting");
                                    ward.restart();
                                    continue monitorLoop;
                                }
                                default -> {
                                    return;
                                }
                            }
                        }
                    }
                } finally {
                    pulse.stop();
                    heartbeat.close();
                }
            });
            return heartbeat;
        };
    }

    /** The steward's current ward: its done channel and its heartbeat. */
    private static final class Ward {
        private final StartGoroutineFn start;
        private final RecvChan<?> done;
        private final Duration timeout;
        private Chan<Object> wardDone;
        RecvChan<?> heartbeat;

        Ward(StartGoroutineFn start, RecvChan<?> done, Duration timeout) {
            this.start = start;
            this.done = done;
            this.timeout = timeout;
            startWard();
        }

        private void startWard() {
            wardDone = Chan.make();
            RecvChan<?> hb = start.start(Channels.or(wardDone, done), timeout.dividedBy(2));
            heartbeat = hb != null ? hb : Chan.nil();
        }

        void restart() {
            wardDone.close();
            startWard();
        }
    }
}
