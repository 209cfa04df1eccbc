package dev.go4j.race.rt;

/**
 * An object with a slot for its {@link Shadow}: the instrumenter adds the slot (a transient volatile
 * field) and these two methods to the topmost instrumented class of each hierarchy, so that an access
 * finds its object's state with one field read instead of a lookup in {@link ShadowMap}. Public because
 * instrumented classes in any package implement it; not an API.
 */
public interface Shadowed {
    /** The name of the field and of the methods the instrumenter adds. */
    String SLOT = "$race$shadow";

    /**
     * The shadow stored in this object, or null before its first checked access or synchronisation.
     *
     * @return the shadow, typed {@code Object} so that the interface names no type of the runtime's
     */
    Object $race$shadow();

    /**
     * Stores the shadow; called once per object, under the lock that makes creating it atomic.
     *
     * @param shadow the object's shadow
     */
    void $race$shadow(Object shadow);
}
