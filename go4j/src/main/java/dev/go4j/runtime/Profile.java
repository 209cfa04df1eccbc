package dev.go4j.runtime;

import dev.go4j.internal.diag.Frames;
import dev.go4j.internal.diag.Profiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Go's contention profiles: the <em>block</em> profile (where goroutines wait) and the <em>mutex</em>
 * profile (which unlocks make others wait), aggregated by call stack, exported as folded stacks for
 * flame graphs and as a readable table. Both are off by default.
 *
 * <pre>{@code
 * Profile.setBlockProfileRate(1);             // runtime.SetBlockProfileRate(1): every blocking event
 * Profile.setMutexProfileFraction(1);         // runtime.SetMutexProfileFraction(1): every contention
 * // ... run the workload ...
 * System.out.print(Profile.block().top(10));  // the ten stacks that waited longest
 * Files.writeString(Path.of("block.folded"), Profile.block().folded());  // flamegraph.pl block.folded
 * }</pre>
 *
 * <p><b>Block profile</b> (Go's {@code pprof.Lookup("block")}): the time goroutines spent parked in go4j
 * primitives — channel send and receive, {@code select}, Mutex, RWMutex, Cond, WaitGroup, the semaphores,
 * timers of a non-system clock — measured from park to wake, keyed by the waiter's stack from the go4j call
 * outward (go4j's and the JDK's frames inside it are cut, as in a goroutine dump). Only waits that really
 * parked count: an operation that completed at once or while spinning records nothing. {@code Time.sleep}
 * on the system clock is {@code Thread.sleep} and is not recorded (Go does not record sleeps either).
 *
 * <p><b>Mutex profile</b> (Go's {@code pprof.Lookup("mutex")}): for every Mutex or RWMutex waiter that
 * parked, the delay from its park to the unlock that woke it, charged to the stack of the
 * <em>unlocker</em>, as Go does: the place to fix contention is where the lock is held too long.
 *
 * <p><b>Sampling</b>, as Go's: block rate {@code r} ns records every wait of {@code r} ns or more and a
 * shorter wait of {@code d} ns with probability {@code d / r}, counting it as {@code r / d} events of
 * {@code r} ns in all (so totals stay unbiased); rate 1 records every wait. Mutex fraction {@code n}
 * records one contention in {@code n} on average and counts it {@code n} times.
 *
 * <p><b>Cost.</b> Off: one volatile read per park, none on any non-blocking path. On: a stack capture per
 * recorded event (a few microseconds), on the path of a goroutine that has just been woken.
 *
 * <p>Profiles are global and live until {@link #reset()}; recording and reading may overlap (the view is
 * weakly consistent: an event may land just after a snapshot, or be dropped by a concurrent reset).
 */
public final class Profile {
    private static final Profile BLOCK = new Profile("block", Profiler.BLOCK);
    private static final Profile MUTEX = new Profile("mutex", Profiler.MUTEX);

    private final String name;
    private final Profiler data;

    private Profile(String name, Profiler data) {
        this.name = name;
        this.data = data;
    }

    /**
     * One call stack's totals.
     *
     * @param stack the stack, innermost first: the go4j call (e.g. {@code Chan.recv}, or {@code Mutex.unlock}
     *              in the mutex profile) and then its callers out to the goroutine's task
     * @param count the number of events (scaled for sampling)
     * @param nanos the total time blocked or delayed, in nanoseconds (scaled for sampling)
     */
    public record Entry(List<StackTraceElement> stack, long count, long nanos) {
        /** The mean time per event in nanoseconds. */
        public long meanNanos() {
            return count == 0 ? 0 : nanos / count;
        }

        /** The innermost frame outside go4j and the JDK: the user's call site (the go4j call if none). */
        public StackTraceElement site() {
            for (StackTraceElement f : stack) {
                if (!Frames.isLibrary(f) && !Frames.isJdk(f)) {
                    return f;
                }
            }
            return stack.isEmpty() ? null : stack.get(0);
        }
    }

    /** The block profile: Go's {@code pprof.Lookup("block")}. */
    public static Profile block() {
        return BLOCK;
    }

    /** The mutex profile: Go's {@code pprof.Lookup("mutex")}. */
    public static Profile mutex() {
        return MUTEX;
    }

    /**
     * Go's {@code runtime.SetBlockProfileRate}: records on average one blocking event per {@code rate}
     * nanoseconds spent blocked; 1 records every event, 0 or less turns the block profile off (the default).
     */
    public static void setBlockProfileRate(long rate) {
        Profiler.BLOCK.setRate(rate);
    }

    /**
     * Go's {@code runtime.SetMutexProfileFraction}: records on average one contention event in {@code rate};
     * 1 records every one, 0 turns the mutex profile off (the default), a negative rate only reads it.
     *
     * @return the previous rate
     */
    public static int setMutexProfileFraction(int rate) {
        if (rate < 0) {
            return (int) Profiler.MUTEX.rate();
        }
        return (int) Profiler.MUTEX.setRate(rate);
    }

    /** The current rate: nanoseconds for the block profile, the fraction's denominator for the mutex profile; 0 when off. */
    public long rate() {
        return data.rate();
    }

    /** The profile's name, as pprof's: {@code block} or {@code mutex}. */
    public String name() {
        return name;
    }

    /** The stacks recorded so far, the longest total time first. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        data.buckets().forEach((stack, b) -> out.add(new Entry(stack, b.count(), b.nanos())));
        out.sort(Comparator.comparingLong(Entry::nanos).reversed().thenComparing(e -> e.stack().toString()));
        return out;
    }

    /**
     * The profile as folded stacks, one {@code frame;frame;frame nanoseconds} line per stack, outermost
     * frame first (frames are {@code class.method}; stacks that differ only in line numbers are merged):
     * the input of {@code flamegraph.pl} and speedscope.
     */
    public String folded() {
        StringBuilder sb = new StringBuilder();
        writeFolded(sb);
        return sb.toString();
    }

    /** Writes {@link #folded()} to {@code out}. */
    public void writeFolded(Appendable out) {
        Map<String, Long> lines = new LinkedHashMap<>();
        for (Entry e : entries()) {
            StringBuilder key = new StringBuilder();
            for (int i = e.stack().size() - 1; i >= 0; i--) {
                StackTraceElement f = e.stack().get(i);
                key.append(f.getClassName()).append('.').append(f.getMethodName());
                if (i > 0) {
                    key.append(';');
                }
            }
            lines.merge(key.toString(), e.nanos(), Long::sum);
        }
        try {
            for (Map.Entry<String, Long> l : lines.entrySet()) {
                out.append(l.getKey()).append(' ').append(Long.toString(l.getValue())).append('\n');
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The {@code n} stacks with the longest total time as a table: total (ms), count, mean (µs), the go4j
     * call and the innermost user frame.
     */
    public String top(int n) {
        List<Entry> entries = entries();
        long total = entries.stream().mapToLong(Entry::nanos).sum();
        long count = entries.stream().mapToLong(Entry::count).sum();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%s profile: %d stacks, %d events, %.3f ms total%n", name, entries.size(), count,
                total / 1e6));
        sb.append(String.format("%12s %9s %12s  %-24s %s%n", "total ms", "count", "mean µs", "go4j call", "site"));
        for (Entry e : entries.subList(0, Math.min(n, entries.size()))) {
            StackTraceElement call = e.stack().isEmpty() ? null : e.stack().get(0);
            String callName = call == null ? "?" : simpleName(call.getClassName()) + "." + call.getMethodName();
            sb.append(String.format("%12.3f %9d %12.3f  %-24s %s%n", e.nanos() / 1e6, e.count(),
                    e.meanNanos() / 1e3, callName, e.site()));
        }
        return sb.toString();
    }

    /** Forgets everything recorded so far (the rate stays). */
    public void reset() {
        data.reset();
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
