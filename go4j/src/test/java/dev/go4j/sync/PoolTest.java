package dev.go4j.sync;

import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Ports of Go's sync/pool_test.go: TestPool (put then get returns it; an empty pool without New gives
 * nil; garbage collections drop pooled objects, the first one to the victim cache), TestPoolNew (New
 * fills a miss), TestPoolStress (many goroutines get and put, no object is handed to two at once).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PoolTest {
    @Test
    void putThenGetAndEmptyGivesNull() {
        Pool<String> p = new Pool<>();
        assertNull(p.get(), "an empty pool without a factory");
        p.put("a");
        p.put(null); // ignored
        assertSame("a", p.get());
        assertNull(p.get());
    }

    @Test
    void factoryFillsAMiss() {
        AtomicInteger made = new AtomicInteger();
        Pool<Integer> p = new Pool<>(made::incrementAndGet);
        assertEquals(1, p.get());
        assertEquals(2, p.get());
        p.put(42);
        assertEquals(42, p.get());
        assertEquals(3, p.get());
    }

    /** Go's TestPool GC part: a pooled object survives one collection (in the victim cache)... */
    @Test
    void pooledObjectSurvivesOneCollection() {
        Object x = new Object();
        boolean survived = false;
        for (int attempt = 0; attempt < 10 && !survived; attempt++) { // a stray extra collection drops it
            Pool<Object> p = new Pool<>();
            p.put(x);
            System.gc();
            survived = p.get() == x;
        }
        assertTrue(survived, "a single collection dropped the pooled object");
    }

    /** ...but not two. */
    @Test
    void pooledObjectIsDroppedByTwoCollections() {
        Pool<Object> p = new Pool<>();
        Object x = new Object();
        p.put(x);
        System.gc();
        p.put(new Object()); // notices the collection: x moves to the victim cache
        System.gc();
        for (Object o; (o = p.get()) != null; ) {
            assertNotSame(x, o, "the pool kept an object across two collections");
        }
    }

    /** Go's TestPoolStress: concurrent get/put never hands one object to two goroutines at once. */
    @Test
    void stressNoObjectSharedAtOnce() throws Exception {
        Pool<int[]> p = new Pool<>(() -> new int[1]);
        Map<int[], Boolean> inUse = new ConcurrentHashMap<>();
        int iterations = scaled(50_000, 1_000_000);
        try (TestSupport.Goroutines g = new TestSupport.Goroutines()) {
            for (int i = 0; i < 8; i++) {
                g.go(() -> {
                    for (int k = 0; k < iterations; k++) {
                        int[] x = p.get();
                        if (inUse.putIfAbsent(x, true) != null) {
                            throw new AssertionError("an object handed out twice");
                        }
                        x[0]++;
                        inUse.remove(x);
                        p.put(x);
                    }
                });
            }
            g.joinAll();
        }
        Map<int[], Boolean> distinct = new IdentityHashMap<>();
        for (int[] x; (x = p.get()) != null && !distinct.containsKey(x) && distinct.size() < 1_000; ) {
            distinct.put(x, true);
        }
        assertTrue(distinct.size() > 0);
    }
}
