package dev.go4j.examples.ch3;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import dev.go4j.sync.Cond;
import dev.go4j.sync.Mutex;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * C3-11, sync: Cond: a queue bounded at two by {@code for len(queue) == 2 { c.Wait() }}; each add
 * starts a remover that, a second later, takes one item and {@code Signal}s. Ten {@code Adding to queue}
 * lines interleaved with {@code Removed from queue}; on every prefix adds minus removes is at most 2.
 * As in the book, main returns after the tenth add, leaving the last removers behind.
 */
public final class CondQueue implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        Cond c = new Cond(new Mutex());
        Queue<Object> queue = new ArrayDeque<>(10);
        for (int i = 0; i < 10; i++) {
            c.locker().lock();
            try {
                while (queue.size() == 2) {
                    c.await();
                }
                out.println("Adding to queue");
                queue.add(new Object());
                Go.go(() -> {
                    Time.sleep(Duration.ofSeconds(1));
                    c.locker().lock();
                    try {
                        queue.remove();
                        out.println("Removed from queue");
                    } finally {
                        c.locker().unlock();
                    }
                    c.signal();
                });
            } finally {
                c.locker().unlock();
            }
        }
    }
}
