package dev.go4j.examples.ch3;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import dev.go4j.sync.Locker;
import dev.go4j.sync.RWMutex;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * C3-10, sync: RWMutex: one producer taking the write lock five times against 2^0..2^19 observers that
 * each take either the read locker ({@code RLocker()}) or the write lock. Prints the book's table
 * {@code Readers  RWMutext  Mutex} (the book's header, typo included); the RWMutex column should win at
 * large reader counts (Go, in this repository's run: about 10% from 16k readers on). A timing, so
 * machine-dependent; the last line repeats Go's figure next to go4j's at the largest count.
 */
public final class RWMutexReaders implements Example {
    private final int rows;

    /** The book's program: 20 rows, up to 2^19 readers. */
    public RWMutexReaders() {
        this(20);
    }

    /** The table up to 2^(rows-1) readers (tests use few rows). */
    public RWMutexReaders(int rows) {
        this.rows = rows;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        RWMutex m = new RWMutex();
        out.printf("%-9s%-14s%s%n", "Readers", "RWMutext", "Mutex");
        double rw = 0;
        double mu = 0;
        for (int i = 0; i < rows; i++) {
            int count = 1 << i;
            Duration rwTime = test(count, m, m.rLocker());
            Duration muTime = test(count, m, m);
            out.printf("%-9d%-14s%s%n", count, show(rwTime), show(muTime));
            rw = rwTime.toNanos();
            mu = muTime.toNanos();
        }
        out.printf(Locale.ROOT, "go4j: Mutex/RWMutex %.2f at %d readers (Go, in this repository's run: about 1.10 from 16384 readers on)%n",
                mu / rw, 1 << (rows - 1));
    }

    private static Duration test(int count, Locker mutex, Locker rwMutex) throws InterruptedException {
        WaitGroup wg = new WaitGroup();
        wg.add(count + 1);
        Instant begin = Time.now();
        Go.go(() -> producer(wg, mutex));
        for (int i = count; i > 0; i--) {
            Go.go(() -> observer(wg, rwMutex));
        }
        wg.await();
        return Time.since(begin);
    }

    private static void producer(WaitGroup wg, Locker l) throws InterruptedException {
        try {
            for (int i = 5; i > 0; i--) {
                l.lock();
                l.unlock();
                Time.sleep(Duration.ofNanos(1));
            }
        } finally {
            wg.done();
        }
    }

    private static void observer(WaitGroup wg, Locker l) throws InterruptedException {
        try {
            l.lock();
            l.unlock();
        } finally {
            wg.done();
        }
    }

    /** Go's {@code Duration.String} for the table: {@code 38.343µs}, {@code 1.2ms}, {@code 1.1s}. */
    private static String show(Duration d) {
        long n = d.toNanos();
        if (n < 1_000) {
            return n + "ns";
        }
        if (n < 1_000_000) {
            return trim(n / 1e3) + "µs";
        }
        if (n < 1_000_000_000) {
            return trim(n / 1e6) + "ms";
        }
        return trim(n / 1e9) + "s";
    }

    private static String trim(double v) {
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("\\.?0+$", "");
    }
}
