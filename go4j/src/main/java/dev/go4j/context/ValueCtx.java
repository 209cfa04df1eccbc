package dev.go4j.context;

import dev.go4j.RecvChan;
import java.time.Instant;
import java.util.Optional;

/** Go's {@code valueCtx}: one key-value binding on top of a parent; everything else is the parent's. */
record ValueCtx(Context parent, Object key, Object val) implements Context {
    @Override
    public Optional<Instant> deadline() {
        return parent.deadline();
    }

    @Override
    public RecvChan<Void> done() {
        return parent.done();
    }

    @Override
    public ContextException err() {
        return parent.err();
    }

    @Override
    public Object value(Object key) {
        return Contexts.lookup(this, key);
    }

    @Override
    public String toString() {
        return parent + ".WithValue(" + key + ", " + val + ")";
    }
}
