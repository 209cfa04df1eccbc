package dev.go4j.examples.ch3;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.examples.Example;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * C3-25, Channels: closing a channel releases every goroutine blocked receiving from it, a broadcast.
 * The book's WaitGroup is only a join point: this port joins the goroutines' threads.
 */
public final class CloseBroadcast implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        Chan<Object> begin = Chan.make();
        List<Thread> goroutines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int id = i;
            goroutines.add(Go.go(() -> {
                begin.recv();
                out.printf("%d has begun%n", id);
            }));
        }
        out.println("Unblocking goroutines...");
        begin.close();
        for (Thread g : goroutines) {
            g.join();
        }
    }
}
