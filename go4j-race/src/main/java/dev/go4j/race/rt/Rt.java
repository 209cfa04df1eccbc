package dev.go4j.race.rt;

import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The calls the instrumenter inserts: accesses to check, and the synchronisation that orders them.
 * Public because instrumented classes in any package call it; not an API.
 *
 * <p>Happens-before is tracked per thread with vector clocks ({@link ThreadState}). A <em>release</em>
 * on an object joins the calling thread's clock into the object's {@link SyncVar} and starts a new epoch;
 * an <em>acquire</em> joins the object's clock into the thread's. Every synchronising action the agent
 * sees is one of these: a monitor exit releases and a monitor enter acquires; a volatile write releases,
 * a volatile read acquires; a call on a {@code java.util.concurrent} object releases before and acquires
 * after (over-synchronising a {@code get} that releases can only hide a race, never invent one).
 */
public final class Rt {
    private static final SyncVar STATICS = new SyncVar();
    private static final ClassValue<Boolean> CONCURRENT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            String n = c.getName();
            return n.startsWith("java.util.concurrent.") || n.startsWith("java.util.Collections$Synchronized")
                    || n.equals("java.util.Vector") || n.equals("java.util.Stack") || n.equals("java.util.Hashtable")
                    || n.equals("java.lang.StringBuffer");
        }
    };

    private enum HandleKind { STATIC_FIELD, WITH_COORDINATES, ASK }

    /** What a VarHandle implementation class says of its coordinates: the JDK's field, array and view handles. */
    private static final ClassValue<HandleKind> HANDLE_KINDS = new ClassValue<>() {
        @Override
        protected HandleKind computeValue(Class<?> c) {
            String n = c.getName();
            if (!n.startsWith("java.lang.invoke.VarHandle")) {
                return HandleKind.ASK; // an IndirectVarHandle (adapted), or another implementation
            }
            return n.contains("$FieldStatic") || n.endsWith(".LazyInitializingVarHandle") ? HandleKind.STATIC_FIELD
                    : n.contains("$FieldInstance") || n.contains("$Array") ? HandleKind.WITH_COORDINATES : HandleKind.ASK;
        }
    };

    /** Set by the agent's premain: the agent is attached, not merely on the class path. */
    private static volatile boolean configured;

    private Rt() {}

    /** True if the agent is attached to this JVM. */
    public static boolean attached() {
        return configured;
    }

    /**
     * Sets the reporting options and, at exit, prints {@code Found N data race(s)} and exits with
     * {@code exitCode} if there were any (0: the program's own status). Called once by the agent.
     */
    public static void configure(boolean haltOnError, int exitCode) {
        configured = true;
        Races.haltOnError = haltOnError;
        Races.exitCode = exitCode;
        Runtime.getRuntime().addShutdownHook(new Thread(Races::atExit, "go4j-race exit"));
    }

    /** The number of races reported so far in this JVM. */
    public static int raceCount() {
        return Races.count();
    }

    /** The reports printed so far, as Go prints them, from the {@code from}-th on (0: all). */
    public static List<String> reportsSince(int from) {
        return Races.since(from);
    }

    // ---- accesses

    /** A read of instance field {@code fid} of {@code o} at {@code site}. */
    public static void read(Object o, int fid, int site) {
        if (o != null) {
            ThreadState t = ThreadState.current();
            Shadow.of(o, t).field(fid).read(t, site, o, Races.FIELD, fid);
        }
    }

    /** A write of instance field {@code fid} of {@code o} at {@code site}. */
    public static void write(Object o, int fid, int site) {
        if (o != null) {
            ThreadState t = ThreadState.current();
            Shadow.of(o, t).field(fid).write(t, site, o, Races.FIELD, fid);
        }
    }

    /** A read of static field {@code fid} at {@code site}. */
    public static void readStatic(int fid, int site) {
        StaticVars.of(fid).read(ThreadState.current(), site, null, Races.STATIC, fid);
    }

    /** A write of static field {@code fid} at {@code site}. */
    public static void writeStatic(int fid, int site) {
        StaticVars.of(fid).write(ThreadState.current(), site, null, Races.STATIC, fid);
    }

    /** A read of {@code array[i]} at {@code site}. */
    public static void readElement(Object array, int i, int site) {
        if (array != null) {
            ThreadState t = ThreadState.current();
            VarState v = Shadow.of(array, t).element(array, i);
            if (v != null) {
                v.read(t, site, array, Races.ELEMENT, i);
            }
        }
    }

    /** A write of {@code array[i]} at {@code site}. */
    public static void writeElement(Object array, int i, int site) {
        if (array != null) {
            ThreadState t = ThreadState.current();
            VarState v = Shadow.of(array, t).element(array, i);
            if (v != null) {
                v.write(t, site, array, Races.ELEMENT, i);
            }
        }
    }

    // ---- synchronisation on objects

    /** Acquire on {@code o}: after a monitor enter, a volatile read of one of its fields, a concurrent call on it. */
    public static void acquire(Object o) {
        if (o != null) {
            syncOf(o).acquireInto(ThreadState.current());
        }
    }

    /** Release on {@code o}: before a monitor exit, a volatile write to one of its fields, a concurrent call on it. */
    public static void release(Object o) {
        if (o != null) {
            ThreadState t = ThreadState.current();
            syncOf(o).releaseFrom(t);
            t.tick();
        }
    }

    /**
     * Makes {@code o} synchronise nothing: a go4j object used for go4j's own bookkeeping (a lock of the
     * goroutine registry, which every goroutine's start and end takes; a WaitGroup's semaphore, whose
     * edges its hooks state), which is no happens-before edge of Go's model.
     */
    public static void bookkeeping(Object o) {
        if (o != null) {
            shadowOf(o).alias(SyncVar.NONE);
        }
    }

    /** A value went into the buffer of channel {@code chan} (of {@code capacity} slots): see {@link ChanSlots}. */
    public static void bufferSend(Object chan, int capacity) {
        ThreadState t = ThreadState.current();
        slotsOf(chan, capacity, t).pass(t, true);
    }

    /** A value came out of the buffer of channel {@code chan} (of {@code capacity} slots): see {@link ChanSlots}. */
    public static void bufferRecv(Object chan, int capacity) {
        ThreadState t = ThreadState.current();
        slotsOf(chan, capacity, t).pass(t, false);
    }

    /** A value passed through the buffer of channel {@code chan}: a receive and a send on one slot. */
    public static void bufferPass(Object chan, int capacity) {
        ThreadState t = ThreadState.current();
        ChanSlots slots = slotsOf(chan, capacity, t);
        slots.pass(t, false);
        slots.pass(t, true);
    }

    /**
     * The pass just announced did not happen: the counts go back (the slot keeps the release, an edge
     * more, which can hide a race but never invent one).
     */
    public static void bufferPassWithdrawn(Object chan, int capacity) {
        ThreadState t = ThreadState.current();
        slotsOf(chan, capacity, t).withdrawPass();
    }

    private static ChanSlots slotsOf(Object chan, int capacity, ThreadState t) {
        return Shadow.of(chan, t).chanSlots(capacity);
    }

    /** {@link #release} if {@code delta} is negative: a WaitGroup's {@code done}. */
    public static void releaseIfNegative(Object o, int delta) {
        if (delta < 0) {
            release(o);
        }
    }

    /** Acquire after reading a static volatile field: all static volatiles share one clock. */
    public static void acquireStatic() {
        STATICS.acquireInto(ThreadState.current());
    }

    /** Release before writing a static volatile field. */
    public static void releaseStatic() {
        ThreadState t = ThreadState.current();
        STATICS.releaseFrom(t);
        t.tick();
    }

    /** {@link #acquire} if {@code o} is a thread-safe JDK collection (called through {@code Map}, {@code Queue}, ...). */
    public static void acquireIfConcurrent(Object o) {
        if (o != null && CONCURRENT.get(o.getClass())) {
            acquire(o);
        }
    }

    /** {@link #release} if {@code o} is a thread-safe JDK collection. */
    public static void releaseIfConcurrent(Object o) {
        if (o != null && CONCURRENT.get(o.getClass())) {
            release(o);
        }
    }

    /**
     * Release before an access through {@code vh}, whose first coordinate is {@code first} (the object
     * holding the field, or the array; null for a static field's handle, or when not a reference).
     */
    public static void releaseVarHandle(VarHandle vh, Object first) {
        if (first == null || staticField(vh)) {
            releaseStatic();
        } else {
            release(first);
        }
    }

    /** Acquire after an access through {@code vh}; see {@link #releaseVarHandle}. */
    public static void acquireVarHandle(VarHandle vh, Object first) {
        if (first == null || staticField(vh)) {
            acquireStatic();
        } else {
            acquire(first);
        }
    }

    /**
     * True if {@code vh} has no coordinates (a static field's handle), so that its first argument is a
     * value. Told by the handle's class where the JDK's class names say it, because asking the handle
     * ({@code coordinateTypes()}) builds a list at every access.
     */
    private static boolean staticField(VarHandle vh) {
        return switch (HANDLE_KINDS.get(vh.getClass())) {
            case STATIC_FIELD -> true;
            case WITH_COORDINATES -> false;
            default -> vh.coordinateTypes().isEmpty();
        };
    }

    /** {@code o.wait()}: the monitor is released while waiting and acquired again. */
    public static void wait(Object o) throws InterruptedException {
        release(o);
        try {
            o.wait();
        } finally {
            acquire(o);
        }
    }

    /** {@code o.wait(ms)}. */
    public static void wait(Object o, long ms) throws InterruptedException {
        release(o);
        try {
            o.wait(ms);
        } finally {
            acquire(o);
        }
    }

    /** {@code o.wait(ms, nanos)}. */
    public static void wait(Object o, long ms, int nanos) throws InterruptedException {
        release(o);
        try {
            o.wait(ms, nanos);
        } finally {
            acquire(o);
        }
    }

    // ---- threads: start happens before the thread's first action, its last action before join returns

    /** {@code t.start()}. */
    public static void start(Thread t) {
        if (t.getState() == Thread.State.NEW) {
            ThreadState.current().fork(t, Stacks.application(new Throwable().getStackTrace()));
        }
        t.start();
    }

    /** {@code builder.start(task)}. */
    public static Thread start(Thread.Builder builder, Runnable task) {
        Thread t = builder.unstarted(task);
        start(t);
        return t;
    }

    /** {@code Thread.startVirtualThread(task)}. */
    public static Thread startVirtualThread(Runnable task) {
        return start(Thread.ofVirtual(), task);
    }

    /** {@code t.join()}. */
    public static void join(Thread t) throws InterruptedException {
        t.join();
        ThreadState.current().join(t);
    }

    /** {@code t.join(ms)}. */
    public static void join(Thread t, long ms) throws InterruptedException {
        t.join(ms);
        joinIfEnded(t);
    }

    /** {@code t.join(ms, nanos)}. */
    public static void join(Thread t, long ms, int nanos) throws InterruptedException {
        t.join(ms, nanos);
        joinIfEnded(t);
    }

    /** {@code t.join(d)}. */
    public static boolean join(Thread t, Duration d) throws InterruptedException {
        boolean ended = t.join(d);
        joinIfEnded(t);
        return ended;
    }

    /** {@code t.isAlive()}: seeing a thread terminated orders its actions before (JLS 17.4.4). */
    public static boolean isAlive(Thread t) {
        return joinIfEnded(t);
    }

    private static boolean joinIfEnded(Thread t) {
        boolean alive = t.isAlive();
        if (!alive && t.getState() == Thread.State.TERMINATED) {
            ThreadState.current().join(t);
        }
        return alive;
    }

    // ---- tasks handed to executors and futures

    /** A fresh clock for the tasks of one call: each releases on it when it ends; see {@link #alias}. */
    public static Object taskSync() {
        return new SyncVar();
    }

    /** Makes {@code future} (the result of a call that took tasks) acquire what the call's tasks released. */
    public static void alias(Object future, Object sync) {
        if (future != null) {
            shadowOf(future).alias((SyncVar) sync);
        }
    }

    /** Makes {@code view} (a lock's {@code Condition}, a read-write lock's halves) synchronise as {@code lock}. */
    public static void aliasTo(Object view, Object lock) {
        if (view != null && lock != null) {
            shadowOf(view).alias(syncOf(lock));
        }
    }

    /**
     * Wraps a task handed over by a call on {@code on} (null for a static call): it starts after what the
     * caller did before the call and, if {@code acquireOn} (a future's callback, not an executor's task),
     * after what was released on {@code on}; when it ends it releases on {@code sync} and {@code on}.
     */
    public static Runnable task(Runnable r, Object sync, Object on, boolean acquireOn) {
        return r == null ? null : new Tasks.OfRunnable(r, (SyncVar) sync, on, acquireOn);
    }

    /** Wraps a task; see {@link #task(Runnable, Object, Object, boolean)}. */
    public static <V> Callable<V> task(Callable<V> c, Object sync, Object on, boolean acquireOn) {
        return c == null ? null : new Tasks.OfCallable<>(c, (SyncVar) sync, on, acquireOn);
    }

    /** Wraps a task; see {@link #task(Runnable, Object, Object, boolean)}. */
    public static <V> Supplier<V> task(Supplier<V> s, Object sync, Object on, boolean acquireOn) {
        return s == null ? null : new Tasks.OfSupplier<>(s, (SyncVar) sync, on, acquireOn);
    }

    /** Wraps a task; see {@link #task(Runnable, Object, Object, boolean)}. */
    public static <A, V> Function<A, V> task(Function<A, V> f, Object sync, Object on, boolean acquireOn) {
        return f == null ? null : new Tasks.OfFunction<>(f, (SyncVar) sync, on, acquireOn);
    }

    /** Wraps a task; see {@link #task(Runnable, Object, Object, boolean)}. */
    public static <A> Consumer<A> task(Consumer<A> c, Object sync, Object on, boolean acquireOn) {
        return c == null ? null : new Tasks.OfConsumer<>(c, (SyncVar) sync, on, acquireOn);
    }

    /** Wraps a task; see {@link #task(Runnable, Object, Object, boolean)}. */
    public static <A, B, V> BiFunction<A, B, V> task(BiFunction<A, B, V> f, Object sync, Object on, boolean acquireOn) {
        return f == null ? null : new Tasks.OfBiFunction<>(f, (SyncVar) sync, on, acquireOn);
    }

    /** Wraps a task; see {@link #task(Runnable, Object, Object, boolean)}. */
    public static <A, B> BiConsumer<A, B> task(BiConsumer<A, B> c, Object sync, Object on, boolean acquireOn) {
        return c == null ? null : new Tasks.OfBiConsumer<>(c, (SyncVar) sync, on, acquireOn);
    }

    static SyncVar syncOf(Object o) {
        return o instanceof SyncVar s ? s : shadowOf(o).sync();
    }

    private static Shadow shadowOf(Object o) {
        return Shadow.of(o, ThreadState.current());
    }
}
