package dev.go4j.examples.ch4;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * C4-03, Confinement: two goroutines each get a disjoint slice of the data, so no synchronisation is
 * needed. The book's WaitGroup is only a join point: this port joins the two goroutines' threads.
 */
public final class ConfinementStructs implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        byte[] data = "golang".getBytes();
        Thread a = Go.go(() -> printData(Arrays.copyOfRange(data, 0, 3), out));
        Thread b = Go.go(() -> printData(Arrays.copyOfRange(data, 3, data.length), out));
        a.join();
        b.join();
    }

    private static void printData(byte[] data, PrintStream out) {
        out.println(new String(data));
    }
}
