package dev.go4j.race.rt;

/**
 * The clock of a synchronisation object (a monitor, a volatile, a lock, a channel's internals, a task
 * hand-off): a release joins the releasing thread's clock into it, an acquire joins it into the
 * acquiring thread's. It only grows, so an acquire sees every release that came before it in real time.
 *
 * <p>Invariants, under this object's monitor: every release increments {@link #version} after its join,
 * so a thread that joined this clock at some version has nothing to join while the version is the same
 * ({@link ThreadState#covers}): an acquire that finds it so takes no lock. If {@link #lastReleaser} is
 * non-null, this clock equalled that thread's at its last release, when the thread had made
 * {@link #lastReleaserJoins} joins: while the thread made no other join and no one else released, the
 * clocks differ only in the thread's own entry, and its next release sets that entry alone.
 */
final class SyncVar {
    /** The clock of go4j's bookkeeping objects (see {@link Rt#bookkeeping}): releases and acquires on it do nothing. */
    static final SyncVar NONE = new SyncVar();

    private final VC clock = new VC();
    private volatile int version;
    private ThreadState lastReleaser;
    private int lastReleaserJoins;

    void releaseFrom(ThreadState t) {
        if (this == NONE) {
            return;
        }
        synchronized (this) {
            boolean covered = t.covers(this, version);
            if (covered && lastReleaser == t && lastReleaserJoins == t.joins()) {
                clock.set(t.tid, t.vc.get(t.tid));
            } else {
                clock.join(t.vc);
            }
            lastReleaser = covered ? t : null;
            lastReleaserJoins = t.joins();
            version++;
            if (covered) {
                t.cover(this, version);
            }
        }
    }

    void acquireInto(ThreadState t) {
        if (this == NONE || t.covers(this, version)) {
            return;
        }
        synchronized (this) {
            t.join(clock);
            t.cover(this, version);
        }
    }
}
