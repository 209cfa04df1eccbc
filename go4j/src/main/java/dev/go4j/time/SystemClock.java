package dev.go4j.time;

import dev.go4j.internal.Timers;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** {@link Clock#system()}: the JDK's clocks and one daemon timer thread. */
final class SystemClock implements Clock {
    static final SystemClock INSTANCE = new SystemClock();
    static final InheritableThreadLocal<Clock> CURRENT = new InheritableThreadLocal<>();

    private final ScheduledThreadPoolExecutor timers;

    private SystemClock() {
        timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "go4j-timer");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public Alarm at(long deadline, Runnable action) {
        Timers.scheduled();
        ScheduledFuture<?> f = timers.schedule(() -> {
            Timers.done();
            action.run();
        }, deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        return () -> {
            boolean cancelled = f.cancel(false);
            if (cancelled) {
                Timers.done();
            }
            return cancelled;
        };
    }
}
