package dev.go4j.race.rt;

import java.util.Arrays;

/**
 * FastTrack's shadow of one variable (a field of one object, a static field, an array element): the
 * epoch of its last write, and of its last read or, once reads by several threads are unordered, a
 * vector clock of reads (Flanagan and Freund, PLDI 2009). With each epoch the site of that access, for
 * the report's "Previous ..." section.
 *
 * <p>Invariants, all under this object's monitor: {@code readers == null} means {@code r} is the only
 * read not known to happen before the last write or a later read ("read-exclusive"); otherwise
 * {@code readers} holds one clock per reading thread and {@code r} is unused ("read-shared"). An access
 * whose epoch is already recorded returns at once (FastTrack's "same epoch" case, most accesses).
 */
final class VarState {
    private long w;
    private int wSite;
    private long r;
    private int rSite;
    private VC readers;
    private int[] readerSites;

    /** A read by {@code t} at {@code site}; {@code where}, {@code kind} and {@code id} only name it in a report. */
    synchronized void read(ThreadState t, int site, Object where, int kind, int id) {
        long e = t.epoch();
        if (r == e) {
            return;
        }
        int clock = Epoch.clock(e);
        if (readers != null && readers.get(t.tid) == clock) {
            return;
        }
        if (!Epoch.leq(w, t.vc)) {
            Races.report(where, kind, id, false, site, t, true, wSite, w);
        }
        if (readers == null) {
            if (r == 0 || Epoch.leq(r, t.vc)) {
                r = e;
                rSite = site;
                return;
            }
            readers = new VC();
            readerSites = new int[0];
            share(Epoch.tid(r), Epoch.clock(r), rSite);
        }
        share(t.tid, clock, site);
    }

    private void share(int tid, int clock, int site) {
        readers.set(tid, clock);
        if (tid >= readerSites.length) {
            readerSites = Arrays.copyOf(readerSites, Math.max(tid + 1, readerSites.length * 2));
        }
        readerSites[tid] = site;
    }

    /** A write by {@code t} at {@code site}; {@code where}, {@code kind} and {@code id} only name it in a report. */
    synchronized void write(ThreadState t, int site, Object where, int kind, int id) {
        long e = t.epoch();
        if (w == e) {
            return;
        }
        if (!Epoch.leq(w, t.vc)) {
            Races.report(where, kind, id, true, site, t, true, wSite, w);
        }
        if (readers == null) {
            if (!Epoch.leq(r, t.vc)) {
                Races.report(where, kind, id, true, site, t, false, rSite, r);
            }
        } else {
            for (int u = 0; u < readers.size(); u++) {
                if (readers.get(u) > t.vc.get(u)) {
                    Races.report(where, kind, id, true, site, t, false, readerSites[u], Epoch.of(u, readers.get(u)));
                }
            }
            readers = null;
            readerSites = null;
            r = 0;
        }
        w = e;
        wSite = site;
    }
}
