package dev.go4j;

import dev.go4j.Select.DefaultOp;
import dev.go4j.Select.Fired;
import dev.go4j.Select.Op;
import dev.go4j.Select.RecvOp;
import dev.go4j.Select.TimeoutOp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@code select} statement made once and run in a loop: its cases are created once, switched on and
 * off between runs, and {@link #select()} returns the case that fired, for the caller to handle with
 * plain Java ({@code if}, {@code break}, {@code continue}, {@code return}, checked exceptions).
 *
 * <pre>{@code
 * // given: RecvChan<String> inCh; SendChan<String> outCh; Context ctx; Deque<String> queue
 * // var out chan T                      // nil while there is nothing to send
 * // for {
 * //     if len(queue) > 0 { out = outCh } else { out = nil }
 * //     select {
 * //     case v, ok := <-in:
 * //         if !ok { return }
 * //         queue = append(queue, v)
 * //     case out <- queue[0]:
 * //         queue = queue[1:]
 * //     case <-ctx.Done():
 * //         return ctx.Err()
 * //     }
 * // }
 * Selector s = new Selector();
 * var in = s.recv(inCh);
 * var out = s.send(outCh);
 * var done = s.recv(ctx.done());
 * for (;;) {
 *     out.enabled(!queue.isEmpty()).value(queue.peek());
 *     var fired = s.select();
 *     if (fired == in) {
 *         if (in.value() == null) return;
 *         queue.add(in.value());
 *     } else if (fired == out) {
 *         queue.remove();
 *     } else if (fired == done) {
 *         throw ctx.err();
 *     }
 * }
 * }</pre>
 *
 * <p>All of {@link Select}'s rules hold, on the same engine: a uniformly random choice among the ready
 * enabled cases ({@link #selectBiased()}: the first in the order the cases were added), a
 * {@linkplain #defaultCase() default} that runs only when no case was ready at one instant, a
 * {@linkplain #timeout timeout} measured from the start of each run, a receive case on a closed channel
 * ready with {@code null}, "send on closed channel" when a send case on a closed channel fires. A
 * disabled case, like a case on the {@linkplain Chan#nil() nil channel}, is never chosen; with no case
 * that can fire and no default or timeout, {@code select} blocks until interrupted.
 *
 * <p>A selector belongs to one goroutine at a time, like the statement it stands for; it is not
 * thread-safe.
 */
public final class Selector {
    private final List<Case> cases = new ArrayList<>();

    /** An empty selector; add its cases with {@link #recv}, {@link #send}, {@link #defaultCase}, {@link #timeout}. */
    public Selector() {}

    /** Adds a receive case, enabled: {@code case v, ok := <-ch:}. */
    public <T> RecvCase<T> recv(RecvChan<? extends T> ch) {
        return add(new RecvCase<>(ch));
    }

    /**
     * Adds a send case on {@code ch}, enabled, with no value yet: {@code case ch <- v:}. Give it its value
     * with {@link SendCase#value} before each run (a run with an enabled send case on a channel other than
     * nil and no value throws {@link NullPointerException}).
     */
    public <T> SendCase<T> send(SendChan<? super T> ch) {
        return add(new SendCase<>(ch));
    }

    /** Adds the default case, enabled: {@code default:}. */
    public DefaultCase defaultCase() {
        return add(new DefaultCase());
    }

    /** Adds a timeout case, enabled: {@code case <-time.After(d):}, measured from the start of each run. */
    public TimeoutCase timeout(Duration d) {
        return add(new TimeoutCase(d));
    }

    private <C extends Case> C add(C c) {
        cases.add(c);
        return c;
    }

    /**
     * Runs the select over the enabled cases, choosing uniformly at random among the ready ones.
     *
     * @return the case that fired; for a receive case, {@link RecvCase#value()} then holds what it received
     * @throws IllegalArgumentException if more than one default or timeout case is enabled
     * @throws ChannelException if a send case on a closed channel fired
     * @throws NullPointerException if an enabled send case on a channel other than nil has no value
     * @throws InterruptedException if interrupted while waiting; no case fired
     */
    public Case select() throws InterruptedException {
        return run(false);
    }

    /** Runs the select preferring the earlier cases (in the order they were added); otherwise as {@link #select()}. */
    public Case selectBiased() throws InterruptedException {
        return run(true);
    }

    private Case run(boolean biased) throws InterruptedException {
        int n = 0;
        for (Case c : cases) {
            n += c.enabled ? 1 : 0;
        }
        Op[] ops = new Op[n];
        Case[] on = new Case[n];
        int k = 0;
        for (Case c : cases) {
            if (c.enabled) {
                ops[k] = c.op();
                on[k++] = c;
            }
        }
        Fired f = Select.selectgo(ops, biased);
        Case c = on[f.index()];
        if (c instanceof RecvCase<?> r) {
            r.value = f.value();
        }
        return c;
    }

    /** A case of a selector: on (the default) or off. */
    public abstract static sealed class Case permits RecvCase, SendCase, DefaultCase, TimeoutCase {
        private boolean enabled = true;

        private Case() {}

        /** True while the case takes part in the runs of its selector. */
        public final boolean isEnabled() {
            return enabled;
        }

        /** What the engine runs for this case. */
        abstract Op op();

        final void enable(boolean on) {
            enabled = on;
        }
    }

    /**
     * A receive case: {@code case v, ok := <-ch:}.
     *
     * @param <T> the element type
     */
    public static final class RecvCase<T> extends Case {
        private RecvOp op;
        private Object value;

        private RecvCase(RecvChan<? extends T> ch) {
            chan(ch);
        }

        /** Switches the case on or off (as setting its channel to nil does in Go); returns this case. */
        public RecvCase<T> enabled(boolean on) {
            enable(on);
            return this;
        }

        /** Receives from {@code ch} from the next run on; the nil channel disables the case as in Go. */
        public RecvCase<T> chan(RecvChan<? extends T> ch) {
            op = new RecvOp(Select.channel(ch));
            return this;
        }

        /**
         * The value received the last time this case fired: Go's {@code v} in {@code case v, ok := <-ch};
         * {@code null} means closed and drained ({@code ok == false}).
         */
        @SuppressWarnings("unchecked")
        public T value() {
            return (T) value;
        }

        @Override
        Op op() {
            return op;
        }
    }

    /**
     * A send case: {@code case ch <- v:}, with the value set before each run.
     *
     * @param <T> the element type
     */
    public static final class SendCase<T> extends Case {
        private SendChan<? super T> chan;
        private T value;

        private SendCase(SendChan<? super T> ch) {
            this.chan = Objects.requireNonNull(ch, "channel");
        }

        /** Switches the case on or off (as setting its channel to nil does in Go); returns this case. */
        public SendCase<T> enabled(boolean on) {
            enable(on);
            return this;
        }

        /** Sends on {@code ch} from the next run on; the nil channel disables the case as in Go. */
        public SendCase<T> chan(SendChan<? super T> ch) {
            this.chan = Objects.requireNonNull(ch, "channel");
            return this;
        }

        /**
         * The value the next runs send; {@code null} (no value) is allowed only while the case is disabled
         * or its channel is nil. Returns this case.
         */
        public SendCase<T> value(T v) {
            this.value = v;
            return this;
        }

        @Override
        Op op() {
            return Select.sendOp(chan, value);
        }
    }

    /** The default case: {@code default:}. */
    public static final class DefaultCase extends Case {
        private DefaultCase() {}

        /** Switches the case on or off; returns this case. */
        public DefaultCase enabled(boolean on) {
            enable(on);
            return this;
        }

        @Override
        Op op() {
            return DefaultOp.INSTANCE;
        }
    }

    /** A timeout case: {@code case <-time.After(d):}, measured from the start of each run. */
    public static final class TimeoutCase extends Case {
        private TimeoutOp op;

        private TimeoutCase(Duration d) {
            duration(d);
        }

        /** Switches the case on or off; returns this case. */
        public TimeoutCase enabled(boolean on) {
            enable(on);
            return this;
        }

        /** Waits {@code d} from the start of the next runs on; returns this case. */
        public TimeoutCase duration(Duration d) {
            op = TimeoutOp.of(Objects.requireNonNull(d, "duration"));
            return this;
        }

        @Override
        Op op() {
            return op;
        }
    }
}
