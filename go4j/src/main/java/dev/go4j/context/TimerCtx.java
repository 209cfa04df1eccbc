package dev.go4j.context;

import dev.go4j.internal.Timers;
import dev.go4j.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Go's {@code timerCtx}: a cancelCtx with a deadline, cancelled with
 * {@link ContextException#DEADLINE_EXCEEDED} by an alarm of its clock. No thread per context: the
 * alarm is one entry in the clock's schedule, cancelled when the context is.
 */
final class TimerCtx extends CancelCtx {
    private final Instant deadline;
    private Clock.Alarm alarm; // guarded by lock

    TimerCtx(Instant deadline) {
        this.deadline = deadline;
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.of(deadline);
    }

    /** Schedules the deadline on {@code clock}, unless already cancelled (by a done parent). */
    void arm(Clock clock, long deadlineNanos, Throwable cause) {
        lock.lock();
        try {
            if (err() == null) {
                alarm = clock.at(deadlineNanos, new Deadline(this, cause));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    void cancel(boolean removeFromParent, ContextException err, Throwable cause) {
        super.cancel(false, err, cause);
        if (removeFromParent) {
            removeChild(parent(), this);
        }
        lock.lock();
        try {
            if (alarm != null) {
                alarm.cancel();
                alarm = null;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * The alarm's action: cancels the context with {@code DEADLINE_EXCEEDED}. It can wake a goroutine
     * only if the cancellation can ({@link #cancelCanWake()}).
     */
    private record Deadline(TimerCtx ctx, Throwable cause) implements Timers.Action {
        @Override
        public void run() {
            ctx.cancel(true, ContextException.DEADLINE_EXCEEDED, cause);
        }

        @Override
        public boolean canWake() {
            return ctx.cancelCanWake();
        }
    }

    @Override
    public String toString() {
        return parent() + ".WithDeadline(" + deadline + ")";
    }
}
