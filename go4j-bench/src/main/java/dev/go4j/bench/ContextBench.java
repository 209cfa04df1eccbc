package dev.go4j.bench;

import dev.go4j.context.Cancelable;
import dev.go4j.context.Context;
import dev.go4j.context.Contexts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cancelling a tree of {@value #SIZE} contexts (fan-out {@value #FANOUT}, every context's done channel
 * already requested, as when goroutines select on them): go4j's {@code Contexts.withCancel} tree against
 * the nearest JDK idiom, a tree of {@link CompletableFuture} dependents cancelled at the root. The tree
 * is built before each invocation; the score is ns per context cancelled.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ContextBench {
    static final int SIZE = 10_000;
    static final int FANOUT = 10;

    private Cancelable root;
    private List<Context> contexts;
    private CompletableFuture<Integer> futureRoot;
    private List<CompletableFuture<Integer>> futures;

    @Setup(Level.Invocation)
    public void buildTrees() {
        root = Contexts.withCancel(Contexts.background());
        contexts = new ArrayList<>(SIZE);
        contexts.add(root.context());
        for (int i = 1; i < SIZE; i++) {
            Context c = Contexts.withCancel(contexts.get((i - 1) / FANOUT)).context();
            c.done();
            contexts.add(c);
        }
        futureRoot = new CompletableFuture<>();
        futures = new ArrayList<>(SIZE);
        futures.add(futureRoot);
        for (int i = 1; i < SIZE; i++) {
            futures.add(futures.get((i - 1) / FANOUT).thenApply(x -> x));
        }
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public boolean go4j_cancelTree() {
        root.cancel();
        return contexts.get(SIZE - 1).err() != null;
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public boolean jdkCompletableFuture_cancelTree() {
        futureRoot.cancel(false);
        return futures.get(SIZE - 1).isCompletedExceptionally();
    }
}
