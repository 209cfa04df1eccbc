package dev.go4j.internal;

/**
 * Where a channel tells go4j-race, the race detector's agent, about its happens-before edges: Go's race
 * annotations of {@code runtime/chan.go} ({@code racenotify}, {@code racerelease}, {@code raceacquire}).
 * Each method is empty: without the agent the JIT drops the calls, and the agent fills in their bodies
 * (its {@code Hooks}), since it does not model the channel's lock: a lock orders every operation on a
 * channel, where Go orders only these pairs.
 *
 * <ul>
 *   <li>{@link #bufferSend} / {@link #bufferRecv}: a value went into / came out of a buffer of
 *       {@code capacity} slots, under the channel's lock. The detector numbers sends and receives and
 *       synchronises each on its slot, so the k-th send happens before the k-th receive completes and the
 *       k-th receive before the (k + capacity)-th send completes. A value handed straight to a queued
 *       partner of a buffered channel counts as both, as in Go ({@link #bufferPass}).</li>
 *   <li>{@link #waits}: a party queues a waiter (its thread's writes so far reach whoever claims it; the
 *       claim itself, a CAS on the waiter, carries the claimer's writes back): an unbuffered send and its
 *       receive, either way round.</li>
 *   <li>{@link #closed} / {@link #sawClosed}: a close happens before a receive that finds the channel
 *       closed (a send that finds it closed, or a second close, learns nothing).</li>
 * </ul>
 */
public final class RaceAnnotations {
    private RaceAnnotations() {}

    /** A value went into the buffer of {@code chan}, of {@code capacity} slots; under its lock. */
    public static void bufferSend(Object chan, int capacity) {}

    /** A value came out of the buffer of {@code chan}, of {@code capacity} slots; under its lock. */
    public static void bufferRecv(Object chan, int capacity) {}

    /**
     * A value passes through the buffer of {@code chan}: a receive and a send on one slot (a value handed
     * to a queued receiver of a buffered channel, or a queued sender's value taking the place of the head
     * the receive took); under its lock, before the claim that makes it so (nothing may throw after it).
     */
    public static void bufferPass(Object chan, int capacity) {}

    /** The claim that followed {@link #bufferPass} found only dead waiters: nothing passed. */
    public static void bufferPassWithdrawn(Object chan, int capacity) {}

    /** The current thread queues {@code waiter} (a leader) on a channel. */
    public static void waits(Object waiter) {}

    /** {@code chan} was closed; under its lock. */
    public static void closed(Object chan) {}

    /** A receive found {@code chan} closed and drained; under its lock. */
    public static void sawClosed(Object chan) {}
}
