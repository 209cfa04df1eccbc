package dev.go4j.context;

import dev.go4j.Go;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Go's {@code afterFuncCtx}: a child that, when cancelled by its parent, starts {@code f} in a new
 * goroutine, unless {@link #stop()} claimed it first. The claim is one compare-and-set, so exactly one
 * of "f runs" and "stop returns true" happens.
 */
final class AfterFuncCtx extends CancelCtx {
    private final Runnable f;
    private final AtomicBoolean claimed = new AtomicBoolean();

    AfterFuncCtx(Runnable f) {
        this.f = f;
    }

    @Override
    void cancel(boolean removeFromParent, ContextException err, Throwable cause) {
        super.cancel(false, err, cause);
        if (removeFromParent) {
            removeChild(parent(), this);
        }
        if (claimed.compareAndSet(false, true)) {
            Go.go(f::run);
        }
    }

    /** Its cancellation starts {@code f}, which may do anything. */
    @Override
    boolean cancelWakes(Collection<CancelCtx> descendants) {
        return true;
    }

    /** Go's stop function: true if it prevented {@code f} from being started. */
    boolean stop() {
        boolean stopped = claimed.compareAndSet(false, true);
        if (stopped) {
            cancel(true, ContextException.CANCELED, null);
        }
        return stopped;
    }
}
