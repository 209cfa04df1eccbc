package dev.go4j.race.rt;

/**
 * A buffered channel's slots, as Go's race detector sees them: the k-th value sent and the k-th received
 * pass through slot {@code k mod capacity}, and each passage is an acquire then a release on the slot's
 * clock ({@code racenotify}'s release-acquire). So a send happens before the receive that takes its value,
 * and the k-th receive before the (k + capacity)-th send, which is how Go lets a buffered channel of
 * capacity C count as a semaphore, and nothing else is ordered (two sends on a channel with room are not).
 *
 * <p>Invariants: {@link #sends} and {@link #recvs} are the channel's counts so far; both change only
 * under the channel's own lock (the annotations are made under it), which orders every use of one
 * record. A capacity above {@value #MAX_SLOTS} shares slots (slot {@code k mod MAX_SLOTS}), and so does an
 * unlimited channel, whose buffer Go does not have: the k-th receive then also happens before the
 * (k + {@value #MAX_SLOTS})-th send, an edge more, which can hide a race but never invent one.
 */
final class ChanSlots {
    private static final int MAX_SLOTS = 256;

    private final SyncVar[] slots;
    private long sends;
    private long recvs;

    /** Found through the channel's {@link Shadow}, so it goes with the channel. */
    ChanSlots(int capacity) {
        slots = new SyncVar[Math.min(capacity, MAX_SLOTS)];
    }

    /** Takes back the last receive and send, of a pass that did not happen. */
    void withdrawPass() {
        sends--;
        recvs--;
    }

    /** Synchronises {@code t} on the slot of the next send ({@code send}) or receive: an acquire, then a release. */
    void pass(ThreadState t, boolean send) {
        SyncVar slot = next(send);
        slot.acquireInto(t);
        slot.releaseFrom(t);
        t.tick();
    }

    private SyncVar next(boolean send) {
        long k = send ? sends++ : recvs++;
        int i = (int) (k % slots.length);
        SyncVar s = slots[i];
        if (s == null) {
            s = slots[i] = new SyncVar();
        }
        return s;
    }
}
