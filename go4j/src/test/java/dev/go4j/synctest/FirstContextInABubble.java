package dev.go4j.synctest;

import dev.go4j.context.Cancelable;
import dev.go4j.context.Context;
import dev.go4j.context.Contexts;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A child JVM's program (see {@code SynctestTest.libraryConstantsBelongToNoBubble}) whose first context is
 * made and cancelled in a bubble, before anything else loaded the context package, then used outside it:
 * the done channel of a context cancelled first is the library's shared closed channel, which must not
 * belong to the bubble that happened to initialize it. Prints {@code ok}.
 */
public final class FirstContextInABubble {
    private FirstContextInABubble() {}

    public static void main(String[] args) throws Exception {
        BlockingQueue<Context> out = new ArrayBlockingQueue<>(1);
        Synctest.test(() -> {
            Cancelable c = Contexts.withCancel(Contexts.background());
            c.cancel();
            out.add(c.context());
        });
        Context ctx = out.take();
        System.out.println(ctx.done().recv() == null && ctx.err() != null ? "ok" : "done is not closed");
        Context fresh = Contexts.withCancel(Contexts.background()).context();
        System.out.println(fresh.done() != ctx.done() ? "ok" : "a fresh context shares the closed channel");
    }
}
