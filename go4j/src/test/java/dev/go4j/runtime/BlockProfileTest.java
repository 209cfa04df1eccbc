package dev.go4j.runtime;

import static dev.go4j.TestSupport.awaitParked;
import static dev.go4j.TestSupport.join;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Select;
import dev.go4j.TestSupport;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.WaitGroup;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The block profile, after the shape of Go's {@code runtime/pprof} TestBlockProfile: goroutines block at
 * known call sites (a channel receive, a mutex lock, a select, a WaitGroup wait), each made sure to park
 * before it is released, and the profile must attribute the waits to those sites, through the go4j call
 * they parked in. Durations are not asserted, only attribution and counts. Profiles are global, so each test matches only its own
 * call sites and switches the profile off afterwards.
 */
@Timeout(60)
class BlockProfileTest {
    private static final int RECVS = 5;
    private static final int LOCKS = 2;

    @AfterEach
    void off() {
        ProfileTesting.off();
    }

    @Test
    void attributesBlockedTimeToCallSites() throws Exception {
        Profile.setBlockProfileRate(1);
        blockAtBothSites();

        Profile.Entry recv = ProfileTesting.through(Profile.block(), BlockProfileTest.class, "recvSite");
        Profile.Entry lock = ProfileTesting.through(Profile.block(), BlockProfileTest.class, "lockSite");
        assertEquals(RECVS, recv.count(), "one event per parked receive");
        assertTrue(lock.count() >= LOCKS, "at least one event per parked lock: " + lock.count());
        assertTrue(recv.count() > lock.count(), "the site that blocked more often counts more");
        assertTrue(recv.nanos() > 0 && lock.nanos() > 0);

        String folded = Profile.block().folded();
        assertTrue(Pattern.compile("(?m)BlockProfileTest\\.recvSite;dev\\.go4j\\.Chan\\.recv \\d+$").matcher(folded).find(),
                folded);
        assertTrue(Pattern.compile("(?m)BlockProfileTest\\.lockSite;dev\\.go4j\\.sync\\.Mutex\\.lock \\d+$")
                .matcher(folded).find(), folded);
        String top = Profile.block().top(100);
        assertTrue(top.contains("Chan.recv") && top.contains("BlockProfileTest.recvSite"), top);
        assertTrue(top.contains("Mutex.lock") && top.contains("BlockProfileTest.lockSite"), top);
    }

    @Test
    void offByDefaultRecordsNothing() throws Exception {
        assertEquals(0, Profile.block().rate(), "off unless asked for");
        blockAtBothSites();
        assertEquals(0, ProfileTesting.through(Profile.block(), BlockProfileTest.class, "recvSite").count());
        assertEquals(0, ProfileTesting.through(Profile.block(), BlockProfileTest.class, "lockSite").count());
    }

    @Test
    void resetForgetsWhatWasRecorded() throws Exception {
        Profile.setBlockProfileRate(1);
        blockAtBothSites();
        assertTrue(ProfileTesting.through(Profile.block(), BlockProfileTest.class, "recvSite").count() > 0);
        Profile.block().reset();
        assertEquals(0, ProfileTesting.through(Profile.block(), BlockProfileTest.class, "recvSite").count());
        assertEquals(1, Profile.block().rate(), "a reset keeps the rate");
    }

    @Test
    void coversSelectAndWaitGroup() throws Exception {
        Profile.setBlockProfileRate(1);
        try (TestSupport.Goroutines gs = new TestSupport.Goroutines()) {
            Chan<Integer> a = Chan.make();
            Chan<Integer> b = Chan.make();
            Thread selector = gs.go(() -> selectSite(a, b));
            awaitParked(selector);
            b.send(1);
            join(selector);

            WaitGroup wg = new WaitGroup();
            wg.add(1);
            Thread waiter = gs.go(() -> waitSite(wg));
            awaitParked(waiter);
            wg.done();
            join(waiter);
            gs.joinAll();
        }
        String folded = Profile.block().folded();
        assertTrue(folded.contains("BlockProfileTest.selectSite;dev.go4j.Select.select "), folded);
        assertTrue(folded.contains("BlockProfileTest.waitSite;dev.go4j.sync.WaitGroup.await "), folded);
    }

    private static void selectSite(Chan<Integer> a, Chan<Integer> b) throws InterruptedException {
        Select.select(Select.recv(a, v -> v), Select.recv(b, v -> v));
    }

    private static void waitSite(WaitGroup wg) throws InterruptedException {
        wg.await();
    }

    /** Parks RECVS times in {@link #recvSite} and LOCKS times in {@link #lockSite}, each time in a new goroutine. */
    private static void blockAtBothSites() throws Exception {
        try (TestSupport.Goroutines gs = new TestSupport.Goroutines()) {
            Chan<Integer> ch = Chan.make();
            for (int i = 0; i < RECVS; i++) {
                Thread g = gs.go(() -> recvSite(ch));
                awaitParked(g);
                ch.send(i);
                join(g);
            }
            Mutex mu = new Mutex();
            for (int i = 0; i < LOCKS; i++) {
                mu.lock();
                Thread g = gs.go(() -> lockSite(mu));
                awaitParked(g);
                mu.unlock();
                join(g);
            }
            gs.joinAll();
        }
    }

    private static void recvSite(Chan<Integer> ch) throws InterruptedException {
        ch.recv();
    }

    private static void lockSite(Mutex mu) throws InterruptedException {
        mu.lock();
        mu.unlock();
    }

    @Test
    void entryNamesTheUserSite() throws Exception {
        Profile.setBlockProfileRate(1);
        blockAtBothSites();
        List<Profile.Entry> mine = Profile.block().entries().stream()
                .filter(e -> ProfileTesting.passesThrough(e.stack(), BlockProfileTest.class, "recvSite")).toList();
        assertTrue(!mine.isEmpty());
        for (Profile.Entry e : mine) {
            assertEquals("dev.go4j.Chan", e.stack().get(0).getClassName(), "innermost: the go4j call");
            assertEquals("recvSite", e.site().getMethodName(), "site: the innermost user frame");
        }
    }
}
