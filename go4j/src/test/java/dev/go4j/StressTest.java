package dev.go4j;

import static dev.go4j.TestSupport.LONG;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.go4j.TestSupport.Goroutines;
import dev.go4j.TestSupport.Ledger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Randomized stress of channels and select on virtual threads: every value sent is received exactly
 * once (checked by value, count and sum), whatever the mix of operations, capacities, closes and
 * interrupts.
 *
 * <p>Each round builds a random topology from a seed: "A" channels written by producers (plain sends,
 * or selects over several channels, some with a timeout, a default or priority), "B" channels written
 * by relays (selects mixing receive cases on A channels and send cases on B channels, holding a few
 * values), and consumers (plain receives, or selects over several channels). Capacities are mixed
 * (unbuffered to 32). A channel is closed by its last writer when all its writers are done, except the
 * "doomed" channel, closed at a random moment while selects may still send to it: they must get "send
 * on closed channel" with the value not delivered, and resend it elsewhere. An interrupter hits random
 * goroutines; interrupted operations did nothing and are retried. At the end all channels must be
 * closed, drained and without waiters.
 *
 * <p>The default profile runs rounds for about 4 seconds; {@code -Dgo4j.stress=long} for about 90.
 * {@code -Dgo4j.stress.seed=N} replays the topology of one round (the thread schedule is not replayed).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StressTest {
    private static final Duration BUDGET = LONG ? Duration.ofSeconds(90) : Duration.ofSeconds(4);
    private static final int[] CAPACITIES = {0, 0, 0, 1, 2, 5, 17, 32};

    @Test
    void randomTopologiesDeliverEveryValueExactlyOnce() throws Throwable {
        String replay = System.getProperty("go4j.stress.seed");
        if (replay != null) {
            runRound(Long.parseLong(replay));
            return;
        }
        long end = System.nanoTime() + BUDGET.toNanos();
        int rounds = 0;
        do {
            runRound(ThreadLocalRandom.current().nextLong());
            rounds++;
        } while (System.nanoTime() - end < 0);
        assertTrue(rounds > 0);
    }

    private static void runRound(long seed) throws Throwable {
        try {
            new Round(seed).run();
        } catch (Throwable t) {
            throw new AssertionError("stress round failed; replay with -Dgo4j.stress.seed=" + seed + ": " + t, t);
        }
    }

    /** A channel of the round and its bookkeeping. */
    private static final class Ch {
        final Chan<Integer> chan;
        final String name;
        final boolean doomed;
        final AtomicInteger writersLeft = new AtomicInteger();
        int readers;

        Ch(String name, int capacity, boolean doomed) {
            this.chan = Chan.make(capacity);
            this.name = name + "(cap " + capacity + ")";
            this.doomed = doomed;
        }
    }

    /** How a select-based worker decorates its select. */
    private enum Flavor {
        PLAIN, BIASED, TIMEOUT, DEFAULT;

        static Flavor pick(SplittableRandom rnd) {
            return values()[rnd.nextInt(values().length)];
        }
    }

    private static final class Round {
        private final SplittableRandom rnd;
        private final List<Ch> a = new ArrayList<>();
        private final List<Ch> b = new ArrayList<>();
        private final List<Ch> all = new ArrayList<>();
        private Ch doomed;
        private final AtomicBoolean doomedClosed = new AtomicBoolean();
        private final CountDownLatch closeDoomed = new CountDownLatch(1);
        private final AtomicLong received = new AtomicLong();
        private long closeThreshold;
        private final List<Task> workers = new ArrayList<>();
        private Ledger ledger;
        private volatile boolean aborted;
        private volatile boolean finished;

        Round(long seed) {
            rnd = new SplittableRandom(seed);
        }

        void run() throws Throwable {
            plan();
            List<Thread> threads = new ArrayList<>();
            try (Goroutines g = new Goroutines()) {
                try {
                    startAndJoin(g, threads);
                } catch (Throwable t) {
                    aborted = true; // let the retry loops end when the scope interrupts them
                    throw t;
                }
            }
            ledger.assertEachOnce();
            for (Ch c : all) {
                assertTrue(c.chan.isDrained(), c.name + " not closed and drained");
                assertTrue(c.chan.recvq.isEmpty() && c.chan.sendq.isEmpty(), c.name + " has waiters left");
            }
        }

        private void startAndJoin(Goroutines g, List<Thread> threads) throws Throwable {
            if (doomed != null) {
                g.go(this::closer);
            }
            for (Task w : workers) {
                threads.add(g.go(w));
            }
            // A platform thread: it must not wait for a carrier that the goroutines keep busy.
            Thread interrupter = Thread.ofPlatform().daemon().name("stress-interrupter").start(() -> interrupter(threads));
            long deadline = System.nanoTime() + TestSupport.BOUND.toNanos();
            for (Thread t : threads) {
                while (!t.join(Duration.ofMillis(50))) {
                    g.rethrowFailures(); // a failed goroutine may leave the others blocked
                    if (System.nanoTime() - deadline > 0) {
                        throw new AssertionError("round did not finish; stuck goroutines:\n" + stuck(threads));
                    }
                }
            }
            finished = true;
            interrupter.join();
            g.joinAll();
        }

        /** Every retry loop checks this: a failed round ends its goroutines by interrupting them. */
        private void checkAborted() throws InterruptedException {
            if (aborted) {
                throw new InterruptedException("round aborted");
            }
        }

        private static String stuck(List<Thread> threads) {
            StringBuilder sb = new StringBuilder();
            for (Thread t : threads) {
                if (t.isAlive()) {
                    sb.append(t.getName()).append(' ').append(t.getState()).append('\n')
                            .append(TestSupport.stack(t));
                }
            }
            return sb.toString();
        }

        // ------------------------------------------------------------------------------------------
        // The random topology

        private void plan() {
            int nA = 2 + rnd.nextInt(3);
            int nB = 1 + rnd.nextInt(2);
            for (int i = 0; i < nA; i++) {
                a.add(new Ch("A" + i, capacity(), false));
            }
            for (int i = 0; i < nB; i++) {
                b.add(new Ch("B" + i, capacity(), false));
            }
            all.addAll(a);
            all.addAll(b);
            if (rnd.nextInt(10) < 6) {
                doomed = new Ch("D", capacity(), true);
                all.add(doomed);
            }
            int values = 0;
            int producers = 2 + rnd.nextInt(4);
            for (int p = 0; p < producers; p++) {
                int count = 500 + rnd.nextInt(LONG ? 20_000 : 5_000);
                int base = values;
                values += count;
                if (rnd.nextInt(10) < 3) {
                    Ch out = pick(a);
                    out.writersLeft.incrementAndGet();
                    workers.add(() -> plainProducer(out, base, count));
                } else {
                    List<Ch> outs = subset(a, 1 + rnd.nextInt(3));
                    if (doomed != null && rnd.nextBoolean()) {
                        outs.add(doomed);
                    }
                    outs.forEach(c -> c.writersLeft.incrementAndGet());
                    Flavor f = Flavor.pick(rnd);
                    workers.add(() -> selectProducer(outs, base, count, f));
                }
            }
            ledger = new Ledger(values);
            closeThreshold = rnd.nextLong(values / 2 + 1);

            List<Ch> relayable = new ArrayList<>(a);
            if (doomed != null) {
                relayable.add(doomed);
            }
            int relays = 1 + rnd.nextInt(2);
            for (int r = 0; r < relays; r++) {
                List<Ch> ins = subset(relayable, 1 + rnd.nextInt(2));
                List<Ch> outs = subset(b, 1 + rnd.nextInt(b.size()));
                ins.forEach(c -> c.readers++);
                outs.forEach(c -> c.writersLeft.incrementAndGet());
                int hold = 1 + rnd.nextInt(4);
                Flavor f = Flavor.pick(rnd);
                workers.add(() -> relay(ins, outs, hold, f));
            }

            int consumers = 2 + rnd.nextInt(3);
            List<List<Ch>> selectConsumers = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                if (rnd.nextInt(10) < 3) {
                    Ch in = pick(all);
                    in.readers++;
                    workers.add(() -> plainConsumer(in));
                } else {
                    List<Ch> ins = subset(all, 1 + rnd.nextInt(4));
                    ins.forEach(ch -> ch.readers++);
                    selectConsumers.add(ins);
                }
            }
            for (Ch ch : all) { // everyone needs a reader, or its writers block forever
                if (ch.readers == 0) {
                    ch.readers++;
                    if (selectConsumers.isEmpty()) {
                        workers.add(() -> plainConsumer(ch));
                    } else {
                        selectConsumers.get(rnd.nextInt(selectConsumers.size())).add(ch);
                    }
                }
            }
            for (List<Ch> ins : selectConsumers) {
                Flavor f = Flavor.pick(rnd);
                workers.add(() -> selectConsumer(ins, f));
            }
            for (Ch ch : all) { // no writers at all: closed from the start
                if (ch.writersLeft.get() == 0 && !ch.doomed) {
                    ch.chan.close();
                }
            }
            if (doomed != null && doomed.writersLeft.get() == 0) {
                closeDoomed.countDown();
            }
            if (closeThreshold == 0) {
                closeDoomed.countDown();
            }
        }

        private int capacity() {
            return CAPACITIES[rnd.nextInt(CAPACITIES.length)];
        }

        private Ch pick(List<Ch> from) {
            return from.get(rnd.nextInt(from.size()));
        }

        private List<Ch> subset(List<Ch> from, int size) {
            List<Ch> pool = new ArrayList<>(from);
            List<Ch> out = new ArrayList<>();
            while (out.size() < size && !pool.isEmpty()) {
                out.add(pool.remove(rnd.nextInt(pool.size())));
            }
            return out;
        }

        // ------------------------------------------------------------------------------------------
        // The goroutines

        private void plainProducer(Ch out, int base, int count) throws InterruptedException {
            for (int v = base; v < base + count; v++) {
                for (;;) {
                    try {
                        out.chan.send(v);
                        break;
                    } catch (InterruptedException retry) {
                        checkAborted(); // else not sent: send again
                    }
                }
            }
            writerDone(out);
        }

        private void selectProducer(List<Ch> outs, int base, int count, Flavor flavor) throws InterruptedException {
            List<Ch> live = new ArrayList<>(outs);
            for (int v = base; v < base + count; v++) {
                Integer value = v;
                boolean missed = false;
                for (boolean sent = false; !sent; ) {
                    List<Select.Case<Boolean, RuntimeException>> cases = new ArrayList<>();
                    for (Ch c : live) {
                        cases.add(Select.send(c.chan, value, () -> true));
                    }
                    try {
                        sent = select(cases, flavor, missed);
                        missed = !sent;
                    } catch (InterruptedException retry) {
                        checkAborted(); // else not sent: send again
                    } catch (ChannelException e) {
                        // Only the doomed channel may close under a writer; the value was not sent.
                        if (!doomedClosed.get() || !e.getMessage().equals("send on closed channel")) {
                            throw e;
                        }
                        live.remove(doomed);
                        writerDone(doomed);
                    }
                }
            }
            live.forEach(this::writerDone);
        }

        /** Holds up to {@code hold} values taken from {@code ins}, offering the oldest to all {@code outs}. */
        private void relay(List<Ch> ins, List<Ch> outs, int hold, Flavor flavor) throws InterruptedException {
            ArrayDeque<Integer> held = new ArrayDeque<>();
            List<Ch> open = new ArrayList<>(ins);
            boolean missed = false;
            while (!open.isEmpty() || !held.isEmpty()) {
                List<Select.Case<Boolean, RuntimeException>> cases = new ArrayList<>();
                if (held.size() < hold) {
                    for (Ch in : open) {
                        cases.add(Select.recv(in.chan, v -> {
                            if (v == null) {
                                open.remove(in);
                            } else {
                                held.addLast(v);
                            }
                            return true;
                        }));
                    }
                }
                if (!held.isEmpty()) {
                    Integer first = held.peekFirst();
                    for (Ch out : outs) {
                        cases.add(Select.send(out.chan, first, () -> held.removeFirst() != null));
                    }
                }
                try {
                    missed = !select(cases, flavor, missed);
                } catch (InterruptedException retry) {
                    checkAborted(); // else nothing happened: try again
                }
            }
            outs.forEach(this::writerDone);
        }

        private void plainConsumer(Ch in) throws InterruptedException {
            for (;;) {
                Integer v;
                try {
                    v = in.chan.recv();
                } catch (InterruptedException retry) {
                    checkAborted();
                    continue;
                }
                if (v == null) {
                    return;
                }
                received(v);
            }
        }

        private void selectConsumer(List<Ch> ins, Flavor flavor) throws InterruptedException {
            List<Ch> open = new ArrayList<>(ins);
            boolean missed = false;
            while (!open.isEmpty()) {
                List<Select.Case<Boolean, RuntimeException>> cases = new ArrayList<>();
                for (Ch in : open) {
                    cases.add(Select.recv(in.chan, v -> {
                        if (v == null) {
                            open.remove(in);
                        } else {
                            received(v);
                        }
                        return true;
                    }));
                }
                try {
                    missed = !select(cases, flavor, missed);
                } catch (InterruptedException retry) {
                    checkAborted(); // else nothing happened: try again
                }
            }
        }

        /**
         * Called by each writer of {@code c} when done with it: the last one closes it. The doomed channel
         * is closed by its closer, which the last writer lets go.
         */
        private void writerDone(Ch c) {
            if (c.writersLeft.decrementAndGet() == 0) {
                if (c.doomed) {
                    closeDoomed.countDown();
                } else {
                    c.chan.close();
                }
            }
        }

        private void received(int v) {
            ledger.receive(v);
            if (received.incrementAndGet() == closeThreshold) {
                closeDoomed.countDown();
            }
        }

        /** Closes the doomed channel once enough values went through (or its writers are all done). */
        private void closer() throws InterruptedException {
            closeDoomed.await();
            doomedClosed.set(true);
            doomed.chan.close();
        }

        private void interrupter(List<Thread> threads) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            while (!finished && !aborted) {
                threads.get(r.nextInt(threads.size())).interrupt();
                LockSupport.parkNanos(r.nextLong(1_000, 50_000)); // pacing only
            }
        }

        /**
         * Runs a select over {@code cases} in the given flavor. True if a case fired, false if the
         * timeout or default ran (the caller then tries again). After such a miss ({@code missed}) the
         * select blocks: two non-blocking parties on an unbuffered channel would never meet.
         */
        private static boolean select(List<Select.Case<Boolean, RuntimeException>> cases, Flavor flavor, boolean missed)
                throws InterruptedException {
            if (missed) {
                flavor = Flavor.PLAIN;
            }
            List<Select.Case<Boolean, RuntimeException>> cs = new ArrayList<>(cases);
            switch (flavor) {
                case TIMEOUT -> cs.add(Select.timeout(
                        Duration.ofNanos(ThreadLocalRandom.current().nextLong(100_000)), () -> false));
                case DEFAULT -> cs.add(Select.defaultCase(() -> {
                    Thread.yield();
                    return false;
                }));
                default -> { }
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            Select.Case<Boolean, RuntimeException>[] array = cs.toArray(new Select.Case[0]);
            return flavor == Flavor.BIASED ? Select.selectBiased(array) : Select.select(array);
        }
    }
}
