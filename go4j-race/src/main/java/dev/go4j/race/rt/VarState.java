package dev.go4j.race.rt;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.Map;

/**
 * FastTrack's shadow of one variable (a field of one object, a static field, an array element): the
 * epoch of its last write, and of its last read or, once reads by several threads are unordered, a
 * vector clock of reads (Flanagan and Freund, PLDI 2009). With each epoch the stack of that access (its
 * site on its thread's {@link ShadowStack}: one interned {@link Frame}), for the report's "Previous ..."
 * section.
 *
 * <p>Invariants, all changed under this object's monitor: {@code readers == null} means {@code r} is the
 * only read not known to happen before the last write or a later read ("read-exclusive"); otherwise
 * {@code readers} holds one clock per reading thread and {@code r} is unused ("read-shared").
 *
 * <p>An access whose epoch is already recorded returns at once, without the monitor (FastTrack's "same
 * epoch" case, most accesses): only the accessing thread records its own epoch, so finding it there,
 * however stale the rest of the view, means this access changes nothing. {@code w} and {@code r} are
 * read and written opaquely so that such a check never sees half a long.
 */
final class VarState {
    private static final VarHandle W;
    private static final VarHandle R;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            W = l.findVarHandle(VarState.class, "w", long.class);
            R = l.findVarHandle(VarState.class, "r", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long w;
    private Frame wAt;
    private long r;
    private Frame rAt;
    /** Volatile so that the lock-free check finds a fully made clock (whose entries it may see stale). */
    private volatile VC readers;
    /** The stack of each reader's read in {@link #readers}, by thread id. */
    private Map<Integer, Frame> readersAt;

    /** A read by {@code t} at {@code site}; {@code where}, {@code kind} and {@code id} only name it in a report. */
    void read(ThreadState t, int site, Object where, int kind, int id) {
        long e = t.epoch();
        if ((long) R.getOpaque(this) == e) {
            return;
        }
        VC shared = readers;
        if (shared == null || shared.get(t.tid) != Epoch.clock(e)) {
            readSlow(t, e, site, where, kind, id);
        }
    }

    private synchronized void readSlow(ThreadState t, long e, int site, Object where, int kind, int id) {
        if (r == e) {
            return;
        }
        int clock = Epoch.clock(e);
        if (readers != null && readers.get(t.tid) == clock) {
            return;
        }
        if (!Epoch.leq(w, t.vc)) {
            Races.report(where, kind, id, false, site, t, true, wAt, w);
        }
        Frame at = t.stack().at(site);
        if (readers == null) {
            if (r == 0 || Epoch.leq(r, t.vc)) {
                R.setOpaque(this, e);
                rAt = at;
                return;
            }
            readers = new VC();
            readersAt = new HashMap<>();
            share(Epoch.tid(r), Epoch.clock(r), rAt);
        }
        share(t.tid, clock, at);
    }

    private void share(int tid, int clock, Frame at) {
        readers.set(tid, clock);
        readersAt.put(tid, at);
    }

    /** A write by {@code t} at {@code site}; {@code where}, {@code kind} and {@code id} only name it in a report. */
    void write(ThreadState t, int site, Object where, int kind, int id) {
        long e = t.epoch();
        if ((long) W.getOpaque(this) != e) {
            writeSlow(t, e, site, where, kind, id);
        }
    }

    private synchronized void writeSlow(ThreadState t, long e, int site, Object where, int kind, int id) {
        if (w == e) {
            return;
        }
        if (!Epoch.leq(w, t.vc)) {
            Races.report(where, kind, id, true, site, t, true, wAt, w);
        }
        if (readers == null) {
            if (!Epoch.leq(r, t.vc)) {
                Races.report(where, kind, id, true, site, t, false, rAt, r);
            }
        } else {
            Map<Integer, Frame> at = readersAt;
            readers.forEach((u, clock) -> {
                if (clock > t.vc.get(u)) {
                    Races.report(where, kind, id, true, site, t, false, at.get(u), Epoch.of(u, clock));
                }
            });
            readers = null;
            readersAt = null;
            R.setOpaque(this, 0L);
        }
        W.setOpaque(this, e);
        wAt = t.stack().at(site);
    }
}
