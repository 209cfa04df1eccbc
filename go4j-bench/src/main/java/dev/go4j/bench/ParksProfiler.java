package dev.go4j.bench;

import dev.go4j.internal.diag.ParkCounts;
import java.io.File;
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
 * pay the counting; rows of Jox and the JDK count zeros.
 */
public final class ParksProfiler implements InternalProfiler, ExternalProfiler {
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
        return List.of("-Dgo4j.countParks=true");
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
    }

    @Override
    public Collection<? extends Result> afterIteration(
            BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
        ParkCounts.Counts c = ParkCounts.drain();
        double ops = Math.max(1, result.getMetadata().getAllOps());
        return List.of(
                perOp("parks", c.parks(), ops),
                perOp("wakes", c.wakes(), ops),
                perOp("spinsMet", c.spinsMet(), ops),
                perOp("spinsMissed", c.spinsMissed(), ops),
                perOp("locksSpun", c.locksSpun(), ops),
                perOp("locksParked", c.locksParked(), ops));
    }

    private static ScalarResult perOp(String name, long count, double ops) {
        return new ScalarResult("go4j." + name, count / ops, "#/op", AggregationPolicy.AVG);
    }
}
