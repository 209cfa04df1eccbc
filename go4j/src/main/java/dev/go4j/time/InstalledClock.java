package dev.go4j.time;

import dev.go4j.internal.TimeSource;

/** A clock installed by {@link Clock#using}, as the core's {@link TimeSource} (which a select's timeout reads). */
record InstalledClock(Clock clock) implements TimeSource {
    @Override
    public long nanoTime() {
        return clock.nanoTime();
    }

    @Override
    public Alarm at(long deadline, Runnable action) {
        return clock.at(deadline, action)::cancel;
    }
}
