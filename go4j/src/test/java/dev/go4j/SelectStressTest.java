package dev.go4j;

import static dev.go4j.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.go4j.TestSupport.Call;
import dev.go4j.TestSupport.Goroutines;
import dev.go4j.TestSupport.Ledger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Exactly one case fires per select, also when many selects share channels. Ports Go's
 * {@code TestSelectStress} (runtime/chan_test.go) and test/chan/doubleselect.go, with every value made
 * unique so that a select firing two cases (a value sent or taken twice) or none (a value lost) shows
 * up in the count and sum of what is received.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SelectStressTest {

    /**
     * Go's TestSelectStress: four channels (two unbuffered, capacities 2 and 3); per channel one plain
     * sender and one plain receiver; one goroutine sending N values on each channel through a single
     * select (switching a channel's case off with nil after N), and one receiving through a single select.
     */
    @Test
    void selectStress() throws Throwable {
        int n = scaled(10_000, 100_000);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Chan<Integer>[] c = new Chan[] {Chan.make(), Chan.make(), Chan.make(2), Chan.make(3)};
        // Values: plain sender k sends k*n .. k*n+n-1; the select sender sends (4+k)*n .. on channel k.
        Ledger ledger = new Ledger(8 * n);
        AtomicInteger[] writersLeft = new AtomicInteger[4];
        AtomicLong sendHandlerRuns = new AtomicLong();
        AtomicLong recvHandlerRuns = new AtomicLong();
        AtomicLong recvSelects = new AtomicLong();
        try (Goroutines g = new Goroutines()) {
            for (int k = 0; k < 4; k++) {
                int ch = k;
                writersLeft[k] = new AtomicInteger(2);
                g.go(() -> {
                    for (int i = 0; i < n; i++) {
                        c[ch].send(ch * n + i);
                    }
                    closeIfLast(c[ch], writersLeft[ch]);
                });
                g.go(() -> {
                    for (Integer v; (v = c[ch].recv()) != null; ) {
                        ledger.receive(v);
                    }
                });
            }
            g.go(() -> {
                int[] sent = new int[4];
                @SuppressWarnings("unchecked")
                Chan<Integer>[] c1 = c.clone();
                for (int i = 0; i < 4 * n; i++) {
                    int k = Select.select(
                            Select.send(c1[3], (4 + 3) * n + sent[3], () -> ran(sendHandlerRuns, 3)),
                            Select.send(c1[2], (4 + 2) * n + sent[2], () -> ran(sendHandlerRuns, 2)),
                            Select.send(c1[0], 4 * n + sent[0], () -> ran(sendHandlerRuns, 0)),
                            Select.send(c1[1], (4 + 1) * n + sent[1], () -> ran(sendHandlerRuns, 1)));
                    if (++sent[k] == n) {
                        c1[k] = Chan.nil();
                        closeIfLast(c[k], writersLeft[k]);
                    }
                }
            });
            g.go(() -> {
                @SuppressWarnings("unchecked")
                Chan<Integer>[] c1 = c.clone();
                int open = 4;
                while (open > 0) {
                    int[] from = {-1};
                    recvSelects.incrementAndGet();
                    Integer v = Select.select(
                            Select.recv(c1[3], x -> ran(recvHandlerRuns, from, 3, x)),
                            Select.recv(c1[2], x -> ran(recvHandlerRuns, from, 2, x)),
                            Select.recv(c1[0], x -> ran(recvHandlerRuns, from, 0, x)),
                            Select.recv(c1[1], x -> ran(recvHandlerRuns, from, 1, x)));
                    if (v == null) {
                        c1[from[0]] = Chan.nil();
                        open--;
                    } else {
                        ledger.receive(v);
                    }
                }
            });
            g.joinAll();
        }
        ledger.assertEachOnce();
        assertEquals(4L * n, sendHandlerRuns.get(), "the sending selects ran more or fewer handlers than selects");
        assertEquals(recvSelects.get(), recvHandlerRuns.get(), "the receiving selects ran more or fewer handlers than selects");
    }

    /**
     * test/chan/doubleselect.go: a sender selects over four unbuffered channels, each drained by a mux
     * goroutine into one channel; if two cases of one select both ran, a value would arrive twice.
     */
    @Test
    void doubleSelect() throws Throwable {
        int n = scaled(50_000, 1_000_000);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Chan<Integer>[] c = new Chan[] {Chan.make(), Chan.make(), Chan.make(), Chan.make()};
        Chan<Integer> cmux = Chan.make();
        Chan<Boolean> done = Chan.make();
        Ledger ledger = new Ledger(n);
        try (Goroutines g = new Goroutines()) {
            g.go(() -> { // sender
                try {
                    for (int i = 0; i < n; i++) {
                        Select.select(Select.send(c[0], i, () -> null), Select.send(c[1], i, () -> null),
                                Select.send(c[2], i, () -> null), Select.send(c[3], i, () -> null));
                    }
                } finally {
                    for (Chan<Integer> ch : c) {
                        ch.close();
                    }
                }
            });
            for (Chan<Integer> in : c) { // mux
                g.go(() -> {
                    for (Integer v : in) {
                        cmux.send(v);
                    }
                    done.send(true);
                });
            }
            g.go(() -> { // recver
                for (Integer v : cmux) {
                    ledger.receive(v);
                }
            });
            for (int i = 0; i < c.length; i++) {
                done.recv();
            }
            cmux.close();
            g.joinAll();
        }
        ledger.assertEachOnce();
    }

    /**
     * Selects mixing send and receive cases over shared channels. Each of several goroutines holds some
     * values and repeatedly selects over "send my first value" and "receive a value" on four channels
     * (three unbuffered, so that selects often park and are fired by others, and one of capacity 1); handlers move the value in or out of the local store. A
     * select that fired two cases, or fired one without running its handler, duplicates or loses a
     * value; at the end every value must be held by exactly one goroutine or channel buffer.
     */
    @Test
    void mixedSendReceiveSelects() throws Throwable {
        int goroutines = 6;
        int values = 60;
        int selectsEach = scaled(20_000, 400_000);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Chan<Integer>[] c = new Chan[] {Chan.make(), Chan.make(), Chan.make(), Chan.make(1)};
        Chan<Void> quit = Chan.make();
        CountDownLatch enough = new CountDownLatch(goroutines);
        Ledger ledger = new Ledger(values);
        try (Goroutines g = new Goroutines()) {
            List<Call<ArrayDeque<Integer>>> calls = new ArrayList<>();
            for (int p = 0; p < goroutines; p++) {
                int id = p;
                calls.add(g.call(() -> {
                    ArrayDeque<Integer> held = new ArrayDeque<>();
                    for (int v = id; v < values; v += goroutines) {
                        held.add(v);
                    }
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    int[] handlers = new int[1];
                    for (long round = 1; ; round++) {
                        Integer head = held.peekFirst();
                        Chan<Integer> nil = Chan.nil();
                        @SuppressWarnings({"unchecked", "rawtypes"})
                        Select.Case<Boolean, RuntimeException>[] cases = new Select.Case[9];
                        for (int k = 0; k < 4; k++) {
                            cases[2 * k] = Select.recv(c[k], v -> {
                                handlers[0]++;
                                held.addLast(v);
                                return true;
                            });
                            cases[2 * k + 1] = Select.send(head == null ? nil : c[k], head == null ? 0 : head, () -> {
                                handlers[0]++;
                                held.removeFirst();
                                return true;
                            });
                        }
                        cases[8] = Select.recv(quit, v -> {
                            handlers[0]++;
                            return false;
                        });
                        boolean more = rnd.nextInt(4) == 0 ? Select.selectBiased(cases) : Select.select(cases);
                        if (handlers[0] != round) {
                            throw new AssertionError("select " + round + " ran " + (handlers[0] - round + 1) + " handlers");
                        }
                        if (round == selectsEach) {
                            enough.countDown(); // keep serving the others until quit
                        }
                        if (!more) {
                            if (round < selectsEach) {
                                throw new AssertionError("quit fired before it was closed");
                            }
                            return held;
                        }
                    }
                }));
            }
            g.await(enough, "every goroutine's " + selectsEach + " selects");
            quit.close();
            for (var call : calls) {
                for (Integer v : call.get()) {
                    ledger.receive(v);
                }
            }
            g.joinAll();
        }
        for (Chan<Integer> ch : c) {
            for (Integer v; (v = ch.tryRecv()) != null; ) {
                ledger.receive(v);
            }
        }
        ledger.assertEachOnce();
    }

    /**
     * A select with many cases (locked in channel order, some channels twice): every value of 128
     * channels is taken exactly once by 128 non-blocking selects, then a parked select over all of them
     * is woken by whichever channel gets a value.
     */
    @Test
    void manyCasesInOneSelect() throws Throwable {
        int n = 128;
        @SuppressWarnings({"unchecked", "rawtypes"})
        Chan<Integer>[] c = new Chan[n];
        for (int k = 0; k < n; k++) {
            c[k] = k % 2 == 0 ? Chan.make(1) : Chan.make();
        }
        @SuppressWarnings({"unchecked", "rawtypes"})
        Select.Case<Integer, RuntimeException>[] cases = new Select.Case[n + n / 4];
        for (int k = 0; k < cases.length; k++) {
            cases[k] = Select.recv(c[(k * 37) % n], v -> v); // 37 is coprime to 128: every channel, a quarter twice
        }
        for (int k = 0; k < n; k += 2) {
            c[k].send(k);
        }
        Ledger ledger = new Ledger(n);
        for (int k = 0; k < n / 2; k++) {
            ledger.receive(Select.select(cases));
        }
        try (Goroutines g = new Goroutines()) {
            for (int round = 0; round < n / 2; round++) {
                int k = 2 * round + 1;
                Call<Integer> sel = g.call(() -> Select.select(cases));
                TestSupport.awaitParked(sel.thread());
                c[k].send(k);
                ledger.receive(sel.get());
            }
            g.joinAll();
        }
        ledger.assertEachOnce();
    }

    private static int ran(AtomicLong runs, int k) {
        runs.incrementAndGet();
        return k;
    }

    private static Integer ran(AtomicLong runs, int[] from, int k, Integer x) {
        runs.incrementAndGet();
        from[0] = k;
        return x;
    }

    static void closeIfLast(Chan<?> c, AtomicInteger writersLeft) {
        if (writersLeft.decrementAndGet() == 0) {
            c.close();
        }
    }
}
