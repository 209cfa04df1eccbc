package dev.go4j.runtime;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.RWMutex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The mutex profile, after the shape of Go's {@code runtime/pprof} TestMutexProfile: a goroutine parks on
 * a held Mutex (or RWMutex) and the holder unlocks at a known call site; Go charges the waiter's delay to
 * the <em>unlocker's</em> stack, so the profile must name the unlocking site and not the waiting one.
 * Durations are not asserted. Profiles are global: each test matches only its own call sites and switches
 * the profile off afterwards.
 */
@Timeout(60)
class MutexProfileTest {
    private static final int ROUNDS = 3;

    @AfterEach
    void off() {
        ProfileTesting.off();
    }

    @Test
    void chargesContentionToTheUnlocker() throws Exception {
        assertEquals(0, Profile.setMutexProfileFraction(1), "off by default");
        Mutex mu = new Mutex();
        try (TestSupport.Goroutines gs = new TestSupport.Goroutines()) {
            for (int i = 0; i < ROUNDS; i++) {
                mu.lock();
                Thread waiter = gs.go(() -> waiterSite(mu));
                awaitParked(waiter);
                unlockSite(mu);
                join(waiter);
            }
            gs.joinAll();
        }
        Profile.Entry unlocker = ProfileTesting.through(Profile.mutex(), MutexProfileTest.class, "unlockSite");
        assertEquals(ROUNDS, unlocker.count(), "one contention per parked waiter, fraction 1");
        assertTrue(unlocker.nanos() > 0);
        assertEquals(0, ProfileTesting.through(Profile.mutex(), MutexProfileTest.class, "waiterSite").count(),
                "the waiter's stack is not where contention is charged");
        assertTrue(Profile.mutex().folded().contains("MutexProfileTest.unlockSite;dev.go4j.sync.Mutex.unlock "),
                Profile.mutex().folded());
        assertEquals(1, Profile.setMutexProfileFraction(-1), "a negative fraction only reads it");
    }

    @Test
    void chargesAWriterWaitingForReadersToTheLastReader() throws Exception {
        Profile.setMutexProfileFraction(1);
        RWMutex rw = new RWMutex();
        try (TestSupport.Goroutines gs = new TestSupport.Goroutines()) {
            rw.rLock();
            Thread writer = gs.go(() -> {
                rw.lock();
                rw.unlock();
            });
            awaitParked(writer);
            rUnlockSite(rw);
            join(writer);
            gs.joinAll();
        }
        assertEquals(1, ProfileTesting.through(Profile.mutex(), MutexProfileTest.class, "rUnlockSite").count());
    }

    @Test
    void offRecordsNothing() throws Exception {
        Mutex mu = new Mutex();
        try (TestSupport.Goroutines gs = new TestSupport.Goroutines()) {
            mu.lock();
            Thread waiter = gs.go(() -> waiterSite(mu));
            awaitParked(waiter);
            unlockSite(mu);
            join(waiter);
            gs.joinAll();
        }
        assertEquals(0, ProfileTesting.through(Profile.mutex(), MutexProfileTest.class, "unlockSite").count());
    }

    private static void waiterSite(Mutex mu) throws InterruptedException {
        mu.lock();
        mu.unlock();
    }

    private static void unlockSite(Mutex mu) {
        mu.unlock();
    }

    private static void rUnlockSite(RWMutex rw) {
        rw.rUnlock();
    }
}
