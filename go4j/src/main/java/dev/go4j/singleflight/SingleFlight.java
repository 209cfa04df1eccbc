package dev.go4j.singleflight;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.RecvChan;
import dev.go4j.internal.ShortLock;
import dev.go4j.sync.WaitGroup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Go's {@code golang.org/x/sync/singleflight.Group} (named for its package, so that it does not clash
 * with {@link dev.go4j.errgroup.ErrGroup}): duplicate suppression. Concurrent callers asking
 * for the same key share one execution of the function and all receive its outcome.
 *
 * <pre>{@code
 * // given: String id; record User(String name); interface Db { User load(String id) throws IOException; }; Db db
 * SingleFlight<String, User> users = new SingleFlight<>();   // var users singleflight.Group
 * SingleFlight.Result<User> r = users.doCall(id, () -> db.load(id));   // v, err, shared := users.Do(id, fn)
 * if (r.error() != null) { System.err.println("cannot load " + id + ": " + r.error()); }
 * }</pre>
 *
 * <p>A key is "in flight" from the moment a caller starts its function until the function returns;
 * callers arriving meanwhile wait for it and get the same {@link Result} with {@code shared() == true}
 * (as does the caller that ran it, when there were any). A function that throws an exception delivers
 * it as {@link Result#error()} to every caller; one that throws an {@link Error} (Go's panic) makes
 * every {@link #doCall} caller throw that error. {@link #forget} makes the next call for a key run the
 * function again even if one is in flight.
 *
 * <p>Safe for concurrent use. <b>Memory consistency:</b> the actions of the function happen-before every
 * caller receives its result.
 *
 * @param <K> the key type (compared with {@code equals})
 * @param <V> the value type
 */
public final class SingleFlight<K, V> {
    /**
     * What a call produced: Go's {@code Result} and the three results of {@code Do}.
     *
     * @param value the function's result (null if it failed)
     * @param error what the function threw, or null
     * @param shared whether the result was given to more than one caller
     */
    public record Result<V>(V value, Throwable error, boolean shared) {}

    /**
     * One execution in flight: Go's {@code call}. {@code wg} counts 1 until the function returned (a
     * WaitGroup, as Go's, so that a stuck wait is go4j parking, seen by {@code Go.main}); fields other
     * than {@code dups} and {@code chans} are written before {@code wg.done()}.
     */
    private static final class Call<V> {
        final WaitGroup wg = new WaitGroup();
        V value;
        Throwable error;
        int dups; // guarded by the group's lock
        final List<Chan<Result<V>>> chans = new ArrayList<>(1); // guarded by the group's lock
    }

    private final ShortLock lock = new ShortLock();
    private final Map<K, Call<V>> calls = new HashMap<>(); // guarded by lock

    /** An empty group. */
    public SingleFlight() {}

    /**
     * Runs {@code fn} for {@code key} unless a call for that key is in flight, in which case waits for it
     * and returns its result: Go's {@code Do}.
     *
     * @throws Error the {@link Error} thrown by the function (Go's re-panic), to every caller
     * @throws InterruptedException if interrupted while waiting for another caller's function (a caller
     *     that runs the function itself is not interrupted by this method)
     */
    public Result<V> doCall(K key, Callable<? extends V> fn) throws InterruptedException {
        Objects.requireNonNull(fn, "fn");
        lock.lock();
        Call<V> c = calls.get(key);
        if (c != null) {
            c.dups++;
            lock.unlock();
            c.wg.await();
            return resultOf(c, true);
        }
        c = new Call<>();
        c.wg.add(1);
        calls.put(key, c);
        lock.unlock();
        boolean shared = execute(c, key, fn);
        return resultOf(c, shared);
    }

    private static <V> Result<V> resultOf(Call<V> c, boolean shared) {
        if (c.error instanceof Error e) {
            throw e;
        }
        return new Result<>(c.value, c.error, shared);
    }

    /**
     * Like {@link #doCall} but returns at once: the result arrives on the returned channel (buffered,
     * one value) when ready. Go's {@code DoChan}. If this caller starts the call, the function runs in a
     * new goroutine; an {@link Error} it throws is delivered as {@link Result#error()} (Go would crash).
     */
    public RecvChan<Result<V>> doChan(K key, Callable<? extends V> fn) {
        Objects.requireNonNull(fn, "fn");
        Chan<Result<V>> ch = Chan.make(1);
        lock.lock();
        Call<V> c = calls.get(key);
        if (c != null) {
            c.dups++;
            c.chans.add(ch);
            lock.unlock();
            return ch;
        }
        Call<V> call = new Call<>();
        call.wg.add(1);
        call.chans.add(ch);
        calls.put(key, call);
        lock.unlock();
        Go.go(() -> execute(call, key, fn));
        return ch;
    }

    /**
     * Runs the function, publishes the outcome and sends it to the channel waiters: Go's {@code doCall}.
     *
     * @return whether the result was shared
     */
    private boolean execute(Call<V> c, K key, Callable<? extends V> fn) {
        try {
            c.value = fn.call();
        } catch (Throwable t) {
            c.error = t;
        }
        List<Chan<Result<V>>> chans;
        boolean shared;
        lock.lock();
        try {
            c.wg.done();
            if (calls.get(key) == c) {
                calls.remove(key);
            }
            shared = c.dups > 0;
            chans = List.copyOf(c.chans);
        } finally {
            lock.unlock();
        }
        Result<V> r = new Result<>(c.value, c.error, shared);
        for (Chan<Result<V>> ch : chans) {
            ch.trySend(r); // buffered for exactly this one value
        }
        return shared;
    }

    /**
     * Forgets {@code key}: a later call for it runs the function again instead of waiting for the call
     * in flight, which still completes for its own waiters. Go's {@code Forget}.
     */
    public void forget(K key) {
        lock.lock();
        calls.remove(key);
        lock.unlock();
    }
}
