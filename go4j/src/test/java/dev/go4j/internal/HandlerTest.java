package dev.go4j.internal;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The handler contract: set returns the previous handler (null for the default), null restores the default. */
class HandlerTest {
    private final Consumer<String> byDefault = s -> { };
    private final Handler<Consumer<String>> handler = new Handler<>(byDefault);

    @Test
    void startsWithTheDefault() {
        assertSame(byDefault, handler.get());
    }

    @Test
    void setReturnsThePreviousHandlerAndNullForTheDefault() {
        Consumer<String> a = s -> { };
        Consumer<String> b = s -> { };
        assertNull(handler.set(a), "the default is reported as null");
        assertSame(a, handler.set(b));
        assertSame(b, handler.get());
        assertSame(b, handler.set(null));
        assertSame(byDefault, handler.get(), "null restores the default");
        assertNull(handler.set(null));
    }
}
