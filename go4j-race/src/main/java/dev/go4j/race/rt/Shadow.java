package dev.go4j.race.rt;

import java.lang.reflect.Array;
import java.util.Arrays;

/**
 * The detector's state for one object: the {@link VarState} of each of its fields accessed so far, of
 * each element if it is an array, and its {@link SyncVar} if it was used to synchronise (a monitor, a
 * volatile field's owner, a lock, an atomic, a future). Created on first use, found through
 * {@link ShadowMap}, collected with the object.
 */
final class Shadow {
    private int[] fieldIds = new int[2];
    private VarState[] fields = new VarState[2];
    private int nfields;
    private VarState[] elements;
    private SyncVar sync;

    synchronized VarState field(int fid) {
        for (int i = 0; i < nfields; i++) {
            if (fieldIds[i] == fid) {
                return fields[i];
            }
        }
        if (nfields == fields.length) {
            fieldIds = Arrays.copyOf(fieldIds, nfields * 2);
            fields = Arrays.copyOf(fields, nfields * 2);
        }
        VarState v = new VarState();
        fieldIds[nfields] = fid;
        fields[nfields++] = v;
        return v;
    }

    /** Element {@code i} of {@code array}, the object this shadows; null if {@code i} is out of bounds (the access throws). */
    synchronized VarState element(Object array, int i) {
        if (elements == null) {
            elements = new VarState[Array.getLength(array)];
        }
        if (i < 0 || i >= elements.length) {
            return null;
        }
        VarState v = elements[i];
        if (v == null) {
            v = elements[i] = new VarState();
        }
        return v;
    }

    synchronized SyncVar sync() {
        if (sync == null) {
            sync = new SyncVar();
        }
        return sync;
    }

    /** Makes this object synchronise through {@code s}: a future through the clock of the task that completes it. */
    synchronized void alias(SyncVar s) {
        sync = s;
    }
}
