package dev.go4j.race.rt;

/**
 * The clock of a synchronisation object (a monitor, a volatile, a lock, a channel's internals, a task
 * hand-off): a release joins the releasing thread's clock into it, an acquire joins it into the
 * acquiring thread's. It only grows, so an acquire sees every release that came before it in real time.
 */
final class SyncVar {
    private final VC clock = new VC();

    synchronized void releaseFrom(VC threadClock) {
        clock.join(threadClock);
    }

    synchronized void acquireInto(VC threadClock) {
        threadClock.join(clock);
    }
}
