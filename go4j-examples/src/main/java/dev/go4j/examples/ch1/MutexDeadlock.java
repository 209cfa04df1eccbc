package dev.go4j.examples.ch1;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import dev.go4j.runtime.DeadlockError;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * C1-03, Deadlock: {@code printSum(&a, &b)} and {@code printSum(&b, &a)} each lock their first value,
 * sleep, then lock the second: a lock-order inversion. go4j's lock-cycle detector prints the cycle to
 * {@code System.err} the moment it forms; then, run under {@link Go#main}, go4j's deadlock detector
 * prints {@code fatal error: all goroutines are asleep - deadlock!} with the goroutine dump (both
 * printers in {@code [sync.Mutex.Lock]}, main in {@code [sync.WaitGroup.Wait]}); no {@code sum} line is
 * printed. The stuck goroutines stay parked, as the process would die in Go.
 */
public final class MutexDeadlock implements Example {
    private final Duration pause;

    /** The book's program: 2 s between the two locks. */
    public MutexDeadlock() {
        this(Duration.ofSeconds(2));
    }

    /** The program with {@code pause} between the two locks (tests use a short one). */
    public MutexDeadlock(Duration pause) {
        this.pause = pause;
    }

    /** The book's {@code value}: a mutex and the int it guards. */
    private static final class Value {
        final Mutex mu = new Mutex();
        int value;
    }

    @Override
    public void run(PrintStream out) throws Exception {
        try {
            Go.main(() -> {
                WaitGroup wg = new WaitGroup();
                Value a = new Value();
                Value b = new Value();
                wg.add(2);
                Go.go(() -> printSum(wg, a, b, out));
                Go.go(() -> printSum(wg, b, a, out));
                wg.await();
            });
        } catch (DeadlockError reported) {
            // Go.main printed the report to System.err, once, as Go's runtime does; Go's process would
            // end here with exit status 2, the example just ends.
        }
    }

    private void printSum(WaitGroup wg, Value v1, Value v2, PrintStream out) throws InterruptedException {
        try {
            v1.mu.lock();
            try {
                Time.sleep(pause);
                v2.mu.lock();
                try {
                    out.printf("sum=%d%n", v1.value + v2.value);
                } finally {
                    v2.mu.unlock();
                }
            } finally {
                v1.mu.unlock();
            }
        } finally {
            wg.done();
        }
    }
}
