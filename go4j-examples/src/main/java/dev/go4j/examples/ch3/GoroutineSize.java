package dev.go4j.examples.ch3;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * C3-05, Goroutines: the memory of a parked goroutine: start 10,000 goroutines blocked on a nil
 * channel and compare the heap before and after (a parked virtual thread's stack is copied to the
 * heap, so the heap is where it shows). Go's figure is the book's run ({@code MemStats.Sys}). Unlike the
 * book, the goroutines are then interrupted, so they do not outlive the example.
 */
public final class GoroutineSize implements Example {
    private final int numGoroutines;

    /** The book's 10,000 goroutines. */
    public GoroutineSize() {
        this(10_000);
    }

    /** With another count. */
    public GoroutineSize(int numGoroutines) {
        this.numGoroutines = numGoroutines;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        RecvChan<Object> c = Chan.nil();
        List<Thread> goroutines = new ArrayList<>(numGoroutines);
        long before = memConsumed();
        for (int i = numGoroutines; i > 0; i--) {
            goroutines.add(Go.go(() -> {
                try {
                    c.recv();
                } catch (InterruptedException e) {
                    // the example ends it
                }
            }));
        }
        for (Thread g : goroutines) {
            while (g.getState() != Thread.State.WAITING) {
                Thread.yield();
            }
        }
        long after = memConsumed();
        out.printf("go4j: %.3fkb per parked goroutine (Go, in the book's run: 2.549kb)%n",
                (after - before) / (double) numGoroutines / 1000);
        for (Thread g : goroutines) {
            g.interrupt();
        }
        for (Thread g : goroutines) {
            g.join();
        }
    }

    private static long memConsumed() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
