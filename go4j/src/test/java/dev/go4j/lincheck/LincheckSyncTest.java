package dev.go4j.lincheck;

import static dev.go4j.lincheck.LincheckSupport.MEDIUM;
import static dev.go4j.lincheck.LincheckSupport.modelCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport;
import dev.go4j.lincheck.LincheckSupport.Scenario;
import dev.go4j.sync.Cond;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.Once;
import dev.go4j.sync.RWMutex;
import dev.go4j.sync.WaitGroup;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checks of {@code dev.go4j.sync}, each a small fixed scenario run by Lincheck's model checker in
 * many interleavings: Mutex mutual exclusion (lock and tryLock, plain counters stay exact), the
 * interruption of a Mutex waiter racing an unlock hand-off (the mutex is never lost: a third locker
 * never hangs), RWMutex reader/writer exclusion and an interrupted reader or writer, WaitGroup (await returns only
 * after every done and sees their writes; an interrupted await racing the last done), Once (the action
 * runs once, every caller sees its effect), and Cond (a signal racing an interrupted waiter wakes the
 * other waiter). A lost wake-up shows as a thread that never ends, which Lincheck reports.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LincheckSyncTest {
    /**
     * Budget of the interrupt races: HEAVY (150) missed a seeded bug (an interrupted reader leaving a
     * stale permit) that 1,000 found every time; these scenarios finish in a few seconds each.
     */
    static final int INTERRUPT_RACE = TestSupport.scaled(1_000, 10_000);

    /** Three goroutines increment a plain counter under the mutex (one of them via tryLock when it can). */
    static final class MutexExclusion extends Scenario {
        final Mutex m = new Mutex();
        int counter;
        boolean tried;

        @Override
        void run() {
            Thread a = fork(() -> increment());
            Thread b = fork(() -> increment());
            Thread c = fork(() -> {
                if (m.tryLock()) {
                    tried = true;
                    counter++;
                    m.unlock();
                }
            });
            join(a, b, c);
            assertEquals(tried ? 3 : 2, counter);
            assertTrue(m.tryLock(), "the mutex is left locked");
        }

        void increment() throws InterruptedException {
            m.lock();
            counter++;
            m.unlock();
        }
    }

    @Test
    void mutexExclusion() {
        modelCheck(MEDIUM, () -> new MutexExclusion());
    }

    /**
     * The holder unlocks while a waiter is interrupted; a third goroutine locks too. Either the waiter
     * got the mutex (and unlocks it) or it threw holding nothing; the third never hangs.
     */
    static final class MutexInterrupt extends Scenario {
        final Mutex m = new Mutex();
        Thread waiter;
        boolean got;
        int counter;

        @Override
        void run() throws InterruptedException {
            m.lock();
            waiter = fork(() -> {
                try {
                    m.lock();
                } catch (InterruptedException e) {
                    return;
                }
                got = true;
                counter++;
                m.unlock();
            });
            Thread third = fork(() -> {
                m.lock();
                counter++;
                m.unlock();
            });
            Thread interrupter = fork(() -> waiter.interrupt());
            m.unlock();
            join(waiter, third, interrupter);
            assertEquals(got ? 2 : 1, counter);
            assertTrue(m.tryLock(), "the mutex is left locked");
        }
    }

    @Test
    void mutexInterruptRacesHandOff() {
        modelCheck(INTERRUPT_RACE, () -> new MutexInterrupt());
    }

    /** A writer and two readers: the writer never overlaps a reader; nobody hangs. */
    static final class RWExclusion extends Scenario {
        final RWMutex rw = new RWMutex();
        volatile int readersIn;
        volatile boolean writerIn;
        boolean overlap;

        @Override
        void run() {
            Thread w = fork(() -> {
                rw.lock();
                writerIn = true;
                if (readersIn != 0) {
                    overlap = true;
                }
                writerIn = false;
                rw.unlock();
            });
            Thread r1 = fork(() -> read());
            Thread r2 = fork(() -> read());
            join(w, r1, r2);
            assertFalse(overlap, "a reader and the writer were in together");
            assertTrue(rw.tryLock(), "the lock is left held");
        }

        void read() throws InterruptedException {
            rw.rLock();
            readersIn++;
            if (writerIn) {
                overlap = true;
            }
            readersIn--;
            rw.rUnlock();
        }
    }

    @Test
    void rwMutexExclusion() {
        modelCheck(MEDIUM, () -> new RWExclusion());
    }

    /**
     * A reader holds the lock; a writer waits for it and is interrupted as the reader leaves; another
     * reader arrives. Everyone finishes and the lock ends free.
     */
    static final class RWWriterInterrupt extends Scenario {
        final RWMutex rw = new RWMutex();
        Thread writer;

        @Override
        void run() throws InterruptedException {
            rw.rLock();
            writer = fork(() -> {
                try {
                    rw.lock();
                } catch (InterruptedException e) {
                    return;
                }
                rw.unlock();
            });
            Thread reader = fork(() -> {
                rw.rLock();
                rw.rUnlock();
            });
            Thread interrupter = fork(() -> writer.interrupt());
            rw.rUnlock();
            join(writer, reader, interrupter);
            assertTrue(rw.tryLock(), "the lock is left held");
        }
    }

    @Test
    void rwMutexWriterInterrupt() {
        modelCheck(INTERRUPT_RACE, () -> new RWWriterInterrupt());
    }

    /**
     * A writer holds the lock; a reader waits for it and is interrupted as the writer unlocks; a second
     * writer then locks. Either the reader got its read lock (and releases it) or it threw holding
     * nothing: the second writer never hangs and the lock ends free.
     */
    static final class RWReaderInterrupt extends Scenario {
        final RWMutex rw = new RWMutex();
        Thread reader;
        volatile boolean writerHolding;
        boolean sawWriter;

        @Override
        void run() throws InterruptedException {
            rw.lock();
            reader = fork(() -> {
                try {
                    rw.rLock();
                } catch (InterruptedException e) {
                    return;
                }
                rw.rUnlock();
            });
            Thread interrupter = fork(() -> reader.interrupt());
            Thread writer = fork(() -> {
                rw.lock();
                rw.unlock();
            });
            rw.unlock();
            join(reader, interrupter, writer);
            // No stale permit was left behind: a reader arriving under a writer still waits.
            rw.lock();
            writerHolding = true;
            Thread late = fork(() -> {
                rw.rLock();
                sawWriter = writerHolding;
                rw.rUnlock();
            });
            writerHolding = false;
            rw.unlock();
            join(late);
            assertFalse(sawWriter, "a reader got in while the writer held the lock");
            assertTrue(rw.tryLock(), "the lock is left held");
        }
    }

    @Test
    void rwMutexReaderInterrupt() {
        modelCheck(INTERRUPT_RACE, () -> new RWReaderInterrupt());
    }

    /** Two goroutines write and call done; a waiter's await returns only after both, seeing the writes. */
    static final class WaitGroupScenario extends Scenario {
        final WaitGroup wg = new WaitGroup();
        int a;
        int b;
        int seen;

        @Override
        void run() {
            wg.add(2);
            Thread da = fork(() -> {
                a = 1;
                wg.done();
            });
            Thread db = fork(() -> {
                b = 1;
                wg.done();
            });
            Thread waiter = fork(() -> {
                wg.await();
                seen = a + b;
            });
            join(da, db, waiter);
            assertEquals(2, seen, "await returned before every done");
        }
    }

    @Test
    void waitGroup() {
        modelCheck(MEDIUM, () -> new WaitGroupScenario());
    }

    /** An await interrupted as the last done arrives: it returns or throws; a second waiter never hangs. */
    static final class WaitGroupInterrupt extends Scenario {
        final WaitGroup wg = new WaitGroup();
        Thread first;

        @Override
        void run() {
            wg.add(1);
            first = fork(() -> {
                try {
                    wg.await();
                } catch (InterruptedException ignored) {
                    // allowed: it then no longer waits
                }
            });
            Thread second = fork(() -> wg.await());
            Thread done = fork(() -> wg.done());
            Thread interrupter = fork(() -> first.interrupt());
            join(first, second, done, interrupter);
        }
    }

    @Test
    void waitGroupInterrupt() {
        modelCheck(INTERRUPT_RACE, () -> new WaitGroupInterrupt());
    }

    /** Three goroutines call run: the action runs once and each sees its effect when run returns. */
    static final class OnceScenario extends Scenario {
        final Once once = new Once();
        int runs;
        final int[] seen = new int[3];

        @Override
        void run() {
            Thread[] t = new Thread[seen.length];
            for (int i = 0; i < t.length; i++) {
                int k = i;
                t[i] = fork(() -> {
                    once.run(() -> runs++);
                    seen[k] = runs;
                });
            }
            join(t);
            assertEquals(1, runs);
            for (int s : seen) {
                assertEquals(1, s, "run returned before the action had");
            }
        }
    }

    @Test
    void once() {
        modelCheck(MEDIUM, () -> new OnceScenario());
    }

    /**
     * Two waiters on a Cond; the first is interrupted while a signal is sent. The signal is not spent
     * on nobody: if the first threw, the second is woken by it (otherwise a broadcast ends the second).
     */
    static final class CondInterrupt extends Scenario {
        final Mutex m = new Mutex();
        final Cond c = new Cond(m);
        final Cond ready = new Cond(m);
        int waiting;
        boolean firstWoke;
        boolean secondWoke;
        Thread first;

        @Override
        void run() throws InterruptedException {
            first = fork(() -> {
                m.lock();
                waiting++;
                ready.signal();
                try {
                    c.await();
                    firstWoke = true;
                } catch (InterruptedException e) {
                    // relocked before the throw
                }
                m.unlock();
            });
            Thread second = fork(() -> {
                m.lock();
                waiting++;
                ready.signal();
                c.await();
                secondWoke = true;
                m.unlock();
            });
            m.lock(); // both hold m from counting themselves until they wait on c
            while (waiting < 2) {
                ready.await();
            }
            m.unlock();
            Thread interrupter = fork(() -> first.interrupt());
            c.signal();
            join(first, interrupter);
            if (!firstWoke) {
                join(second); // hangs if the signal was lost on the interrupted waiter
                assertTrue(secondWoke);
            } else {
                c.broadcast();
                join(second);
            }
        }
    }

    @Test
    void condSignalRacesInterrupt() {
        modelCheck(TestSupport.scaled(100, 1_000), () -> new CondInterrupt()); // the slowest scenario
    }
}
