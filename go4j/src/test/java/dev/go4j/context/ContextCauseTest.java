package dev.go4j.context;

import static dev.go4j.TestSupport.onClock;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.go4j.time.ManualClock;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ports the table of Go's TestCause: for each way of making and ending a context, the error and the
 * cause it reports. The first cause wins, a parent's cause reaches its children, a deadline reports
 * its cause, and withoutCancel reports none.
 */
class ContextCauseTest {
    static final Throwable CAUSE = new IllegalStateException("cause");
    static final Throwable PARENT_CAUSE = new IllegalStateException("parent cause");
    static final Throwable CHILD_CAUSE = new IllegalStateException("child cause");
    static final ContextException CANCELED = ContextException.CANCELED;
    static final ContextException DEADLINE = ContextException.DEADLINE_EXCEEDED;

    record Case(Function<ManualClock, Context> make, ContextException err, Throwable cause) {}

    static Context timeout(ManualClock clock, Context parent, Throwable cause, boolean expire) {
        Cancelable c = onClock(clock, () -> Contexts.withTimeoutCause(parent, Duration.ofSeconds(1), cause));
        if (expire) {
            clock.advance(Duration.ofSeconds(1));
        } else {
            c.cancel();
        }
        return c.context();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("Background", new Case(k -> Contexts.background(), null, null)),
                Arguments.of("TODO", new Case(k -> Contexts.todo(), null, null)),
                Arguments.of("WithCancel", new Case(k -> {
                    Cancelable c = Contexts.withCancel(Contexts.background());
                    c.cancel();
                    return c.context();
                }, CANCELED, CANCELED)),
                Arguments.of("WithCancelCause", new Case(k -> {
                    CauseCancelable c = Contexts.withCancelCause(Contexts.background());
                    c.cancel(CAUSE);
                    return c.context();
                }, CANCELED, CAUSE)),
                Arguments.of("WithCancelCause nil", new Case(k -> {
                    CauseCancelable c = Contexts.withCancelCause(Contexts.background());
                    c.cancel(null);
                    return c.context();
                }, CANCELED, CANCELED)),
                Arguments.of("parent cause before child", new Case(k -> {
                    CauseCancelable p = Contexts.withCancelCause(Contexts.background());
                    CauseCancelable c = Contexts.withCancelCause(p.context());
                    p.cancel(PARENT_CAUSE);
                    c.cancel(CHILD_CAUSE);
                    return c.context();
                }, CANCELED, PARENT_CAUSE)),
                Arguments.of("child cause before parent", new Case(k -> {
                    CauseCancelable p = Contexts.withCancelCause(Contexts.background());
                    CauseCancelable c = Contexts.withCancelCause(p.context());
                    c.cancel(CHILD_CAUSE);
                    p.cancel(PARENT_CAUSE);
                    return c.context();
                }, CANCELED, CHILD_CAUSE)),
                Arguments.of("first cause wins", new Case(k -> {
                    CauseCancelable c = Contexts.withCancelCause(Contexts.background());
                    c.cancel(CAUSE);
                    c.cancel(CHILD_CAUSE);
                    return c.context();
                }, CANCELED, CAUSE)),
                Arguments.of("WithTimeout", new Case(k -> timeout(k, Contexts.background(), null, true),
                        DEADLINE, DEADLINE)),
                Arguments.of("WithTimeout canceled", new Case(k -> timeout(k, Contexts.background(), null, false),
                        CANCELED, CANCELED)),
                Arguments.of("WithTimeoutCause", new Case(k -> timeout(k, Contexts.background(), CAUSE, true),
                        DEADLINE, CAUSE)),
                Arguments.of("WithTimeoutCause canceled", new Case(k -> timeout(k, Contexts.background(), CAUSE, false),
                        CANCELED, CANCELED)),
                Arguments.of("WithTimeout child of cancelled parent with cause", new Case(k -> {
                    CauseCancelable p = Contexts.withCancelCause(Contexts.background());
                    p.cancel(PARENT_CAUSE);
                    return onClock(k, () -> Contexts.withTimeout(p.context(), Duration.ofSeconds(1))).context();
                }, CANCELED, PARENT_CAUSE)),
                Arguments.of("parent deadline cause reaches child", new Case(k -> {
                    Cancelable p = onClock(k, () -> Contexts.withTimeoutCause(Contexts.background(),
                            Duration.ofSeconds(1), PARENT_CAUSE));
                    CauseCancelable c = Contexts.withCancelCause(p.context());
                    k.advance(Duration.ofSeconds(1));
                    c.cancel(CHILD_CAUSE);
                    return c.context();
                }, DEADLINE, PARENT_CAUSE)),
                Arguments.of("foreign wrapper of cancelled context", new Case(k -> {
                    CauseCancelable c = Contexts.withCancelCause(Contexts.background());
                    c.cancel(CAUSE);
                    return new ContextCancelTest.Foreign(c.context());
                }, CANCELED, CAUSE)),
                Arguments.of("WithoutCancel of cancelled parent", new Case(k -> {
                    CauseCancelable c = Contexts.withCancelCause(Contexts.background());
                    c.cancel(CAUSE);
                    return Contexts.withoutCancel(c.context());
                }, null, null)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void errAndCause(String name, Case c) {
        Context ctx = c.make().apply(new ManualClock());
        assertSame(c.err(), ctx.err(), "err");
        assertSame(c.cause(), Contexts.cause(ctx), "cause");
    }
}
