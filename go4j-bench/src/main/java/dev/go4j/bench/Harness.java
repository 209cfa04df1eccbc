package dev.go4j.bench;

import dev.go4j.Go;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Shared plumbing of the benchmarks: the payload, and running a few tasks on virtual threads and
 * joining them.
 *
 * <p>Every benchmark operation moves a whole batch between virtual threads that it starts itself and
 * joins (the JMH worker thread, a platform thread, only starts and joins them). Starting 2 to 8 virtual
 * threads costs a few microseconds, against a batch that takes milliseconds, so it is below the noise.
 * The Go program in {@code bench/go} does the same with goroutines and a WaitGroup.
 */
final class Harness {
    private Harness() {}

    /** The largest batch: the unbuffered 1 to 1 scenario. */
    static final int MAX_BATCH = 1_000_000;

    /**
     * The values sent: boxed once, here, so that no benchmark measures {@code Integer} allocation
     * (Go sends plain ints). Consumers sum what they receive; the sum is checked and returned to JMH.
     */
    static final Integer[] VALUES = new Integer[MAX_BATCH];

    static {
        for (int i = 0; i < MAX_BATCH; i++) {
            VALUES[i] = i;
        }
    }

    /** The sum of {@code VALUES[0..n)}: what the consumers of a batch of n must add up to. */
    static long expectedSum(int n) {
        return (long) n * (n - 1) / 2;
    }

    /** A task on one side of a benchmark; returns its part of the checksum. */
    @FunctionalInterface
    interface Part {
        long run() throws Exception;
    }

    /** How the virtual threads of a run are started: as go4j goroutines, or plain virtual threads. */
    @FunctionalInterface
    interface Starter {
        Thread start(Runnable r);
    }

    /** go4j's own {@code go} statement (a named virtual thread). */
    static final Starter GOROUTINE = r -> Go.go(r::run);

    /** A plain virtual thread, for Jox and the JDK's queues. */
    static final Starter VIRTUAL = r -> Thread.ofVirtual().start(r);

    /**
     * Runs every part on its own virtual thread, joins them all and returns the sum of their results,
     * after checking it is {@code expected}.
     */
    static long run(Starter starter, long expected, Part... parts) throws InterruptedException {
        int n = parts.length;
        long[] results = new long[n];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            int k = i;
            threads[i] = starter.start(() -> {
                try {
                    results[k] = parts[k].run();
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            });
        }
        long sum = 0;
        for (int i = 0; i < n; i++) {
            threads[i].join();
            sum += results[i];
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a benchmark thread failed", failure.get());
        }
        if (sum != expected) {
            throw new IllegalStateException("checksum " + sum + ", expected " + expected);
        }
        return sum;
    }

    /** The sending end of whatever is measured: {@code ch.send}, {@code q.put}, {@code q.transfer}... */
    @FunctionalInterface
    interface Sender {
        void send(Integer v) throws InterruptedException;
    }

    /** The receiving end: {@code ch.recv}, {@code q.take}, a select... */
    @FunctionalInterface
    interface Receiver {
        Integer recv() throws InterruptedException;
    }

    /**
     * Moves {@code VALUES[0..n)} from {@code producers} virtual threads (each sends its own slice of
     * n / producers values) to {@code consumers} virtual threads (each receives n / consumers values),
     * all through {@code out} and {@code in}. Nothing is closed: every consumer knows how many values
     * it takes.
     */
    static long transfer(Starter starter, int n, int producers, int consumers, Sender out, Receiver in)
            throws InterruptedException {
        Sender[] outs = new Sender[producers];
        Arrays.fill(outs, out);
        return transfer(starter, n, outs, consumers, in);
    }

    /** As above, with one producer per element of {@code outs}, producer p sending through {@code outs[p]}. */
    static long transfer(Starter starter, int n, Sender[] outs, int consumers, Receiver in)
            throws InterruptedException {
        int producers = outs.length;
        int perProducer = n / producers;
        int perConsumer = n / consumers;
        Part[] parts = new Part[producers + consumers];
        for (int p = 0; p < producers; p++) {
            int from = p * perProducer;
            Sender out = outs[p];
            parts[p] = () -> {
                for (int i = from, end = from + perProducer; i < end; i++) {
                    out.send(VALUES[i]);
                }
                return 0;
            };
        }
        for (int c = 0; c < consumers; c++) {
            parts[producers + c] = () -> {
                long sum = 0;
                for (int i = 0; i < perConsumer; i++) {
                    sum += in.recv();
                }
                return sum;
            };
        }
        return run(starter, expectedSum(perProducer * producers), parts);
    }

    /**
     * Ping-pong: one virtual thread sends {@code VALUES[i]} on ping and waits for it back on pong,
     * {@code rounds} times; the other echoes every ping to pong.
     */
    static long pingPong(Starter starter, int rounds, Sender ping, Receiver pinged, Sender pong, Receiver ponged)
            throws InterruptedException {
        return run(starter, expectedSum(rounds),
                () -> {
                    long sum = 0;
                    for (int i = 0; i < rounds; i++) {
                        ping.send(VALUES[i]);
                        sum += ponged.recv();
                    }
                    return sum;
                },
                () -> {
                    for (int i = 0; i < rounds; i++) {
                        pong.send(pinged.recv());
                    }
                    return 0;
                });
    }
}
