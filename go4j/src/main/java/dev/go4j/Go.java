package dev.go4j;

import dev.go4j.internal.Handler;
import dev.go4j.internal.diag.DeadlockCheck;
import dev.go4j.internal.diag.Goroutine;
import dev.go4j.internal.diag.Jfr;
import dev.go4j.internal.diag.LeakWatch;
import dev.go4j.internal.diag.LockCycles;
import dev.go4j.runtime.DeadlockError;
import dev.go4j.runtime.Goroutines;
import dev.go4j.runtime.LockCycle;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
    private static final int DEADLOCK_SCAN_MS = 100;
    private static final Handler<BiConsumer<Thread, Throwable>> PANIC_HANDLER = new Handler<>(Go::printPanic);

    static {
        Goroutine.runTasksWith(Go::run, Go::panic);
        if (LeakWatch.ENABLED) {
            Goroutines.leaked(); // starts the leak profile's reporter before the first goroutine
        }
    }

    private Go() {}

    /**
     * Starts {@code task} in a new goroutine: {@code go task()}.
     *
     * @return the goroutine's virtual thread (to interrupt or join it; Go offers neither)
     */
    public static Thread go(Task task) {
        Objects.requireNonNull(task, "task");
        return start(task, task, 1);
    }

    /**
     * Runs {@code task} as a goroutine and waits for it: Go's {@code func main}, with Go's deadlock
     * detection. Write a program's {@code main} as {@code Go.main(() -> { ... })}.
     *
     * <p>While it waits, every {@value #DEADLOCK_SCAN_MS} ms it checks whether every goroutine is parked in
     * a go4j primitive that only another goroutine could release, with no go4j timer that could wake one
     * and no other thread that could act (see the rules below). If so, it prints Go's
     * {@code fatal error: all goroutines are asleep - deadlock!} and the goroutine dump to
     * {@code System.err}, followed by any cycle of goroutines waiting for each other's go4j locks
     * ({@link Goroutines#lockCycles()}) that was not printed already (the default lock-cycle handler
     * prints a cycle when it forms: each is printed once), emits the JFR event {@code dev.go4j.DeadlockDetected} (when a
     * recording enables it) and throws {@link DeadlockError}; the stuck goroutines stay parked (interrupt
     * them, or exit). A deadlock is found within a second of its forming.
     *
     * <p>No false positives for what go4j can see: a goroutine that is running, sleeping, waiting with a
     * deadline or blocked in something outside go4j (I/O, a JDK lock), a pending go4j timer that could
     * wake a goroutine, and a live non-daemon platform thread that is not itself waiting indefinitely all
     * count as able to make progress. As in Go 1.23, a timer or ticker counts only while a goroutine
     * waits on its channel (in a receive or a select), a context deadline only while someone waits on
     * the done channel of that context or of a descendant (or it has an {@code afterFunc}), and an
     * {@code afterFunc} timer always: an unread {@code Time.after} does not hide a deadlock. Threads go4j
     * did not start (plain virtual threads, daemon threads) are assumed not to release goroutines: start
     * the threads that do with {@link #go}.
     *
     * @throws DeadlockError when all goroutines are asleep
     * @throws Exception whatever {@code task} threw (Go: a panic in main ends the program)
     * @throws InterruptedException if the calling thread is interrupted while waiting (the task goes on)
     */
    public static void main(Task task) throws Exception {
        Objects.requireNonNull(task, "task");
        Goroutines.recordCreatedBy(); // its deadlock report is a dump
        Throwable[] failure = new Throwable[1];
        Thread main = start(() -> {
            try {
                task.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, task, 1);
        DeadlockCheck check = new DeadlockCheck(Thread.currentThread());
        while (!main.join(Duration.ofMillis(DEADLOCK_SCAN_MS))) {
            if (check.stuck()) {
                String dump = Goroutines.dump();
                List<LockCycle> cycles = Goroutines.lockCycles();
                StringBuilder report = new StringBuilder("fatal error: all goroutines are asleep - deadlock!\n\n")
                        .append(dump);
                cycles.stream().filter(c -> !LockCycles.printed(c.members().stream().map(LockCycle.Member::thread).toList())).forEach(c -> report.append('\n').append(c));
                System.err.print(report);
                System.err.flush();
                Jfr.deadlockDetected(report.toString());
                throw new DeadlockError(dump, cycles);
            }
        }
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
    }

    /**
     * Starts {@code task} in a goroutine for a call of {@link #go} or {@link #main} {@code depth} frames
     * up, which was passed {@code passed} (the class of the caller's own task stands for the call site).
     */
    private static Thread start(Task task, Task passed, int depth) {
        Goroutine g = Goroutine.create(task, passed, depth + 1);
        Thread t = Thread.ofVirtual().name("goroutine-" + g.id).uncaughtExceptionHandler(g).unstarted(g);
        g.start(t);
        return t;
    }

    /** How a goroutine runs its task (the goroutine's record calls it; its frame is the stack's bottom). */
    private static void run(Object task) throws Exception {
        ((Task) task).run();
    }

    /** What a goroutine does with an exception escaping its task (the goroutine's record calls it). */
    private static void panic(Throwable t) {
        try {
            PANIC_HANDLER.get().accept(Thread.currentThread(), t);
        } catch (Throwable handlerFailure) {
            print(Thread.currentThread(), t, handlerFailure);
        }
    }

    /**
     * Replaces the handler of exceptions escaping goroutines. It runs in the failing goroutine, which
     * ends when it returns. If the handler itself throws, both are printed by the default handler, as Go
     * prints a panic raised while panicking: {@code panic: <the goroutine's exception>}, then
     * {@code \tpanic: <the handler's> [in the panic handler]}, the goroutine's stack, and the handler's.
     *
     * @param handler receives the goroutine's thread and the exception; {@code null} restores the default
     * @return the previous handler, or null if it was the default
     */
    public static BiConsumer<Thread, Throwable> setPanicHandler(BiConsumer<Thread, Throwable> handler) {
        return PANIC_HANDLER.set(handler);
    }

    /**
     * The default panic handler: prints in Go's format to {@code System.err}: the panic, the goroutine's
     * stack (the exception's), its causes, and where the goroutine was started, as a goroutine dump
     * shows it ({@code created by <frame> in goroutine <id>}), when that was recorded (see
     * {@link Goroutines#recordCreatedBy()}).
     */
    public static void printPanic(Thread goroutine, Throwable t) {
        print(goroutine, t, null);
    }

    /**
     * Prints panic {@code t}; a non-null {@code handlerFailure} is what the panic handler threw on it,
     * printed as Go prints a panic raised while panicking: both panic lines, the first one first.
     */
    private static void print(Thread goroutine, Throwable t, Throwable handlerFailure) {
        StringBuilder sb = new StringBuilder(256).append("panic: ").append(t).append('\n');
        if (handlerFailure != null) {
            sb.append("\tpanic: ").append(handlerFailure).append(" [in the panic handler]\n");
        }
        sb.append("\ngoroutine ").append(goroutineId(goroutine)).append(" [running]:\n");
        appendTrace(sb, t);
        Goroutine g = Goroutine.of(goroutine);
        if (g != null) {
            Goroutine.appendCreatedBy(sb, g.createdBy(), g.parentId);
        }
        if (handlerFailure != null) {
            sb.append("\npanic handler failed: ").append(handlerFailure).append('\n');
            appendTrace(sb, handlerFailure);
        }
        PrintStream err = System.err;
        err.print(sb);
        err.flush();
    }

    /** {@code t}'s frames, then its causes, one line each. */
    private static void appendTrace(StringBuilder sb, Throwable t) {
        for (StackTraceElement e : t.getStackTrace()) {
            sb.append("\tat ").append(e).append('\n');
        }
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            sb.append("caused by: ").append(c).append('\n');
        }
    }

    /** The goroutine id of a thread started by {@link #go}, else the thread's own id. */
    static String goroutineId(Thread t) {
        long id = Goroutine.idOf(t);
        return Long.toString(id != 0 ? id : t.threadId());
    }
}
