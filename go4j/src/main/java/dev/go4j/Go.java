package dev.go4j;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Goroutines: Go's {@code go} statement on Java's virtual threads.
 *
 * <pre>{@code
 * Chan<String> ch = Chan.make();
 * Go.go(() -> ch.send("hello"));      // go func() { ch <- "hello" }()
 * System.out.println(ch.recv());
 * }</pre>
 *
 * <p>Each goroutine is a new virtual thread named {@code goroutine-<id>}, ids counting up from 1 in
 * start order. A goroutine that blocks on a go4j primitive parks its virtual thread and frees the
 * carrier.
 *
 * <p><b>Panics.</b> An exception escaping a goroutine is never lost: it is passed to the panic handler,
 * which by default prints it Go-style to {@code System.err}:
 * <pre>
 * panic: java.lang.IllegalStateException: boom
 *
 * goroutine 7 [running]:
 *         at ...stack...
 * </pre>
 * Unlike Go, the process keeps running: a goroutine's failure ends only that goroutine. Route panics
 * elsewhere (a logger, a test's failure collector, {@code System.exit}) with {@link #setPanicHandler}.
 * An {@link InterruptedException} escaping a goroutine is a panic too: a goroutine that wants to end
 * quietly on interruption returns instead.
 */
public final class Go {
    private static final AtomicLong IDS = new AtomicLong();
    private static final AtomicInteger LIVE = new AtomicInteger();
    private static volatile BiConsumer<Thread, Throwable> panicHandler = Go::printPanic;

    private Go() {}

    /**
     * Starts {@code task} in a new goroutine: {@code go task()}.
     *
     * @return the goroutine's virtual thread (to interrupt or join it; Go offers neither)
     */
    public static Thread go(Task task) {
        Objects.requireNonNull(task, "task");
        long id = IDS.incrementAndGet();
        LIVE.incrementAndGet();
        try {
            return Thread.ofVirtual().name("goroutine-" + id).start(() -> run(task));
        } catch (Throwable t) {
            LIVE.decrementAndGet();
            throw t;
        }
    }

    private static void run(Task task) {
        try {
            task.run();
        } catch (Throwable t) {
            panic(t);
        } finally {
            LIVE.decrementAndGet();
        }
    }

    private static void panic(Throwable t) {
        try {
            panicHandler.accept(Thread.currentThread(), t);
        } catch (Throwable handlerFailure) {
            handlerFailure.addSuppressed(t);
            printPanic(Thread.currentThread(), handlerFailure);
        }
    }

    /** The number of goroutines started by {@link #go} that have not finished: Go's {@code runtime.NumGoroutine}. */
    public static int numGoroutine() {
        return LIVE.get();
    }

    /**
     * Replaces the handler of exceptions escaping goroutines. It runs in the failing goroutine, which
     * ends when it returns. If the handler itself throws, both are printed by the default handler.
     *
     * @param handler receives the goroutine's thread and the exception; {@code null} restores the default
     */
    public static void setPanicHandler(BiConsumer<Thread, Throwable> handler) {
        panicHandler = handler == null ? Go::printPanic : handler;
    }

    /** The default panic handler: prints in Go's format to {@code System.err}. */
    public static void printPanic(Thread goroutine, Throwable t) {
        PrintStream err = System.err;
        StringBuilder sb = new StringBuilder(256);
        sb.append("panic: ").append(t).append("\n\ngoroutine ").append(goroutineId(goroutine))
                .append(" [running]:\n");
        for (StackTraceElement e : t.getStackTrace()) {
            sb.append("\tat ").append(e).append('\n');
        }
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append("caused by: ").append(c).append('\n');
        }
        err.print(sb);
        err.flush();
    }

    /** The goroutine id of a thread started by {@link #go}, else the thread's own id. */
    static String goroutineId(Thread t) {
        String name = t.getName();
        return name.startsWith("goroutine-") ? name.substring("goroutine-".length()) : Long.toString(t.threadId());
    }
}
