package dev.go4j.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A set of temporary objects to reuse, relieving the garbage collector: Go's {@code sync.Pool}.
 *
 * <pre>{@code
 * // given: void render(StringBuilder sb)
 * Pool<StringBuilder> buffers = new Pool<>(StringBuilder::new);   // sync.Pool{New: ...}
 * StringBuilder sb = buffers.get();
 * try {
 *     render(sb);
 * } finally {
 *     sb.setLength(0);
 *     buffers.put(sb);
 * }
 * }</pre>
 *
 * <p>{@link #get()} takes any pooled object (not necessarily the last one put), or if none is pooled
 * returns the factory's new object ({@code New}), or {@code null} without a factory. {@link #put} may
 * keep the object or drop it. As in Go, pooled objects are dropped at garbage collections: after a
 * collection they move to a victim cache, still available to {@code get}, and after the next one
 * they are gone. So a pool never keeps memory alive for long, and callers must not rely on anything
 * staying pooled.
 *
 * <p><b>Concurrency.</b> Safe for any number of goroutines, never blocks, takes no lock: the objects
 * sit in a fixed array of slots, striped by thread so that goroutines on different carriers mostly
 * touch different cache lines; {@code get} and {@code put} each take or fill one slot with a CAS,
 * looking at other stripes only when their own is empty (or full).
 *
 * <p><b>Memory consistency.</b> A {@code put(x)} happens-before the {@code get} that returns {@code x}.
 */
public final class Pool<T> {
    /*
     * Implementation overview. A Generation holds the primary slots, the victim slots (the primary of
     * the previous generation) and a weakly referenced sentinel object. The garbage collector clears
     * the sentinel; the first get or put that sees it cleared installs a new generation (primary fresh,
     * victim = the old primary; the old victim is dropped): Go's poolCleanup at each GC. A lost race
     * to install only means another thread installed it.
     *
     * Slots: STRIPES stripes of SLOTS_PER_STRIPE cells; a thread starts at its own stripe (from its id)
     * and scans round the array from there, so a get after a put on the same thread usually hits the
     * cell the put filled.
     */
    private static final int STRIPES = stripes();
    private static final int SLOTS_PER_STRIPE = 4;
    private static final int SLOTS = STRIPES * SLOTS_PER_STRIPE;
    private static final VarHandle GEN;

    static {
        try {
            GEN = MethodHandles.lookup().findVarHandle(Pool.class, "gen", Generation.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Supplier<? extends T> factory;
    private volatile Generation<T> gen = new Generation<>(null);

    /** An empty pool without a factory: {@link #get()} on an empty pool returns {@code null}. */
    public Pool() {
        this(null);
    }

    /** An empty pool whose {@link #get()} calls {@code factory} when nothing is pooled (Go's {@code New}). */
    public Pool(Supplier<? extends T> factory) {
        this.factory = factory;
    }

    /**
     * Takes an object from the pool, else returns a new one from the factory, else {@code null}: Go's
     * {@code Get}.
     */
    public T get() {
        Generation<T> g = current();
        int start = start();
        T x = take(g.primary, start);
        if (x == null && g.victim != null) {
            x = take(g.victim, start);
        }
        if (x == null && factory != null) {
            x = factory.get();
        }
        return x;
    }

    /** Adds {@code x} to the pool, or drops it if the pool is full: Go's {@code Put}. {@code null} is ignored. */
    public void put(T x) {
        if (x == null) {
            return;
        }
        AtomicReferenceArray<T> slots = current().primary;
        int start = start();
        for (int i = 0; i < SLOTS; i++) {
            int k = (start + i) & (SLOTS - 1);
            if (slots.getPlain(k) == null && slots.compareAndSet(k, null, x)) {
                return;
            }
        }
    }

    private static <T> T take(AtomicReferenceArray<T> slots, int start) {
        for (int i = 0; i < SLOTS; i++) {
            int k = (start - i) & (SLOTS - 1);
            T x = slots.getPlain(k);
            if (x != null && slots.compareAndSet(k, x, null)) {
                return x;
            }
        }
        return null;
    }

    /** The current generation, first retiring it if a garbage collection happened since it began. */
    private Generation<T> current() {
        Generation<T> g = gen;
        if (g.sentinel.refersTo(null)) {
            Generation<T> next = new Generation<>(g.primary);
            g = GEN.compareAndSet(this, g, next) ? next : gen;
        }
        return g;
    }

    /** The first slot this thread looks at: the start of its stripe. */
    private static int start() {
        long id = Thread.currentThread().threadId();
        int h = (int) (id * 0x9E3779B97F4A7C15L >>> 40);
        return (h & (STRIPES - 1)) * SLOTS_PER_STRIPE;
    }

    private static int stripes() {
        int n = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 2 - 1) * 2;
        return Math.min(n, 64);
    }

    /** The slots between two garbage collections. */
    private static final class Generation<T> {
        final AtomicReferenceArray<T> primary = new AtomicReferenceArray<>(SLOTS);
        final AtomicReferenceArray<T> victim;
        final WeakReference<Object> sentinel = new WeakReference<>(new Object());

        Generation(AtomicReferenceArray<T> victim) {
            this.victim = victim;
        }
    }
}
