package dev.go4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fails a test during which the race detector (module {@code go4j-race}, attached with
 * {@code -javaagent:go4j-race.jar}) reported a data race, as {@code go test -race} fails it with
 * "race detected during execution of test"; the failure message holds Go's reports.
 *
 * <pre>{@code
 * import org.junit.jupiter.api.Test;
 *
 * @VerifyNoDataRaces
 * class CounterTest {
 *     @Test void incrementsFromManyGoroutines() {   // fails if the agent reports a race while it runs
 *         // ...
 *     }
 * }
 * }</pre>
 *
 * <p>On a class, every test method is checked; on a method, that method. Checked are the reports
 * printed from the start of the test's {@code @BeforeEach} methods to the end of its {@code @AfterEach}
 * methods (a goroutine the test left running may race later, and is charged to the test running then).
 * Without the agent the annotation does nothing: the test runs as it would without {@code -race}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(DataRaceExtension.class)
public @interface VerifyNoDataRaces {
}
