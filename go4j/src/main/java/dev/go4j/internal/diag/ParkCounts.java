package dev.go4j.internal.diag;

import dev.go4j.internal.Switches;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of what a blocking operation cost, process-wide, with {@code -Dgo4j.countParks=true}: parks of
 * go4j waiters (without deadline), wake-ups of decided waiters, spins met or missed before parking, and
 * channel locks found held. A benchmark reads them per element ({@link #drain()} after each iteration)
 * to tell whether the time goes to wake-ups or to cache traffic. Without the switch nothing is counted
 * and the hook's calls fold away.
 */
public final class ParkCounts {
    static final LongAdder PARKS = new LongAdder();
    static final LongAdder WAKES = new LongAdder();
    static final LongAdder SPINS_MET = new LongAdder();
    static final LongAdder SPINS_MISSED = new LongAdder();
    static final LongAdder LOCKS_SPUN = new LongAdder();
    static final LongAdder LOCKS_PARKED = new LongAdder();

    private ParkCounts() {}

    /**
     * The counts since the last {@link #drain()}.
     *
     * @param parks parks of a go4j waiter (one per {@code LockSupport.park}, so a spurious wake-up counts twice)
     * @param wakes wake-ups of a waiter another thread decided (an unpark, whether it had parked yet or not)
     * @param spinsMet spins before parking that ended with the operation decided: a park saved
     * @param spinsMissed spins before parking that ended in a park
     * @param locksSpun channel locks found held and then taken within the lock's spin
     * @param locksParked channel locks found held whose acquirer then queued to park
     */
    public record Counts(long parks, long wakes, long spinsMet, long spinsMissed, long locksSpun, long locksParked) {}

    /** True when counting ({@code go4j.countParks}). */
    public static boolean enabled() {
        return Switches.COUNT_PARKS;
    }

    /** Returns the counts since the last call and starts counting afresh. */
    public static Counts drain() {
        return new Counts(PARKS.sumThenReset(), WAKES.sumThenReset(), SPINS_MET.sumThenReset(),
                SPINS_MISSED.sumThenReset(), LOCKS_SPUN.sumThenReset(), LOCKS_PARKED.sumThenReset());
    }
}
