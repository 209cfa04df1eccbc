package dev.go4j.lincheck;

import dev.go4j.Chan;
import dev.go4j.ChannelException;
import dev.go4j.TestSupport;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of the channel's non-blocking operations ({@code trySend}, {@code tryRecv},
 * {@code close}, {@code len}, {@code isDrained}) against a sequential model of Go's channel: a bounded
 * FIFO with a closed flag (Go's {@code select} with {@code default} on one channel, {@code close},
 * {@code len}; the rules of the Go spec's "Send statements", "Receive operator" and "Close"), for
 * capacities 0, 1 and 2. Lincheck generates random concurrent scenarios of these operations and checks
 * every result against some sequential order of the model, under its model checker (every capacity)
 * and in stress runs (the buffered capacities). Blocking operations are model-checked in {@link LincheckChanBlockingTest}.
 *
 * <p>Misuse errors are part of the result: an operation that throws {@link ChannelException} returns
 * its message, so that Go's exact wording is checked too.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LincheckChanSpecTest {

    /** The operations under test, on a channel of the capacity given by the subclass. */
    @Param(name = "v", gen = IntGen.class, conf = "1:3")
    public abstract static class Ops {
        private final Chan<Integer> ch;

        Ops(int capacity) {
            ch = Chan.make(capacity);
        }

        @Operation(params = "v")
        public Object trySend(int v) {
            try {
                return ch.trySend(v);
            } catch (ChannelException e) {
                return e.getMessage();
            }
        }

        @Operation
        public Integer tryRecv() {
            return ch.tryRecv();
        }

        @Operation
        public Object close() {
            try {
                ch.close();
                return "closed";
            } catch (ChannelException e) {
                return e.getMessage();
            }
        }

        @Operation
        public int len() {
            return ch.len();
        }

        @Operation
        public boolean isDrained() {
            return ch.isDrained();
        }
    }

    /**
     * The sequential model: a FIFO of at most {@code capacity} values and a closed flag. With no
     * blocked party (these operations never block), a send succeeds only into free buffer space.
     */
    public abstract static class Model {
        private final int capacity;
        private final ArrayDeque<Integer> buf = new ArrayDeque<>();
        private boolean closed;

        Model(int capacity) {
            this.capacity = capacity;
        }

        public Object trySend(int v) {
            if (closed) {
                return "send on closed channel";
            }
            if (buf.size() == capacity) {
                return false;
            }
            buf.addLast(v);
            return true;
        }

        public Integer tryRecv() {
            return buf.pollFirst(); // null when empty, whether closed or not
        }

        public Object close() {
            if (closed) {
                return "close of closed channel";
            }
            closed = true;
            return "closed";
        }

        public int len() {
            return buf.size();
        }

        public boolean isDrained() {
            return closed && buf.isEmpty();
        }
    }

    public static final class Cap0 extends Ops {
        public Cap0() {
            super(0);
        }
    }

    public static final class Cap1 extends Ops {
        public Cap1() {
            super(1);
        }
    }

    public static final class Cap2 extends Ops {
        public Cap2() {
            super(2);
        }
    }

    public static final class Model0 extends Model {
        public Model0() {
            super(0);
        }
    }

    public static final class Model1 extends Model {
        public Model1() {
            super(1);
        }
    }

    public static final class Model2 extends Model {
        public Model2() {
            super(2);
        }
    }

    /*
     * Each iteration is one random scenario (3 threads of 3 operations, between 2 operations before and
     * 2 after); model checking explores several interleavings of it, stress runs execute it many times.
     */
    private static final int ITERATIONS = TestSupport.scaled(8, 30);
    private static final int MODEL_CHECKING_INVOCATIONS = TestSupport.scaled(150, 1_000);
    private static final int STRESS_INVOCATIONS = TestSupport.scaled(500, 3_000);

    private static void modelCheck(Class<? extends Ops> ops, Class<? extends Model> model) {
        new ModelCheckingOptions()
                .iterations(ITERATIONS)
                .invocationsPerIteration(MODEL_CHECKING_INVOCATIONS)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .sequentialSpecification(model)
                .check(ops);
    }

    private static void stress(Class<? extends Ops> ops, Class<? extends Model> model) {
        new StressOptions()
                .iterations(ITERATIONS)
                .invocationsPerIteration(STRESS_INVOCATIONS)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(2)
                .sequentialSpecification(model)
                .check(ops);
    }

    @Test
    void unbufferedModelChecking() {
        modelCheck(Cap0.class, Model0.class);
    }

    @Test
    void capacityOneModelChecking() {
        modelCheck(Cap1.class, Model1.class);
    }

    @Test
    void capacityTwoModelChecking() {
        modelCheck(Cap2.class, Model2.class);
    }

    @Test
    void capacityOneStress() {
        stress(Cap1.class, Model1.class);
    }

    @Test
    void capacityTwoStress() {
        stress(Cap2.class, Model2.class);
    }
}
