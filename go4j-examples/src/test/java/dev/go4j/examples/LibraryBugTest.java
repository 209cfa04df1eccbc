package dev.go4j.examples;

import static org.junit.jupiter.api.Assertions.assertSame;

import dev.go4j.Chan;
import dev.go4j.time.Clock;
import dev.go4j.time.ManualClock;
import dev.go4j.time.Time;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A go4j library bug found by porting C5-15 (the steward): the goroutine {@link Time#afterFunc} starts
 * inherits the clock of the thread that fires the timer (for a {@link ManualClock}, the thread calling
 * {@code advance}), not the clock the timer was made with. So {@code f} reads another clock than its
 * creator: C5-15's "main: halting" line carries the wall-clock time under a manual clock.
 *
 * <p>Proposed fix, in {@code dev.go4j.time.TimerState} where the function timer fires
 * ({@code Go.go(func)}): start it as {@code Go.go(() -> Clock.using(clock, () -> { func.run(); return null; }))},
 * with the timer's clock. This test fails until then.
 */
@Timeout(60)
class LibraryBugTest {

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
