package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import dev.go4j.Select;
import dev.go4j.examples.Example;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;

/**
 * C4-27, The context package: the greeter and farewell built on a done channel, before context; each
 * looks up a locale that takes a minute.
 */
public final class ContextGreeterDone implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        try (Chan<Object> done = Chan.make()) {
            WaitGroup wg = new WaitGroup();
            wg.go(() -> print(out, () -> genGreeting(done) + " world!"));
            wg.go(() -> print(out, () -> genFarewell(done) + " world!"));
            wg.await();
        }
    }

    private interface Line {
        String get() throws Exception;
    }

    private static void print(PrintStream out, Line line) {
        try {
            out.println(line.get());
        } catch (Exception err) {
            out.print(err.getMessage());
        }
    }

    static String genGreeting(RecvChan<?> done) throws Exception {
        if (locale(done).equals("EN/US")) {
            return "hello";
        }
        throw new Exception("unsupported locale");
    }

    static String genFarewell(RecvChan<?> done) throws Exception {
        if (locale(done).equals("EN/US")) {
            return "goodbye";
        }
        throw new Exception("unsupported locale");
    }

    static String locale(RecvChan<?> done) throws Exception {
        return Select.select(
                Select.recv(done, x -> { throw new Exception("canceled"); }),  // case <-done: return "", errors.New("canceled")
                Select.recv(Time.after(Duration.ofMinutes(1)), t -> "EN/US"));
    }
}
