package dev.go4j.context;

import dev.go4j.Chan;

/** Go's {@code backgroundCtx} and {@code todoCtx}: never cancelled, no deadline, no values. */
final class EmptyCtx implements NeverCanceledCtx {
    static final EmptyCtx BACKGROUND = new EmptyCtx("context.Background");
    static final EmptyCtx TODO = new EmptyCtx("context.TODO");

    private final String name;

    private EmptyCtx(String name) {
        this.name = name;
    }

    @Override
    public Object value(Object key) {
        return null;
    }

    @Override
    public String toString() {
        return name;
    }
}
