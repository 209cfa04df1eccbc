package dev.go4j.examples.ch1;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import dev.go4j.sync.Cond;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Ticker;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * C1-04, Livelock: Alice and Barbara meet in a hallway and both step left, then both right, in
 * lock-step, on a cadence: a {@link Cond} broadcast every millisecond from a ticker. Each gives up
 * after five tries: {@code X is trying to scoot: left right left right left right left right left right}
 * then {@code X tosses her hands up in exasperation!} (in Go, about 1% of runs one of them slips
 * through: {@code ... left. Success!}). Unlike the book's main, this one stops the cadence goroutine.
 */
public final class Livelock implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        Cond cadence = new Cond(new Mutex());
        Chan<Object> done = Chan.make();
        Ticker tick = Time.newTicker(Duration.ofMillis(1));
        Thread drummer = Go.go(() -> {
            while (Select.select(
                    Select.recv(tick.c(), t -> true),
                    Select.recv(done, v -> false))) {
                cadence.broadcast();
            }
        });
        Hallway hallway = new Hallway(cadence);
        WaitGroup peopleInHallway = new WaitGroup();
        peopleInHallway.go(() -> hallway.walk("Alice", out));
        peopleInHallway.go(() -> hallway.walk("Barbara", out));
        peopleInHallway.await();
        tick.stop();
        done.close();
        drummer.join();
    }

    /** The two directions' counters and the steps, as the book's closures. */
    private static final class Hallway {
        private final Cond cadence;
        private final AtomicInteger left = new AtomicInteger();
        private final AtomicInteger right = new AtomicInteger();

        Hallway(Cond cadence) {
            this.cadence = cadence;
        }

        void walk(String name, PrintStream out) throws InterruptedException {
            StringBuilder sb = new StringBuilder(name + " is trying to scoot:");
            try {
                for (int i = 0; i < 5; i++) {
                    if (tryDir("left", left, sb) || tryDir("right", right, sb)) {
                        return;
                    }
                }
                sb.append('\n').append(name).append(" tosses her hands up in exasperation!");
            } finally {
                out.println(sb);
            }
        }

        private boolean tryDir(String dirName, AtomicInteger dir, StringBuilder sb) throws InterruptedException {
            sb.append(' ').append(dirName);
            dir.incrementAndGet();
            takeStep();
            if (dir.get() == 1) {
                sb.append(". Success!");
                return true;
            }
            takeStep();
            dir.decrementAndGet();
            return false;
        }

        private void takeStep() throws InterruptedException {
            cadence.locker().lock();
            try {
                cadence.await();
            } finally {
                cadence.locker().unlock();
            }
        }
    }
}
