package dev.go4j.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.go4j.lincheck.LincheckSupport;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checks of the alarm heap's lock-free cancel: a cancel (one CAS, no lock) racing the clock that
 * takes due entries and counts the live ones under the heap's lock. In every interleaving each entry is
 * either taken or cancelled, never both; the count the clock reads is that of one instant; the heap
 * left behind holds exactly the live entries.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AlarmHeapLincheckTest {
    private static final Runnable NOTHING = () -> {};

    @Test
    void cancelRacingTheClock() {
        LincheckSupport.modelCheck(LincheckSupport.LIGHT, 20, () -> new CancelRacesClock().run());
    }

    /** One round: entries due at 1 and 2 and a later one at 5; one thread cancels the first two, the clock polls at 3. */
    static final class CancelRacesClock {
        final AlarmHeap heap = new AlarmHeap();
        final AlarmHeap.Entry first;
        final AlarmHeap.Entry second;
        final AlarmHeap.Entry later;
        boolean firstCancelled;
        boolean secondCancelled;
        int taken;
        boolean firstTaken;
        boolean secondTaken;
        int liveAfterPoll;

        CancelRacesClock() {
            heap.lock.lock();
            try {
                first = heap.add(1, NOTHING);
                second = heap.add(2, NOTHING);
                later = heap.add(5, NOTHING);
            } finally {
                heap.lock.unlock();
            }
        }

        void run() {
            Thread canceller = new Thread(() -> {
                firstCancelled = first.cancel();
                secondCancelled = second.cancel();
            });
            Thread clock = new Thread(this::poll);
            canceller.start();
            clock.start();
            join(canceller);
            join(clock);
            assertNotEquals(firstTaken, firstCancelled, "the first entry taken " + firstTaken + ", cancelled " + firstCancelled);
            assertNotEquals(secondTaken, secondCancelled, "the second entry taken " + secondTaken + ", cancelled " + secondCancelled);
            assertEquals(1, liveAfterPoll, "live entries counted right after the poll at 3");
            heap.lock.lock();
            try {
                assertEquals(1, heap.size(), "live entries at the end");
                assertEquals(5, heap.firstDeadline());
            } finally {
                heap.lock.unlock();
            }
        }

        /** The clock: takes what is due at 3 and counts what is left, under the lock. */
        private void poll() {
            heap.lock.lock();
            try {
                AlarmHeap.Entry[] out = new AlarmHeap.Entry[4];
                taken = heap.pollDue(3, out);
                for (int i = 0; i < taken; i++) {
                    firstTaken |= out[i] == first;
                    secondTaken |= out[i] == second;
                }
                liveAfterPoll = heap.size();
            } finally {
                heap.lock.unlock();
            }
        }
    }

    private static void join(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
