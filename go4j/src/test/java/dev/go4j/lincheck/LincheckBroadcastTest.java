package dev.go4j.lincheck;

import static dev.go4j.lincheck.LincheckSupport.modelCheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.Chan;
import dev.go4j.Task;
import dev.go4j.TestSupport;
import dev.go4j.lincheck.LincheckSupport.Scenario;
import dev.go4j.pattern.Broadcast;
import dev.go4j.pattern.PatternSeams;
import dev.go4j.pattern.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Model checks of the patterns that add concurrent paths of their own, {@code Broadcast} (core.async's
 * mult/tap) and {@code Topics} (pub/sub), each a small fixed scenario run by Lincheck's model checker in
 * many interleavings: a source send racing a tap and an untap (a tap present for the whole run gets
 * every value once, in order; an untapped one a prefix; a tap added late a suffix; the end closes every
 * tap still there), a send racing the close of {@code done} (the distributor ends, every tap is closed),
 * a send racing the close of a tap by its owner (the closed tap is dropped, the others are served), and
 * a publish racing a subscribe and an unsubscribe. The pattern's goroutines start as platform threads
 * here ({@link PatternSeams}), so that Lincheck manages them too. The scenario's main thread is the
 * producer, on a buffered source: a hand-off on an unbuffered one parks the producer and forces a switch,
 * often to the racing thread, and then Lincheck seldom explores the interleavings where that thread comes
 * last (a tap made after the end was missed with 300 invocations on an unbuffered source fed by a
 * thread of its own, and found within 30 as it is now).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LincheckBroadcastTest {
    /*
     * Budgets below LincheckSupport's: an invocation here runs a select per delivery besides the
     * scenario's own threads, and each test also pays several seconds of Lincheck's own on a busy
     * machine (the pub/sub test took about as long with 150 invocations as with 40). Sized by seeded
     * bugs, each caught by these budgets in every run tried: a tap made after the end left open; a topic
     * made after the end left open (its broadcast hangs); a tap closed by its owner kept (the
     * distributor spins on it).
     */
    /** The broadcast scenarios. */
    static final int BROADCAST = TestSupport.scaled(30, 300);
    /** The pub/sub scenario: four threads besides the main one, and a hand-off to each topic's broadcast. */
    static final int PUB_SUB = TestSupport.scaled(40, 400);

    /** A scenario whose pattern starts its goroutines with {@link #goroutine}, joined by {@link #joinGoroutines}. */
    abstract static class PatternScenario extends Scenario {
        final ConcurrentLinkedQueue<Thread> goroutines = new ConcurrentLinkedQueue<>();

        /** Starts a pattern's goroutine as a scenario thread. */
        final Thread goroutine(Task task) {
            Thread t = fork(() -> {
                try {
                    task.run();
                } catch (InterruptedException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            goroutines.add(t);
            return t;
        }

        /** Waits for the pattern's goroutines to end (a hang fails the check) and rethrows their failures. */
        final void joinGoroutines() {
            join(goroutines.toArray(Thread[]::new));
        }
    }

    /** What a tap's channel holds once the pattern has ended: its values, and whether it was closed. */
    record Taken(List<Integer> values, boolean closed) {
        static Taken of(Chan<Integer> ch) {
            List<Integer> values = new ArrayList<>();
            for (Integer v; (v = ch.tryRecv()) != null; ) {
                values.add(v);
            }
            return new Taken(values, ch.isDrained());
        }

        boolean isPrefixOf(List<Integer> all) {
            return values.equals(all.subList(0, values.size()));
        }

        boolean isSuffixOf(List<Integer> all) {
            return values.equals(all.subList(all.size() - values.size(), all.size()));
        }
    }

    private static final List<Integer> ONE_TWO = List.of(1, 2);

    /** Sends 1, 2 and closes: run by the scenario's main thread, one of the racing parties. */
    static void produce(Chan<Integer> source) {
        try {
            source.send(1);
            source.send(2);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        source.close();
    }

    /**
     * The main thread sends 1, 2 and closes the source while another thread taps {@code joins} and untaps
     * {@code leaves}; {@code stays} is tapped throughout. {@code stays} gets 1, 2 and is closed;
     * {@code leaves} gets a prefix (all of it if the untap came after the end, which closed it);
     * {@code joins} gets a suffix and is closed.
     */
    static final class TapRace extends PatternScenario {
        final Chan<Integer> source = Chan.make(2);
        final Chan<Integer> stays = Chan.make(2);
        final Chan<Integer> leaves = Chan.make(2);
        final Chan<Integer> joins = Chan.make(2);
        Broadcast<Integer> broadcast;

        @Override
        void run() {
            broadcast = PatternSeams.broadcast(Chan.nil(), source, this::goroutine);
            broadcast.tap(stays);
            broadcast.tap(leaves);
            Thread tapper = fork(() -> {
                broadcast.tap(joins);
                broadcast.untap(leaves);
            });
            produce(source);
            join(tapper);
            joinGoroutines();
            assertEquals(new Taken(ONE_TWO, true), Taken.of(stays));
            Taken left = Taken.of(leaves);
            assertTrue(left.closed() ? left.values().equals(ONE_TWO) : left.isPrefixOf(ONE_TWO), "untapped: " + left);
            Taken joined = Taken.of(joins);
            assertTrue(joined.closed() && joined.isSuffixOf(ONE_TWO), "tapped late: " + joined);
        }
    }

    @Test
    void sendRacesTapAndUntap() {
        modelCheck(BROADCAST, () -> new TapRace());
    }

    /**
     * The source holds 1, 2 while another thread closes {@code done}: the distributor ends, and both
     * taps are closed, each with a prefix of 1, 2.
     */
    static final class DoneRace extends PatternScenario {
        final Chan<Integer> source = Chan.make(2);
        final Chan<Boolean> done = Chan.make();
        final Chan<Integer> a = Chan.make(2);
        final Chan<Integer> b = Chan.make(2);

        @Override
        void run() {
            Broadcast<Integer> broadcast = PatternSeams.broadcast(done, source, this::goroutine);
            broadcast.tap(a);
            broadcast.tap(b);
            source.trySend(1);
            source.trySend(2);
            Thread canceller = fork(done::close);
            join(canceller);
            joinGoroutines();
            for (Taken t : List.of(Taken.of(a), Taken.of(b))) {
                assertTrue(t.closed() && t.isPrefixOf(ONE_TWO), "tap: " + t);
            }
        }
    }

    @Test
    void sendRacesDone() {
        modelCheck(BROADCAST, () -> new DoneRace());
    }

    /**
     * The main thread sends 1, 2 and closes the source while the owner of tap {@code x} (a buffer of one, so
     * the delivery of 2 may be blocked on it) closes it: {@code a} still gets 1, 2 and is closed;
     * {@code x} keeps a prefix, and the distributor neither fails nor hangs.
     */
    static final class ClosedTapRace extends PatternScenario {
        final Chan<Integer> source = Chan.make(2);
        final Chan<Integer> a = Chan.make(2);
        final Chan<Integer> x = Chan.make(1);

        @Override
        void run() {
            Broadcast<Integer> broadcast = PatternSeams.broadcast(Chan.nil(), source, this::goroutine);
            broadcast.tap(a);
            broadcast.tap(x);
            Thread owner = fork(x::close);
            produce(source);
            join(owner);
            joinGoroutines();
            assertEquals(new Taken(ONE_TWO, true), Taken.of(a));
            Taken closed = Taken.of(x);
            assertTrue(closed.closed() && closed.isPrefixOf(ONE_TWO), "closed tap: " + closed);
        }
    }

    @Test
    void sendRacesCloseOfATap() {
        modelCheck(BROADCAST, () -> new ClosedTapRace());
    }

    /**
     * The main thread publishes 1, 2 by parity and closes the source while another thread subscribes
     * {@code even} to topic 0 and unsubscribes {@code odd2} from topic 1; {@code odd} is subscribed
     * throughout. {@code odd} gets 1 and is closed; {@code odd2} nothing or 1 (1 if closed); {@code even}
     * nothing or 2, and is closed (also when the topic is made after the end).
     */
    static final class PubSubRace extends PatternScenario {
        final Chan<Integer> source = Chan.make(2);
        final Chan<Integer> odd = Chan.make(2);
        final Chan<Integer> odd2 = Chan.make(2);
        final Chan<Integer> even = Chan.make(2);
        Topics<Integer, Integer> topics;

        @Override
        void run() {
            topics = PatternSeams.topics(Chan.nil(), source, v -> v % 2, this::goroutine);
            topics.sub(1, odd);
            topics.sub(1, odd2);
            Thread subscriber = fork(() -> {
                topics.sub(0, even);
                topics.unsub(1, odd2);
            });
            produce(source);
            join(subscriber);
            joinGoroutines();
            List<Integer> one = List.of(1);
            assertEquals(new Taken(one, true), Taken.of(odd));
            Taken left = Taken.of(odd2);
            assertTrue(left.closed() ? left.values().equals(one) : left.isPrefixOf(one), "unsubscribed: " + left);
            Taken joined = Taken.of(even);
            assertTrue(joined.closed() && joined.isSuffixOf(List.of(2)), "subscribed late: " + joined);
        }
    }

    @Test
    void publishRacesSubscribeAndUnsubscribe() {
        modelCheck(PUB_SUB, () -> new PubSubRace());
    }
}
