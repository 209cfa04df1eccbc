package dev.go4j.internal.diag;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The data of one of Go's contention profiles ({@link #BLOCK}, {@link #MUTEX}): counts and nanoseconds
 * by call stack, with Go's sampling. {@code dev.go4j.runtime.Profile} is its public face.
 *
 * <p>Invariants: {@link #rate} 0 means off, and then nothing is recorded and no stack is taken; a stack
 * is taken only for an event that the sampling keeps. Buckets are only added to (counters are atomic, no
 * lock); {@link #reset} drops them all, so an event recorded during a reset may be lost, never counted twice.
 */
public final class Profiler {
    /** Go's block profile: time goroutines spent parked in go4j primitives, by the waiter's stack. */
    public static final Profiler BLOCK = new Profiler(true);
    /** Go's mutex profile: delay of Mutex/RWMutex waiters, by the stack of the goroutine that unlocked. */
    public static final Profiler MUTEX = new Profiler(false);

    private final boolean byDuration;
    private final Map<List<StackTraceElement>, Bucket> buckets = new ConcurrentHashMap<>();
    private volatile long rate;

    private Profiler(boolean byDuration) {
        this.byDuration = byDuration;
    }

    /** One call stack's totals. */
    public static final class Bucket {
        private final AtomicLong count = new AtomicLong();
        private final AtomicLong nanos = new AtomicLong();

        /** Events recorded (scaled up for sampled-out ones, as Go does). */
        public long count() {
            return count.get();
        }

        /** Nanoseconds blocked or delayed (scaled likewise). */
        public long nanos() {
            return nanos.get();
        }
    }

    /** The sampling rate: nanoseconds (block) or 1/fraction (mutex); 0 when off. */
    public long rate() {
        return rate;
    }

    /** True when recording: the one volatile read the parking path pays while profiles are off. */
    public boolean on() {
        return rate != 0;
    }

    /** Sets the rate (negative means 0, off); returns the previous one. */
    public long setRate(long r) {
        long old = rate;
        rate = Math.max(0, r);
        return old;
    }

    /** The stacks recorded so far (a live, weakly consistent view). */
    public Map<List<StackTraceElement>, Bucket> buckets() {
        return Collections.unmodifiableMap(buckets);
    }

    /** Forgets everything recorded. */
    public void reset() {
        buckets.clear();
    }

    /**
     * Records an event of {@code nanos} (blocked or delayed) against the calling thread's stack, if the
     * sampling keeps it. Block profile (Go's {@code blocksampled}): an event of at least {@code rate} ns
     * is always kept, a shorter one with probability {@code nanos / rate}, and is then counted as
     * {@code rate / nanos} events of {@code rate} ns in all, so totals stay unbiased. Mutex profile (Go's
     * {@code mutexevent}): one event in {@code rate} is kept, on average, and counts {@code rate} times.
     */
    public void record(long nanos) {
        long r = rate;
        if (r <= 0) {
            return;
        }
        nanos = Math.max(nanos, 1);
        long count;
        if (byDuration) {
            if (nanos >= r) {
                count = 1;
            } else if (ThreadLocalRandom.current().nextLong(r) < nanos) {
                count = Math.max(1, r / nanos);
                nanos = r;
            } else {
                return;
            }
        } else {
            if (r > 1 && ThreadLocalRandom.current().nextLong(r) != 0) {
                return;
            }
            count = r;
            nanos *= r;
        }
        List<StackTraceElement> stack = callerStack();
        Bucket b = buckets.get(stack); // a known stack: no lock (computeIfAbsent may lock the bin)
        if (b == null) {
            b = buckets.computeIfAbsent(stack, k -> new Bucket());
        }
        b.count.addAndGet(count);
        b.nanos.addAndGet(nanos);
    }

    /** The calling thread's stack from the go4j call it is in outward, cut as a goroutine dump cuts it. */
    private static List<StackTraceElement> callerStack() {
        StackTraceElement[] frames = Thread.currentThread().getStackTrace();
        int from = Frames.entry(frames);
        if (from < 0) {
            from = 0;
            while (from < frames.length && (Frames.isJdk(frames[from]) || Frames.isLibrary(frames[from]))) {
                from++;
            }
        }
        int to = Math.max(from, Frames.bottom(frames));
        return List.of(Arrays.copyOfRange(frames, from, to));
    }
}
