package dev.go4j.context;

import dev.go4j.RecvChan;

/** A context that can be cancelled directly: Go's {@code canceler}, what a parent keeps of its children. */
interface Canceler {
    /**
     * Cancels, closing the done channel and cancelling the children with the same error and cause;
     * with {@code removeFromParent}, also unlinks this context from its parent.
     */
    void cancel(boolean removeFromParent, ContextException err, Throwable cause);

    RecvChan<Void> done();
}
