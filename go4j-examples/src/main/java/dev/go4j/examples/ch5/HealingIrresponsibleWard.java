package dev.go4j.examples.ch5;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import dev.go4j.examples.GoLog;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * C5-15, Healing Unhealthy Goroutines: a steward with a 4 s timeout watches a ward that never
 * heartbeats (its heartbeat is a nil channel), so it restarts it at 4 s and 8 s; main halts both at
 * 9 s. The steward is the book's inline code ({@link Steward}).
 */
public final class HealingIrresponsibleWard implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        Steward.StartGoroutineFn doWork = (done, pulseInterval) -> {
            GoLog.printf(out, "ward: Hello, I'm irresponsible!");
            Go.go(() -> {
                done.recv();
                GoLog.printf(out, "ward: I am halting.");
            });
            return null;
        };
        Steward.StartGoroutineFn doWorkWithSteward = Steward.newSteward(out, Duration.ofSeconds(4), doWork);
        Chan<Object> done = Chan.make();
        Time.afterFunc(Duration.ofSeconds(9), () -> {
            GoLog.printf(out, "main: halting steward and ward.");
            done.close();
        });
        RecvChan<?> heartbeat = doWorkWithSteward.start(done, Duration.ofSeconds(4));
        while (heartbeat.recv() != null) {
            // the book's `for range doWorkWithSteward(done, 4*time.Second) {}`
        }
        GoLog.printf(out, "Done");
    }
}
