package dev.go4j.examples.ch1;

import dev.go4j.examples.Example;
import dev.go4j.runtime.Profile;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/**
 * C1-05, Starvation: a greedy worker holds the shared lock for its whole unit of work (three 1 ns
 * sleeps); a polite worker takes the lock three times per unit. Both run for the same time; the
 * greedy one gets more loops done (the book: about twice as many).
 *
 * <p>On the JVM a 1 ns {@code Thread.sleep} of a virtual thread hardly parks, so with the book's unit
 * the lock is barely contended and the two counts come out close (measured here: greedy 1.1x polite,
 * and not in every run). With a unit of 100 µs per sleep the greedy worker usually gets about twice as
 * many loops, the book's figure, but not always: a wait then lasts about as long as Go's starvation
 * threshold (1 ms), so whether the mutex hands the lock over in FIFO order or lets the running worker
 * take it again varies from wait to wait (on a loaded machine the polite worker won a 200 ms run). With
 * 1 ms per sleep every wait passes the threshold, the mutex alternates between the two, and the greedy
 * worker gets three loops to the polite one's one (43 to 46 against 15 or 16 in twelve runs of 200 ms):
 * the test runs that.
 *
 * <p>go4j's addition: the program ends with the top of the mutex profile ({@code Profile.mutex()}, Go's
 * {@code runtime.SetMutexProfileFraction(1)}), which charges each wait to the unlock that ended it: the
 * greedy worker's unlock is where the polite one lost its time.
 */
public final class Starvation implements Example {
    private final Duration runtime;
    private final Duration work;

    /** The book's program: both workers run for 1 s. */
    public Starvation() {
        this(Duration.ofSeconds(1), Duration.ofNanos(1));
    }

    /**
     * Both workers run for {@code runtime} (tests use a short one); each third of a unit of work is a
     * sleep of {@code work} (the book's: 1 ns).
     */
    public Starvation(Duration runtime, Duration work) {
        this.runtime = runtime;
        this.work = work;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        int fraction = Profile.setMutexProfileFraction(1); // go4j's addition: who made the other wait?
        Profile.mutex().reset();
        try {
            WaitGroup wg = new WaitGroup();
            Mutex sharedLock = new Mutex();
            wg.go(() -> out.printf("Greedy worker was able to execute %d work loops%n", greedy(sharedLock)));
            wg.go(() -> out.printf("Polite worker was able to execute %d work loops.%n", polite(sharedLock)));
            wg.await();
            out.printf("%nMutex profile (each wait charged to the unlock that ended it):%n");
            out.print(Profile.mutex().top(2));
        } finally {
            Profile.setMutexProfileFraction(fraction);
        }
    }

    private int greedy(Mutex sharedLock) throws InterruptedException {
        int count = 0;
        for (Instant begin = Time.now(); Time.since(begin).compareTo(runtime) <= 0; count++) {
            sharedLock.lock();
            try {
                Time.sleep(work);
                Time.sleep(work);
                Time.sleep(work);
            } finally {
                sharedLock.unlock();
            }
        }
        return count;
    }

    private int polite(Mutex sharedLock) throws InterruptedException {
        int count = 0;
        for (Instant begin = Time.now(); Time.since(begin).compareTo(runtime) <= 0; count++) {
            for (int i = 0; i < 3; i++) {
                sharedLock.lock();
                try {
                    Time.sleep(work);
                } finally {
                    sharedLock.unlock();
                }
            }
        }
        return count;
    }
}
