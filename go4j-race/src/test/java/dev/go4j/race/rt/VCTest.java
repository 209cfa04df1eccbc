package dev.go4j.race.rt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Vector clocks that share their nodes behave as plain arrays of entries: random sets, joins and copies
 * on a few clocks, checked against dense arrays after every step (a write to one clock must never show
 * in another that shares its nodes).
 */
class VCTest {
    /** Thread ids span several trie levels, and cluster, as slots do. */
    private static final int[] TID_RANGES = {3, 40, 1_500, 70_000, Integer.MAX_VALUE};

    @Test
    void sharingClocksBehaveAsDenseClocks() {
        Random rnd = new Random(42);
        for (int round = 0; round < 60; round++) {
            int range = TID_RANGES[round % TID_RANGES.length];
            List<VC> clocks = new ArrayList<>();
            List<long[]> dense = new ArrayList<>(); // sparse model: sorted (tid << 32 | clock) pairs
            for (int i = 0; i < 4; i++) {
                clocks.add(new VC());
                dense.add(new long[0]);
            }
            for (int step = 0; step < 200; step++) {
                int a = rnd.nextInt(clocks.size());
                int b = rnd.nextInt(clocks.size());
                switch (rnd.nextInt(4)) {
                    case 0, 1 -> {
                        int t = rnd.nextInt(range);
                        int v = rnd.nextInt(1_000);
                        clocks.get(a).set(t, v);
                        dense.set(a, Model.set(dense.get(a), t, v));
                    }
                    case 2 -> {
                        clocks.get(a).join(clocks.get(b));
                        dense.set(a, Model.join(dense.get(a), dense.get(b)));
                    }
                    default -> {
                        clocks.set(a, clocks.get(b).copy());
                        dense.set(a, dense.get(b).clone());
                    }
                }
                for (int i = 0; i < clocks.size(); i++) {
                    assertArrayEquals(Model.nonZero(dense.get(i)), entries(clocks.get(i)), "round " + round + " step " + step);
                    for (long e : dense.get(i)) {
                        if (clocks.get(i).get((int) (e >>> 32)) != (int) e) {
                            throw new AssertionError("get " + (e >>> 32) + " round " + round + " step " + step);
                        }
                    }
                }
            }
        }
    }

    private static long[] entries(VC c) {
        List<Long> out = new ArrayList<>();
        c.forEach((t, v) -> out.add((long) t << 32 | v));
        return out.stream().mapToLong(Long::longValue).toArray();
    }

    /** A clock as a sorted array of (tid, clock) pairs packed in longs. */
    private static final class Model {
        static long[] set(long[] m, int t, int v) {
            long[] out = Arrays.stream(m).filter(e -> (int) (e >>> 32) != t).toArray();
            out = Arrays.copyOf(out, out.length + 1);
            out[out.length - 1] = (long) t << 32 | v;
            Arrays.sort(out);
            return out;
        }

        static long[] join(long[] a, long[] b) {
            long[] out = a;
            for (long e : b) {
                int t = (int) (e >>> 32);
                int v = (int) e;
                int mine = 0;
                for (long x : out) {
                    if ((int) (x >>> 32) == t) {
                        mine = (int) x;
                    }
                }
                if (v > mine) {
                    out = set(out, t, v);
                }
            }
            return out;
        }

        static long[] nonZero(long[] m) {
            return Arrays.stream(m).filter(e -> (int) e != 0).toArray();
        }
    }
}
