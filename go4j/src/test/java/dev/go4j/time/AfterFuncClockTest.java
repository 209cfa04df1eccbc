package dev.go4j.time;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.go4j.Chan;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Time#afterFunc}'s function runs on the timer's clock, not on the clock of the thread that fires
 * the alarm (for a {@link ManualClock}, the thread calling {@code advance}); found by porting the book's
 * C5-15 (the steward), whose "halting" line read the wall clock under a manual clock.
 */
@Timeout(60)
class AfterFuncClockTest {

    @Test
    void afterFuncRunsWithTheTimersClock() throws Exception {
        ManualClock clock = new ManualClock();
        Clock[] seen = new Clock[1];
        Chan<Object> ran = Chan.make(1);
        Clock.using(clock, () -> Time.afterFunc(Duration.ofSeconds(1), () -> {
            seen[0] = Clock.current();
            ran.send(new Object());
        }));
        clock.advance(Duration.ofSeconds(1));
        ran.recv();
        assertSame(clock, seen[0], "f should read the clock its timer was made with");
    }
}
