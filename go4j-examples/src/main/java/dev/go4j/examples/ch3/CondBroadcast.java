package dev.go4j.examples.ch3;

import dev.go4j.Go;
import dev.go4j.examples.Example;
import dev.go4j.sync.Cond;
import dev.go4j.sync.Mutex;
import dev.go4j.sync.WaitGroup;
import java.io.PrintStream;

/**
 * C3-12, sync: Cond: a button's {@code Clicked} condition with three subscribers; one
 * {@code Broadcast} runs each handler exactly once: {@code Maximizing window.},
 * {@code Displaying annoying dialogue box!} and {@code Mouse clicked.}, in any order.
 *
 * <p>The book's listing has a lost wakeup: a subscriber signals "running" before it waits, so the
 * click can come in between and the subscriber then waits forever. Here the subscriber signals while
 * holding the condition's lock, and the click broadcasts under the lock, so each subscriber is already
 * waiting when the click comes.
 */
public final class CondBroadcast implements Example {
    /** The book's {@code Button}. */
    private static final class Button {
        final Cond clicked = new Cond(new Mutex());
    }

    /** A click handler. */
    @FunctionalInterface
    private interface Handler {
        void handle() throws InterruptedException;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        Button button = new Button();
        WaitGroup clickRegistered = new WaitGroup();
        clickRegistered.add(3);
        subscribe(button.clicked, () -> {
            out.println("Maximizing window.");
            clickRegistered.done();
        });
        subscribe(button.clicked, () -> {
            out.println("Displaying annoying dialogue box!");
            clickRegistered.done();
        });
        subscribe(button.clicked, () -> {
            out.println("Mouse clicked.");
            clickRegistered.done();
        });
        button.clicked.locker().lock();
        try {
            button.clicked.broadcast();
        } finally {
            button.clicked.locker().unlock();
        }
        clickRegistered.await();
    }

    private static void subscribe(Cond c, Handler fn) throws InterruptedException {
        WaitGroup goroutineRunning = new WaitGroup();
        goroutineRunning.add(1);
        Go.go(() -> {
            c.locker().lock();
            try {
                goroutineRunning.done();
                c.await();
                fn.handle();
            } finally {
                c.locker().unlock();
            }
        });
        goroutineRunning.await();
    }
}
