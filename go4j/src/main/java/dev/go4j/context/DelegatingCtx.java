package dev.go4j.context;

import dev.go4j.RecvChan;
import java.time.Instant;
import java.util.Optional;

/** A context that is its parent's in everything it does not override (Go: embedding {@code Context}). */
interface DelegatingCtx extends Context {
    Context parent();

    @Override
    default Optional<Instant> deadline() {
        return parent().deadline();
    }

    @Override
    default RecvChan<Void> done() {
        return parent().done();
    }

    @Override
    default ContextException err() {
        return parent().err();
    }

    @Override
    default Object value(Object key) {
        return parent().value(key);
    }
}
