package dev.go4j.context;

import dev.go4j.Chan;

/** Go's {@code withoutCancelCtx}: the parent's values, but never cancelled and no deadline. */
record WithoutCancelCtx(Context parent) implements NeverCanceledCtx {
    @Override
    public Object value(Object key) {
        return Contexts.lookup(this, key);
    }

    @Override
    public String toString() {
        return parent + ".WithoutCancel";
    }
}
