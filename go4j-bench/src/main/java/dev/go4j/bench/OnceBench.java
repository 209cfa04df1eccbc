package dev.go4j.bench;

import dev.go4j.sync.Once;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The fast path of lazy one-time initialization, after the first call: go4j's {@code Once.onceValue}
 * ({@code go4j_get}, the same job as the holder) and {@code Once.run} ({@code go4j_run}, no JDK peer of
 * its own) against a double-checked-locking holder (a volatile field and {@code synchronized}, the JDK
 * idiom). The score is ns per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OnceBench {
    private final Once once = new Once();
    private final Supplier<Object> onceValue = Once.onceValue(Object::new);
    private Object initialized;
    private final Runnable init = () -> initialized = new Object();
    private final DoubleChecked holder = new DoubleChecked();

    @Benchmark
    public Object go4j_run() throws InterruptedException {
        once.run(init);
        return initialized;
    }

    @Benchmark
    public Object go4j_get() {
        return onceValue.get();
    }

    @Benchmark
    public Object jdkDoubleChecked_get() {
        return holder.get();
    }

    /** The double-checked locking idiom. */
    static final class DoubleChecked {
        private volatile Object value;

        Object get() {
            Object v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        value = v = new Object();
                    }
                }
            }
            return v;
        }
    }
}
