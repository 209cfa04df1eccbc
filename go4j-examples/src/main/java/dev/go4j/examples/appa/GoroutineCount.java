package dev.go4j.examples.appa;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.examples.Example;
import dev.go4j.examples.GoLog;
import dev.go4j.runtime.Goroutines;
import dev.go4j.time.Ticker;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A-03, pprof: one goroutine logs the live goroutine count every second ({@link Goroutines#numGoroutine}, Go's
 * {@code pprof.Lookup("goroutine").Count()}) while main leaks a goroutine, blocked on a nil channel,
 * every 500 ms: the count grows by 2 per second. The book's program runs forever; this one stops after
 * five reports and ends its leaked goroutines.
 */
public final class GoroutineCount implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        Chan<Object> reported = Chan.make();
        Thread monitor = Go.go(() -> {
            Ticker tick = Time.newTicker(Duration.ofSeconds(1));
            try {
                for (int i = 0; i < 5; i++) {
                    tick.c().recv();
                    GoLog.printf(out, "goroutine count: %d", Goroutines.numGoroutine());
                }
            } finally {
                tick.stop();
                reported.close();
            }
        });
        RecvChan<Object> blockForever = Chan.nil();
        List<Thread> leaked = new ArrayList<>();
        while (reported.tryRecv() == null && !reported.isDrained()) {
            leaked.add(Go.go(blockForever::recv));
            Time.sleep(Duration.ofMillis(500));
        }
        monitor.join();
        var previous = Go.setPanicHandler((t, e) -> { }); // the leaked goroutines end by interruption
        try {
            for (Thread g : leaked) {
                g.interrupt();
                g.join();
            }
        } finally {
            Go.setPanicHandler(previous);
        }
    }
}
