package dev.go4j.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test method run in a virtual-time bubble: Go's {@code synctest.Test(t, func(t *testing.T) {...})}
 * for JUnit 5. The method body is {@link dev.go4j.synctest.Synctest#test}'s: it runs as a goroutine in
 * a new bubble, whose clock starts at 2000-01-01T00:00:00Z and moves only when every goroutine of the
 * bubble is durably blocked; the test fails if the bubble deadlocks or leaves goroutines blocked.
 *
 * <pre>{@code
 * @SyncTest                                  // instead of @Test
 * void timesOut() throws Exception {
 *     Chan<String> never = Chan.make();
 *     String r = Select.select(Select.recv(never, v -> v), Select.timeout(Duration.ofMinutes(1), () -> "timeout"));
 *     Instant now = Time.now();              // 2000-01-01T00:01:00Z: a minute later, at once
 * }
 * }</pre>
 *
 * <p>{@code @BeforeEach} and {@code @AfterEach} methods run outside the bubble; so do the test
 * instance's fields' initializers (a channel made there is not the bubble's).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Test
@ExtendWith(SyncTestExtension.class)
public @interface SyncTest {}
