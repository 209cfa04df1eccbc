package dev.go4j.examples.ch1;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import dev.go4j.sync.Mutex;
import java.io.PrintStream;

/**
 * C1-02, Memory Access Synchronization: C1-01 with a mutex around each access to {@code value}. The
 * critical sections are now exclusive (no data race), but their order is still undetermined: exactly
 * one line, {@code the value is 0.} or {@code the value is 1.}.
 */
public final class MemoryAccessSync implements Example {
    private final Mutex memoryAccess = new Mutex();
    private int value;

    @Override
    public void run(PrintStream out) throws InterruptedException {
        Thread g = Go.go(() -> {
            memoryAccess.lock();
            value++;
            memoryAccess.unlock();
        });
        memoryAccess.lock();
        if (value == 0) {
            out.printf("the value is %d.%n", value);
        } else {
            out.printf("the value is %d.%n", value);
        }
        memoryAccess.unlock();
        g.join(); // not in the book (its main just exits); here so the example leaves nothing running
    }
}
