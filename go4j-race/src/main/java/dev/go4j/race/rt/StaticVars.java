package dev.go4j.race.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * The {@link VarState} of each static field, by field id. Found without a lock: the table is replaced,
 * never shrunk, under the class lock, and each entry is set once by a CAS.
 */
final class StaticVars {
    private static final VarHandle ENTRY = MethodHandles.arrayElementVarHandle(VarState[].class);
    private static volatile VarState[] vars = new VarState[256];

    private StaticVars() {}

    static VarState of(int fid) {
        VarState[] vs = vars;
        if (fid >= vs.length) {
            vs = grow(fid);
        }
        VarState v = (VarState) ENTRY.getAcquire(vs, fid);
        if (v == null) {
            v = create(fid);
        }
        return v;
    }

    private static synchronized VarState[] grow(int fid) {
        if (fid >= vars.length) {
            vars = Arrays.copyOf(vars, Math.max(fid + 1, vars.length * 2));
        }
        return vars;
    }

    /** Creates the entry under the class lock, so that a concurrent {@link #grow} copies it. */
    private static synchronized VarState create(int fid) {
        VarState[] vs = vars;
        VarState v = (VarState) ENTRY.getAcquire(vs, fid);
        if (v == null) {
            v = new VarState();
            ENTRY.setRelease(vs, fid, v);
        }
        return v;
    }
}
