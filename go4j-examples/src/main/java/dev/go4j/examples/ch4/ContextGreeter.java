package dev.go4j.examples.ch4;

import dev.go4j.Select;
import dev.go4j.context.Cancelable;
import dev.go4j.context.Context;
import dev.go4j.context.ContextException;
import dev.go4j.context.Contexts;
import dev.go4j.examples.Example;
import dev.go4j.sync.WaitGroup;
import dev.go4j.time.Time;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * C4-28 and C4-29, The context package: the greeter gives its locale lookup 1 s
 * ({@code withTimeout}); its failure cancels the root, which cancels the farewell. With
 * {@code failFast} (C4-29), the lookup first checks the deadline and fails at once when a minute of
 * work cannot fit.
 */
public final class ContextGreeter implements Example {
    private final boolean failFast;

    /** C4-28 ({@code false}) or C4-29 ({@code true}). */
    public ContextGreeter(boolean failFast) {
        this.failFast = failFast;
    }

    @Override
    public void run(PrintStream out) throws InterruptedException {
        try (Cancelable root = Contexts.withCancel(Contexts.background())) {
            Context ctx = root.context();
            WaitGroup wg = new WaitGroup();
            wg.go(() -> {
                try {
                    out.printf("%s world!%n", genGreeting(ctx));
                } catch (ContextException err) {
                    out.printf("cannot print greeting: %s%n", err.getMessage());
                    root.cancel();
                }
            });
            wg.go(() -> {
                try {
                    out.printf("%s world!%n", locale(ctx).equals("EN/US") ? "goodbye" : "?");
                } catch (ContextException err) {
                    out.printf("cannot print farewell: %s%n", err.getMessage());
                }
            });
            wg.await();
        }
    }

    private String genGreeting(Context parent) throws InterruptedException, ContextException {
        try (Cancelable c = Contexts.withTimeout(parent, Duration.ofSeconds(1))) {
            return locale(c.context()).equals("EN/US") ? "hello" : "?";
        }
    }

    private String locale(Context ctx) throws InterruptedException, ContextException {
        if (failFast) {
            Optional<Instant> deadline = ctx.deadline();
            if (deadline.isPresent() && !deadline.get().isAfter(Time.now().plus(Duration.ofMinutes(1)))) {
                throw ContextException.DEADLINE_EXCEEDED;
            }
        }
        return Select.select(
                Select.recv(ctx.done(), x -> { throw ctx.err(); }),      // case <-ctx.Done(): return "", ctx.Err()
                Select.recv(Time.after(Duration.ofMinutes(1)), t -> "EN/US"));
    }
}
