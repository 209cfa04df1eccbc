package dev.go4j.context;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import java.time.Instant;
import java.util.Optional;

/** A context that is never cancelled and has no deadline: background, todo, withoutCancel. */
interface NeverCanceledCtx extends Context {
    @Override
    default Optional<Instant> deadline() {
        return Optional.empty();
    }

    @Override
    default RecvChan<Void> done() {
        return Chan.nil();
    }

    @Override
    default ContextException err() {
        return null;
    }
}
