package dev.go4j.race.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * The detector's state for one object: the {@link VarState} of each of its fields accessed so far, of
 * each element if it is an array, its {@link SyncVar} if it was used to synchronise (a monitor, a
 * volatile field's owner, a lock, an atomic, a future), and its {@link ChanSlots} if it is a buffered
 * channel. Created on first use and collected with the
 * object: found in the object itself if its class is {@link Shadowed}, else through {@link ShadowMap}.
 *
 * <p>Invariants: each part, once published, is the one for good (but {@link #alias}, which replaces the
 * clock before the object is shared), so readers need no lock: {@link #fields} is replaced, never
 * changed, under this object's monitor; {@link #elements} and each element are set once by a CAS.
 */
final class Shadow {
    private static final VarHandle ELEMENTS;
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(VarState[].class);
    private static final VarHandle SYNC;
    private static final VarHandle CHAN_SLOTS;
    /** Stripes serialising the creation of {@link Shadowed} objects' shadows (rare: once per object). */
    private static final Object[] INSTALL_LOCKS = new Object[64];

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ELEMENTS = l.findVarHandle(Shadow.class, "elements", VarState[].class);
            SYNC = l.findVarHandle(Shadow.class, "sync", SyncVar.class);
            CHAN_SLOTS = l.findVarHandle(Shadow.class, "chanSlots", ChanSlots.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        Arrays.setAll(INSTALL_LOCKS, i -> new Object());
    }

    /** The fields accessed so far: {@code vars[i]} is field {@code ids[i]}'s state. Never changed once published. */
    private record Fields(int[] ids, VarState[] vars) {}

    private volatile Fields fields = new Fields(new int[0], new VarState[0]);
    private volatile VarState[] elements;
    private volatile SyncVar sync;
    /** A buffered channel's slots, if this shadows one. */
    private volatile ChanSlots chanSlots;

    /**
     * The shadow of {@code o}: from its slot if it has one, else from the calling thread's cache or the
     * map. An object always finds its shadow the same way, so it has exactly one.
     */
    static Shadow of(Object o, ThreadState t) {
        if (o instanceof Shadowed s) {
            Object shadow = s.$race$shadow();
            return shadow != null ? (Shadow) shadow : install(s);
        }
        return t.cachedShadow(o);
    }

    private static Shadow install(Shadowed o) {
        synchronized (INSTALL_LOCKS[System.identityHashCode(o) & (INSTALL_LOCKS.length - 1)]) {
            Object shadow = o.$race$shadow();
            if (shadow == null) {
                shadow = new Shadow();
                o.$race$shadow(shadow);
            }
            return (Shadow) shadow;
        }
    }

    VarState field(int fid) {
        Fields f = fields;
        int[] ids = f.ids;
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == fid) {
                return f.vars[i];
            }
        }
        return addField(fid);
    }

    private synchronized VarState addField(int fid) {
        Fields f = fields;
        for (int i = 0; i < f.ids.length; i++) {
            if (f.ids[i] == fid) {
                return f.vars[i];
            }
        }
        int n = f.ids.length;
        int[] ids = Arrays.copyOf(f.ids, n + 1);
        VarState[] vars = Arrays.copyOf(f.vars, n + 1);
        ids[n] = fid;
        vars[n] = new VarState();
        fields = new Fields(ids, vars);
        return vars[n];
    }

    /** Element {@code i} of {@code array}, the object this shadows; null if {@code i} is out of bounds (the access throws). */
    VarState element(Object array, int i) {
        VarState[] es = elements;
        if (es == null) {
            VarState[] fresh = new VarState[Array.getLength(array)];
            VarState[] won = (VarState[]) ELEMENTS.compareAndExchange(this, (VarState[]) null, fresh);
            es = won == null ? fresh : won;
        }
        if (i < 0 || i >= es.length) {
            return null;
        }
        VarState v = (VarState) ELEMENT.getAcquire(es, i);
        if (v == null) {
            VarState fresh = new VarState();
            VarState won = (VarState) ELEMENT.compareAndExchange(es, i, (VarState) null, fresh);
            v = won == null ? fresh : won;
        }
        return v;
    }

    SyncVar sync() {
        SyncVar s = sync;
        if (s == null) {
            SyncVar fresh = new SyncVar();
            SyncVar won = (SyncVar) SYNC.compareAndExchange(this, (SyncVar) null, fresh);
            s = won == null ? fresh : won;
        }
        return s;
    }

    /** The slots of the buffered channel of {@code capacity} this object is. */
    ChanSlots chanSlots(int capacity) {
        ChanSlots c = chanSlots;
        if (c == null) {
            ChanSlots fresh = new ChanSlots(capacity);
            ChanSlots won = (ChanSlots) CHAN_SLOTS.compareAndExchange(this, (ChanSlots) null, fresh);
            c = won == null ? fresh : won;
        }
        return c;
    }

    /** Makes this object synchronise through {@code s}: a future through the clock of the task that completes it. */
    void alias(SyncVar s) {
        sync = s;
    }
}
