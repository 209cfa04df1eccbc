package dev.go4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test that leaves goroutines behind: uber-go's {@code goleak.VerifyNone(t)} for JUnit 5.
 *
 * <pre>{@code
 * import org.junit.jupiter.api.Test;
 *
 * @VerifyNoGoroutineLeaks
 * class PipelineTest {
 *     @Test void stagesEndWhenDoneCloses() {   // fails if a goroutine it started is still alive
 *         // ...
 *     }
 * }
 * }</pre>
 *
 * <p>On a class, every test method is checked; on a method, that method (a method's annotation
 * overrides its class's). After the test and its {@code @AfterEach} methods, every goroutine started
 * since the test began (by {@link dev.go4j.Go#go}, anywhere) may still end: one that stays blocked for
 * {@link #timeoutMillis()} is a leak, while one that is runnable (winding down after a cancel) is waited
 * for. Those still alive fail the test, and the
 * failure message is their goroutine dump (state, stack, "created by"). Goroutines that were alive
 * before the test began are never reported (goleak's {@code IgnoreCurrent}).
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(GoroutineLeakExtension.class)
public @interface VerifyNoGoroutineLeaks {

    /**
     * Known long-lived goroutines to allow (goleak's {@code IgnoreTopFunction} / {@code IgnoreAnyFunction}):
     * regular expressions matched against each frame of a goroutine's stack and its "created by" frame,
     * written {@code class.method} (for example {@code "com\\.acme\\.Metrics\\.flushLoop"}); a goroutine
     * is ignored when any frame matches any of them.
     */
    String[] ignore() default {};

    /**
     * How long a goroutine of the test may stay parked, sleeping or waiting after the test before it is
     * reported. Time it spends runnable does not count (it is winding down, however slowly the machine
     * runs it), up to a minute in all for a goroutine that never stops running.
     */
    long timeoutMillis() default 2000;
}
