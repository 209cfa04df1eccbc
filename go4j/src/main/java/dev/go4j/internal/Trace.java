package dev.go4j.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * The one door from the parking core, and from the locks of {@code dev.go4j.sync}, to diagnostics: the
 * events a park, a wake-up and a lock produce, as Go's runtime calls {@code blockevent} and its race
 * hooks, one line at each exit: {@code Trace.hook().parking(w)}. Every method here is the do-nothing
 * default; {@code dev.go4j.internal.diag.Diagnostics} overrides them and records.
 *
 * <p><b>Switches.</b> One mechanism: the hook is a {@code static final} chosen at start, so the JIT folds
 * it into a constant of a known class and inlines its calls: a method the hook does not override costs
 * nothing, and with the do-nothing hook nothing is read at all. Every switch is the hook's own state,
 * read only inside the hook's methods: those fixed at start ({@link Switches}) are static finals, folded
 * likewise; those that change at run time (the profiles' rates, lock-order checking) are volatile fields
 * of the diagnostics, read only by the hook methods that need them (lock order: the lock methods). A
 * volatile hook instead would cost a read on every park, lock and unlock.
 *
 * <p><b>Installation.</b> The first call of {@link #hook()} initializes the holder below, which loads the
 * diagnostics package's hook by name (the core does not import it) before it returns: the class
 * initialization of the holder happens-before every park and every lock that reads the hook, so no park
 * can precede the installation and no record is lost. Without the diagnostics package (the core built
 * on its own) the hook stays the do-nothing one.
 */
public abstract class Trace {
    /** The most threads a lock's waiter can wait for at once (an RWMutex writer: its reader slots). */
    public static final int MAX_HOLDERS = 4;

    /** What a thread parked on a lock's semaphore waits for; implemented by the locks of {@code dev.go4j.sync}. */
    public interface LockTarget {
        /** The lock to name in reports (the {@code Mutex} or {@code RWMutex} the semaphore serves). */
        Object lock();

        /**
         * The {@code i}-th thread ({@code 0 <= i < }{@link #MAX_HOLDERS}) a waiter waits for, or null: the
         * holder at 0, or for an RWMutex writer waiting for readers, the readers recorded.
         */
        Thread holder(int i);
    }

    protected Trace() {}

    /** The hook in force (see the class comment). */
    public static Trace hook() {
        return Installed.HOOK;
    }

    // Parking (Waiter.await)

    /** {@code w}'s thread is about to park for the first time; returns a token for {@link #unparked}. */
    public Object parking(Waiter w) {
        return null;
    }

    /** Parks the calling thread, {@code w}'s, without deadline on {@code w}. */
    public void park(Waiter w) {
        LockSupport.park(w);
    }

    /** {@code w}'s thread parked at least once and its wait is over (decided, interrupted or timed out). */
    public void unparked(Waiter w, Object token) {}

    /** The calling thread decided {@code w}'s operation and now wakes its thread, parked or about to park. */
    public void waking(Waiter w) {}

    /** The leader {@code w} spun up to {@code spins} times before parking; {@code met}: decided meanwhile. */
    public void spun(Waiter w, int spins, boolean met) {}

    /** The calling thread found a channel's lock held; {@code parks}: its spin failed and it queues to park. */
    public void lockContended(boolean parks) {}

    // Lock semaphores (Sema)

    /**
     * The thread of {@code w}, queued on a lock's semaphore with the {@link LockTarget} it waits for as
     * {@code item}, is about to park; {@link #lockWaited()} follows after its wait.
     */
    public void lockWaiting(Waiter w) {}

    /** Ends the wait announced by {@link #lockWaiting}. */
    public void lockWaited() {}

    /** The calling thread, unlocking a Mutex or RWMutex, has just woken {@code w}. */
    public void lockHandedOff(Waiter w) {}

    // Locks (dev.go4j.sync)

    /** True if locks record their holder and waiters announce what they wait for. */
    public boolean recordsLockHolders() {
        return false;
    }

    /**
     * The calling thread may wait for {@code lock}, which it is about to lock; returns a token for
     * {@link #locked}, null when nothing is recorded.
     */
    public Object locking(Object lock) {
        return null;
    }

    /** The calling thread now holds {@code lock}; {@code token}, not null, is what {@link #locking} returned. */
    public void locked(Object lock, Object token) {}

    /** The calling thread now holds {@code lock}, taken without waiting ({@code tryLock}). */
    public void tryLocked(Object lock) {}

    /** {@code lock} is being released (by any thread: Go's locks are not owned). */
    public void unlocked(Object lock) {}

    // Synctest bubbles (dev.go4j.synctest)

    /**
     * The synctest bubble of the calling thread, an opaque owner, or null: that of a semaphore or notify
     * list made now, which {@link #waitingOn} compares.
     */
    public Object bubble() {
        return null;
    }

    /**
     * The calling thread is about to wait on {@code w} for something made in {@code owner} (a
     * {@link #bubble()}, or null): unless that is the caller's own bubble, the wait is not durable
     * ({@link Waiter#waitsOutsideBubble()}).
     */
    public void waitingOn(Waiter w, Object owner) {}

    /** The holder of the hook in force, initialized by the first {@link #hook()}. */
    private static final class Installed {
        private static final String DIAGNOSTICS = "dev.go4j.internal.diag.Diagnostics";
        private static final Trace HOOK = load();

        private static Trace load() {
            try {
                return (Trace) Class.forName(DIAGNOSTICS, true, Trace.class.getClassLoader())
                        .getMethod("hook").invoke(null);
            } catch (ClassNotFoundException e) {
                return new Trace() {};
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

    }
}
