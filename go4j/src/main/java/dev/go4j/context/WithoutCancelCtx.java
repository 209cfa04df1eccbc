package dev.go4j.context;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import java.time.Instant;
import java.util.Optional;

/** Go's {@code withoutCancelCtx}: the parent's values, but never cancelled and no deadline. */
record WithoutCancelCtx(Context parent) implements Context {
    @Override
    public Optional<Instant> deadline() {
        return Optional.empty();
    }

    @Override
    public RecvChan<Void> done() {
        return Chan.nil();
    }

    @Override
    public ContextException err() {
        return null;
    }

    @Override
    public Object value(Object key) {
        return Contexts.lookup(this, key);
    }

    @Override
    public String toString() {
        return parent + ".WithoutCancel";
    }
}
