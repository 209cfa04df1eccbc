package dev.go4j.race.rt;

import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Tasks handed to an executor or a future, wrapped so that the hand-off orders them: what the submitter
 * did before the call happens before the task runs, and what the task did happens before anything that
 * acquires its call's clock (the returned future's {@code get}/{@code join}) or the object it was handed
 * to (an executor's {@code awaitTermination}/{@code close}). A future's callback also starts after what
 * was released on the future (its completion); an executor's task does not acquire the executor, so
 * that tasks of one executor stay unordered, as goroutines are.
 */
final class Tasks {
    private Tasks() {}

    /** The hand-off: a snapshot of the submitter's clock, and where the task's own clock goes when it ends. */
    abstract static class Base {
        private final VC submitted;
        private final SyncVar done;
        private final Object on;
        private final boolean acquireOn;

        Base(SyncVar done, Object on, boolean acquireOn) {
            ThreadState t = ThreadState.current();
            this.submitted = t.vc.copy();
            t.tick();
            this.done = done;
            this.on = on;
            this.acquireOn = acquireOn;
        }

        final void begin() {
            ThreadState.current().join(submitted);
            if (acquireOn) {
                Rt.acquire(on);
            }
        }

        final void end() {
            ThreadState t = ThreadState.current();
            done.releaseFrom(t);
            if (on != null) {
                Rt.syncOf(on).releaseFrom(t);
            }
            t.tick();
        }
    }

    static final class OfRunnable extends Base implements Runnable {
        private final Runnable task;

        OfRunnable(Runnable task, SyncVar done, Object on, boolean acquireOn) {
            super(done, on, acquireOn);
            this.task = task;
        }

        @Override
        public void run() {
            begin();
            try {
                task.run();
            } finally {
                end();
            }
        }
    }

    static final class OfCallable<V> extends Base implements Callable<V> {
        private final Callable<V> task;

        OfCallable(Callable<V> task, SyncVar done, Object on, boolean acquireOn) {
            super(done, on, acquireOn);
            this.task = task;
        }

        @Override
        public V call() throws Exception {
            begin();
            try {
                return task.call();
            } finally {
                end();
            }
        }
    }

    static final class OfSupplier<V> extends Base implements Supplier<V> {
        private final Supplier<V> task;

        OfSupplier(Supplier<V> task, SyncVar done, Object on, boolean acquireOn) {
            super(done, on, acquireOn);
            this.task = task;
        }

        @Override
        public V get() {
            begin();
            try {
                return task.get();
            } finally {
                end();
            }
        }
    }

    static final class OfFunction<A, V> extends Base implements Function<A, V> {
        private final Function<A, V> task;

        OfFunction(Function<A, V> task, SyncVar done, Object on, boolean acquireOn) {
            super(done, on, acquireOn);
            this.task = task;
        }

        @Override
        public V apply(A a) {
            begin();
            try {
                return task.apply(a);
            } finally {
                end();
            }
        }
    }

    static final class OfConsumer<A> extends Base implements Consumer<A> {
        private final Consumer<A> task;

        OfConsumer(Consumer<A> task, SyncVar done, Object on, boolean acquireOn) {
            super(done, on, acquireOn);
            this.task = task;
        }

        @Override
        public void accept(A a) {
            begin();
            try {
                task.accept(a);
            } finally {
                end();
            }
        }
    }

    static final class OfBiFunction<A, B, V> extends Base implements BiFunction<A, B, V> {
        private final BiFunction<A, B, V> task;

        OfBiFunction(BiFunction<A, B, V> task, SyncVar done, Object on, boolean acquireOn) {
            super(done, on, acquireOn);
            this.task = task;
        }

        @Override
        public V apply(A a, B b) {
            begin();
            try {
                return task.apply(a, b);
            } finally {
                end();
            }
        }
    }

    static final class OfBiConsumer<A, B> extends Base implements BiConsumer<A, B> {
        private final BiConsumer<A, B> task;

        OfBiConsumer(BiConsumer<A, B> task, SyncVar done, Object on, boolean acquireOn) {
            super(done, on, acquireOn);
            this.task = task;
        }

        @Override
        public void accept(A a, B b) {
            begin();
            try {
                task.accept(a, b);
            } finally {
                end();
            }
        }
    }
}
