package dev.go4j.internal;

/**
 * Every {@code go4j.*} system property, read here and nowhere else: the one table of go4j's switches
 * (README's "Switches" lists the same, with what each costs). Each is read once, when this class is
 * first used (the first park, lock or goroutine), except {@link #deadlockIgnoreThreads()}, which each
 * deadlock check reads again, so that a test harness may set it late.
 */
public final class Switches {
    /**
     * {@code go4j.diagnostics}, default true: a park records when it began, for goroutine dumps' waiting
     * time and "blocked" mark. Cost: one plain write per park.
     */
    public static final boolean DIAGNOSTICS = !"false".equals(System.getProperty("go4j.diagnostics"));

    /**
     * {@code go4j.lockCycles}, default true: locks record their holder and a waiter about to park
     * searches for a cycle of lock waits. Cost: a plain write on every lock and unlock.
     */
    public static final boolean LOCK_CYCLES = !"false".equals(System.getProperty("go4j.lockCycles"));

    /**
     * {@code go4j.lockOrder}, default false: lock-order checking from the start (also switched at run
     * time by {@code Goroutines.checkLockOrder}). Cost: a stack capture per lock while on.
     */
    public static final boolean LOCK_ORDER = Boolean.getBoolean("go4j.lockOrder");

    /**
     * {@code go4j.leakProfile}, default false: goroutines are held weakly, so that one no one can wake
     * is collected and reported. Cost: an allocation and a queue offer per park without deadline.
     */
    public static final boolean LEAK_PROFILE = Boolean.getBoolean("go4j.leakProfile");

    /** {@code go4j.createdBy=true}: every {@code Go.go} records its call site, as for a dump (a stack walk). */
    public static final boolean CREATED_BY_ALWAYS = "true".equals(System.getProperty("go4j.createdBy"));

    /** {@code go4j.createdBy=false}: no {@code Go.go} records its call site, even when dumps ask for it. */
    public static final boolean CREATED_BY_NEVER = "false".equals(System.getProperty("go4j.createdBy"));

    /**
     * {@code go4j.mutexspin}, default 4 (Go's): rounds of 30 pauses that a contended {@code sync.Mutex}
     * spins while the mutex is held, before it parks; never on a single carrier. Safe to hold a carrier
     * for: a virtual thread is never preempted, so the holder of a locked mutex is running unless it
     * blocked inside its critical section, and then the spin is over after 120 pauses. 0 turns it off
     * (the contended 4-way benchmark is then about 4x slower on two cores).
     */
    public static final int MUTEX_SPIN = Integer.getInteger("go4j.mutexspin", 4);

    /** {@code go4j.lockspins}, default 64: spins of a contended channel lock before it parks. */
    public static final int LOCK_SPINS = Integer.getInteger("go4j.lockspins", 64);

    /** {@code go4j.spin}, default 128: the most spins a channel party tries before it parks. */
    public static final int SPIN = Integer.getInteger("go4j.spin", 128);

    /** {@code go4j.spin.probe}, default 1024: the spins of a rendezvous channel's probe while spinning is off. */
    public static final int SPIN_PROBE = Integer.getInteger("go4j.spin.probe", 1024);

    /** {@code go4j.spin.probeEvery}, default 512: waits between two probes on a rendezvous channel. */
    public static final int SPIN_PROBE_EVERY = Integer.getInteger("go4j.spin.probeEvery", 512);

    /**
     * {@code go4j.countParks}, default false: counts parks, wake-ups, spins and contended channel locks,
     * for benchmarks to read per element ({@code dev.go4j.internal.diag.ParkCounts}). Cost: an
     * increment of a shared {@code LongAdder} at each.
     */
    public static final boolean COUNT_PARKS = Boolean.getBoolean("go4j.countParks");

    /**
     * {@code go4j.ring}, default true: a buffered channel sends and receives without its lock while
     * nobody waits (the ring's fast paths; see {@code dev.go4j.Ring}). The race detector's agent turns it
     * off, so that every buffered operation takes the locked path, whose every step it is told about.
     */
    public static final boolean RING = !"false".equals(System.getProperty("go4j.ring"));

    private Switches() {}

    /**
     * {@code go4j.deadlock.ignoreThreads}, default none: a regular expression naming platform threads
     * that never release a goroutine (a test harness's watchdog), which would otherwise count as able
     * to make progress for {@code Go.main}'s deadlock check. Null or empty when not set.
     */
    public static String deadlockIgnoreThreads() {
        return System.getProperty("go4j.deadlock.ignoreThreads");
    }
}
