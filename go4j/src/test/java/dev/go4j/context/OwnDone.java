package dev.go4j.context;

import dev.go4j.Chan;
import dev.go4j.RecvChan;
import java.time.Instant;
import java.util.Optional;

/**
 * A user-written context with its own done channel (not one of ours): Go watches such a parent with a
 * goroutine, unless it offers its own AfterFunc hook. Its value for the key {@code "foreign"} is
 * {@code "yes"}.
 */
class OwnDone implements Context {
    final Chan<Void> done = Chan.make();
    volatile ContextException err;

    void cancel() {
        err = ContextException.CANCELED;
        done.close();
    }

    @Override
    public Optional<Instant> deadline() {
        return Optional.empty();
    }

    @Override
    public RecvChan<Void> done() {
        return done;
    }

    @Override
    public ContextException err() {
        return err;
    }

    @Override
    public Object value(Object key) {
        return "foreign".equals(key) ? "yes" : null;
    }
}
