package dev.go4j.examples.ch1;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * C1-06 and C1-07, livelock examples cut from the book. Two goroutines sum two values; each locks its
 * first value, sleeps 2 s, and backs off (releases and retries) if the second is marked locked, giving
 * up after five tries. {@code OPPOSITE_ORDER} (C1-06): they take the values in opposite orders and
 * mostly back off in step, about 10 s of {@code acquiring/releasing/locked, retrying}, ending in
 * {@code canceling goroutine...} or {@code sum: 0} for each. {@code SAME_ORDER} (C1-07): both take
 * {@code a} first, so the second simply waits: two {@code sum: 0} lines, no canceling, about 4 s.
 * The {@code locked} flag is a plain (here volatile) field written after the unlock, racy as in Go.
 */
public final class BackOffLivelock implements Example {
    /** Which of the programs. */
    public enum Variant { OPPOSITE_ORDER, SAME_ORDER }

    private final Variant variant;

    /** One of the programs. */
    public BackOffLivelock(Variant variant) {
        this.variant = variant;
    }

    /** The listing's {@code value}: an embedded mutex, a name, the racy flag and the value. */
    private static final class Value {
        final Mutex mu = new Mutex();
        final String id;
        volatile boolean locked;
        int value;

        Value(String id) {
            this.id = id;
        }

        void lock() throws InterruptedException {
            mu.lock();
            locked = true;
        }

        void unlock() {
            mu.unlock();
            locked = false;
        }
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        Value a = new Value("a");
        Value b = new Value("b");
        WaitGroup wg = new WaitGroup();
        wg.add(2);
        Go.go(() -> printSum(wg, "first", a, b, out));
        Go.go(() -> printSum(wg, "second", variant == Variant.SAME_ORDER ? a : b, variant == Variant.SAME_ORDER ? b : a, out));
        wg.await();
    }

    private static void printSum(WaitGroup wg, String id, Value v1, Value v2, PrintStream out) throws InterruptedException {
        try {
            int sum = 0;
            for (int i = 0; ; i++) {
                if (i >= 5) {
                    out.println("canceling goroutine...");
                    return;
                }
                out.printf("%s: acquiring lock on %s%n", id, v1.id);
                v1.lock();
                Time.sleep(Duration.ofSeconds(2));
                if (v2.locked) {
                    out.printf("%s: releasing lock on %s%n", id, v1.id);
                    v1.unlock();
                    out.printf("%s: %s locked, retrying%n", id, v2.id);
                    continue;
                }
                out.printf("%s: acquiring lock on %s%n", id, v2.id);
                v2.lock();
                sum = v1.value + v2.value;
                out.printf("%s: releasing lock on %s%n", id, v1.id);
                v1.unlock();
                out.printf("%s: releasing lock on %s%n", id, v2.id);
                v2.unlock();
                break;
            }
            out.printf("sum: %d%n", sum);
        } finally {
            wg.done();
        }
    }
}
