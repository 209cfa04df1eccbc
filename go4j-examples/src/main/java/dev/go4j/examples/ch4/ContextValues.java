package dev.go4j.examples.ch4;

import dev.go4j.context.Context;
import dev.go4j.context.Contexts;
import dev.go4j.examples.Example;
import java.io.PrintStream;

/**
 * C4-30 and C4-32, The context package: request-scoped data with {@code withValue}/{@code value}; with
 * plain string keys (C4-30, which the book discourages) or with a private key type and accessor
 * functions (C4-32).
 */
public final class ContextValues implements Example {
    private final boolean privateKeys;

    /** C4-30 ({@code false}) or C4-32 ({@code true}). */
    public ContextValues(boolean privateKeys) {
        this.privateKeys = privateKeys;
    }

    /** The book's unexported {@code type ctxKey int}. */
    private enum CtxKey { USER_ID, AUTH_TOKEN }

    @Override
    public void run(PrintStream out) {
        if (privateKeys) {
            Context ctx = Contexts.withValue(Contexts.background(), CtxKey.USER_ID, "jane");
            ctx = Contexts.withValue(ctx, CtxKey.AUTH_TOKEN, "abc123");
            out.printf("handling response for %s (auth: %s)%n", userID(ctx), authToken(ctx));
        } else {
            Context ctx = Contexts.withValue(Contexts.background(), "userID", "jane");
            ctx = Contexts.withValue(ctx, "authToken", "abc123");
            out.printf("handling response for %s (%s)%n", ctx.value("userID"), ctx.value("authToken"));
        }
    }

    private static String userID(Context c) {
        return (String) c.value(CtxKey.USER_ID);
    }

    private static String authToken(Context c) {
        return (String) c.value(CtxKey.AUTH_TOKEN);
    }
}
