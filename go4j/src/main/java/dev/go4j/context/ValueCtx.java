package dev.go4j.context;

/** Go's {@code valueCtx}: one key-value binding on top of a parent; everything else is the parent's. */
record ValueCtx(Context parent, Object key, Object val) implements DelegatingCtx {
    @Override
    public Object value(Object key) {
        return Contexts.lookup(this, key);
    }

    @Override
    public String toString() {
        return parent + ".WithValue(" + key + ", " + val + ")";
    }
}
