package dev.go4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.go4j.TestSupport.Goroutines;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A functional test in the style of Go's test/chan/sieve1.go: the concurrent prime sieve, a generator
 * goroutine feeding a daisy chain of filter goroutines, one per prime found, over unbuffered channels.
 * Unlike sieve1.go, whose goroutines run forever, every send and receive here is a select that also
 * watches a {@code quit} channel, Go's usual way to stop a pipeline; closing it must end all of them.
 * Checks the first 100 primes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectSieveTest {
    private static final Object QUIT = new Object();

    /** Sends 2, 3, 4, ... to {@code ch} until quit. */
    private static void generate(Chan<Integer> ch, Chan<Void> quit) throws InterruptedException {
        for (int i = 2; ; i++) {
            if (Select.select(Select.send(ch, i, () -> null), Select.recv(quit, v -> QUIT)) == QUIT) {
                return;
            }
        }
    }

    /** Copies the values of {@code in} not divisible by {@code prime} to {@code out}, until quit. */
    private static void filter(Chan<Integer> in, Chan<Integer> out, int prime, Chan<Void> quit)
            throws InterruptedException {
        for (;;) {
            Object i = Select.select(Select.recv(in, v -> v), Select.recv(quit, v -> QUIT));
            if (i == QUIT) {
                return;
            }
            if ((Integer) i % prime != 0
                    && Select.select(Select.send(out, (Integer) i, () -> null), Select.recv(quit, v -> QUIT)) == QUIT) {
                return;
            }
        }
    }

    /** Sends the primes to {@code primes}, starting a filter per prime, until quit. */
    private static void sieve(Chan<Integer> primes, Chan<Void> quit, Goroutines g) throws InterruptedException {
        Chan<Integer> ch = Chan.make();
        g.go(() -> generate(ch, quit));
        for (Chan<Integer> in = ch; ; ) {
            Object prime = Select.select(Select.recv(in, v -> v), Select.recv(quit, v -> QUIT));
            if (prime == QUIT
                    || Select.select(Select.send(primes, (Integer) prime, () -> null), Select.recv(quit, v -> QUIT)) == QUIT) {
                return;
            }
            Chan<Integer> out = Chan.make();
            Chan<Integer> from = in;
            g.go(() -> filter(from, out, (Integer) prime, quit));
            in = out;
        }
    }

    @Test
    void first100Primes() throws Throwable {
        int[] expected = IntStream.iterate(2, i -> i + 1)
                .filter(n -> IntStream.rangeClosed(2, (int) Math.sqrt(n)).noneMatch(d -> n % d == 0))
                .limit(100)
                .toArray();
        int[] got = new int[100];
        Chan<Integer> primes = Chan.make();
        Chan<Void> quit = Chan.make();
        try (Goroutines g = new Goroutines()) {
            g.go(() -> sieve(primes, quit, g));
            for (int i = 0; i < got.length; i++) {
                got[i] = primes.recv();
            }
            quit.close(); // every goroutine of the sieve must now end by itself
            g.joinAll();
        }
        assertArrayEquals(expected, got);
    }
}
