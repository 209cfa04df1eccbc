package dev.go4j.bench;

import dev.go4j.internal.diag.ParkCounts;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.util.concurrent.ForkJoinPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.ExternalProfiler;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler ({@code -prof dev.go4j.bench.ParksProfiler}) that reports, per operation (per element
 * for the channel rows, which count one operation per value), go4j's parks, wake-ups, spins met and
 * missed, and contended channel locks: {@link ParkCounts}. It starts the forked JVMs with
 * {@code -Dgo4j.countParks=true} (after the benchmark's own JVM arguments), so the rows measured with it
 * pay the counting; rows of Jox and the JDK count zeros. For every row, go4j's or not, it also reports
 * the voluntary context switches of the JVM's threads per operation (Linux's {@code /proc}): each is a
 * thread, mostly a carrier, going to sleep in the kernel for want of work, so that a wake-up then costs
 * a signal to an idle carrier. The sum is over the threads alive at the end of the iteration (the
 * carriers, the JMH threads), so threads that ended meanwhile are missed. And the steals of the
 * virtual-thread scheduler per operation ({@link ForkJoinPool#getStealCount()}, an estimate): a virtual
 * thread run by another carrier than the one that queued it, such as a woken party taken by the idle
 * carrier from its waker's queue (for that it opens {@code java.lang} to read the scheduler).
 */
public final class ParksProfiler implements InternalProfiler, ExternalProfiler {
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final ForkJoinPool SCHEDULER = scheduler();
    private long switchesBefore;
    private long stealsBefore;

    @Override
    public String getDescription() {
        return "go4j parks, wake-ups, spins and contended locks per operation (-Dgo4j.countParks=true)";
    }

    @Override
    public Collection<String> addJVMInvokeOptions(BenchmarkParams params) {
        return List.of();
    }

    @Override
    public Collection<String> addJVMOptions(BenchmarkParams params) {
        return List.of("-Dgo4j.countParks=true", "--add-opens=java.base/java.lang=ALL-UNNAMED");
    }

    @Override
    public void beforeTrial(BenchmarkParams params) {}

    @Override
    public Collection<? extends Result> afterTrial(BenchmarkResult br, long pid, File stdOut, File stdErr) {
        return List.of();
    }

    @Override
    public boolean allowPrintOut() {
        return true;
    }

    @Override
    public boolean allowPrintErr() {
        return true;
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        ParkCounts.drain();
        switchesBefore = voluntarySwitches();
        stealsBefore = steals();
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        ParkCounts.Counts c = ParkCounts.drain();
        long switches = voluntarySwitches() - switchesBefore;
        long steals = steals() - stealsBefore;
        double ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(
                perOp("parks", c.parks(), ops),
                perOp("wakes", c.wakes(), ops),
                perOp("spinsMet", c.spinsMet(), ops),
                perOp("spinsMissed", c.spinsMissed(), ops),
                perOp("locksSpun", c.locksSpun(), ops),
                perOp("locksParked", c.locksParked(), ops),
                new ScalarResult("os.sleeps", switches / ops, "#/op", AggregationPolicy.AVG),
                new ScalarResult("vt.steals", steals / ops, "#/op", AggregationPolicy.AVG));
    }

    /** The virtual-thread scheduler's steals so far, 0 if it cannot be read. */
    private static long steals() {
        return SCHEDULER == null ? 0 : SCHEDULER.getStealCount();
    }

    /** The JDK's default virtual-thread scheduler, or null where it is not a readable ForkJoinPool. */
    private static ForkJoinPool scheduler() {
        try {
            Field f = Class.forName("java.lang.VirtualThread").getDeclaredField("DEFAULT_SCHEDULER");
            f.setAccessible(true);
            return f.get(null) instanceof ForkJoinPool pool ? pool : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** The sum of {@code voluntary_ctxt_switches} over the JVM's live threads, 0 where /proc is not Linux's. */
    private static long voluntarySwitches() {
        try (Stream<Path> tasks = Files.list(TASKS)) {
            return tasks.mapToLong(ParksProfiler::voluntarySwitches).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private static long voluntarySwitches(Path task) {
        try (Stream<String> lines = Files.lines(task.resolve("status"))) {
            return lines.filter(l -> l.startsWith("voluntary_ctxt_switches:"))
                    .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(':') + 1).trim()))
                    .sum();
        } catch (IOException | UncheckedIOException e) {
            return 0; // the thread ended meanwhile
        }
    }

    private static ScalarResult perOp(String name, long count, double ops) {
        return new ScalarResult("go4j." + name, count / ops, "#/op", AggregationPolicy.AVG);
    }
}
