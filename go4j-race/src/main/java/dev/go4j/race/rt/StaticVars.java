package dev.go4j.race.rt;

import java.util.Arrays;

/** The {@link VarState} of each static field, by field id. */
final class StaticVars {
    private static VarState[] vars = new VarState[256];

    private StaticVars() {}

    static synchronized VarState of(int fid) {
        if (fid >= vars.length) {
            vars = Arrays.copyOf(vars, Math.max(fid + 1, vars.length * 2));
        }
        VarState v = vars[fid];
        if (v == null) {
            v = vars[fid] = new VarState();
        }
        return v;
    }
}
