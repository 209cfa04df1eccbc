package dev.go4j.race.rt;

/**
 * A thread's shadow call stack (ThreadSanitizer's): the calls made by instrumented code that the thread
 * is in, so that a report can print the whole stack of an access made earlier by another thread, whose
 * real stack has moved on. An access records {@link #at} its site, one reference to an interned
 * {@link Frame}. Public because instrumented code calls it; not an API. Only its thread uses it.
 *
 * <p>What an instrumented method does: at entry it keeps {@link #current()} and its {@link #top()} (the
 * frames of its callers) in two locals; before each call it pushes the call's site on that snapshot
 * ({@link #call}); after the call returns, at each of its exception handlers and when an exception leaves
 * it, it sets the top back to its entry snapshot ({@link #back}), so the stack stays balanced whatever
 * is thrown. Code the agent does not instrument pushes nothing: an instrumented method it calls sees the
 * last call site of the instrumented code below, and the frames between are missing.
 */
public final class ShadowStack {
    private Frame top = Frame.root();

    ShadowStack() {}

    /** The calling thread's shadow stack. */
    public static ShadowStack current() {
        return ThreadState.current().stack;
    }

    /** The snapshot now: at a method's entry, its callers' frames. */
    public Frame top() {
        return top;
    }

    /** Before a call at {@code site} made by the method whose entry snapshot is {@code caller}. */
    public void call(Frame caller, int site) {
        top = caller.child(site);
    }

    /** After a call returned or threw, and when an exception leaves the method whose entry snapshot is {@code caller}. */
    public void back(Frame caller) {
        top = caller;
    }

    /** The stack of an access at {@code site} now, for the variable's shadow state. */
    Frame at(int site) {
        return top.child(site);
    }
}
