package dev.go4j.race.rt;

/**
 * The clock of a synchronisation object (a monitor, a volatile, a lock, a channel's internals, a task
 * hand-off): a release joins the releasing thread's clock into it, an acquire joins it into the
 * acquiring thread's. It only grows, so an acquire sees every release that came before it in real time.
 */
final class SyncVar {
    /** The clock of go4j's bookkeeping objects (see {@link Rt#bookkeeping}): releases and acquires on it do nothing. */
    static final SyncVar NONE = new SyncVar();

    private final VC clock = new VC();

    synchronized void releaseFrom(VC threadClock) {
        if (this != NONE) {
            clock.join(threadClock);
        }
    }

    synchronized void acquireInto(VC threadClock) {
        if (this != NONE) {
            threadClock.join(clock);
        }
    }
}
