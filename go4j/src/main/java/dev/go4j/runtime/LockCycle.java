package dev.go4j.runtime;

import dev.go4j.internal.diag.LockCycles;
import java.util.List;

/**
 * A cycle of goroutines waiting for each other's go4j locks ({@code dev.go4j.sync.Mutex},
 * {@code RWMutex}): a deadlock, found the moment its last member was about to park. Handed to the
 * handler set with {@link Goroutines#setLockCycleHandler}; by default printed to {@code System.err} as
 * {@link #toString()}.
 *
 * <pre>{@code
 * // given: java.util.logging.Logger log
 * Goroutines.setLockCycleHandler(cycle -> log.severe(cycle.toString()));
 * }</pre>
 *
 * <p>Member {@code i} holds {@link Member#holds()} and waits for {@link Member#waitsFor()}, which member
 * {@code i + 1} (the first, for the last member) holds: {@code members.get(i).waitsFor() ==
 * members.get((i + 1) % n).holds()}. For an {@code RWMutex} "holds" may be a read lock and "waits for"
 * may be the wait of a writer for the readers already in.
 *
 * @param members the goroutines of the cycle, in wait-for order, the one that closed it first
 */
public record LockCycle(List<Member> members) {

    /** A copy of {@code members}. */
    public LockCycle {
        members = List.copyOf(members);
    }

    /**
     * One goroutine of a lock cycle.
     *
     * @param goroutine Go's goroutine id, or 0 for a thread that was not started by {@code Go.go}
     * @param thread    the waiting thread
     * @param holds     the lock it holds that the previous member waits for
     * @param lockedAt  where it locked {@code holds} (the first frame outside go4j), or null when not
     *                  known: recorded only while lock-order checking is on
     *                  ({@link Goroutines#checkLockOrder(boolean)})
     * @param waitsFor  the lock it waits for, held by the next member
     * @param stack     its stack when the cycle was found, from the go4j lock call it waits in down
     */
    public record Member(long goroutine, Thread thread, Object holds, StackTraceElement lockedAt, Object waitsFor,
            List<StackTraceElement> stack) {

        /** A copy of {@code stack}. */
        public Member {
            stack = List.copyOf(stack);
        }
    }

    /**
     * The report, in the style of Go's crash output: {@code go4j: lock cycle (deadlock) detected:}, one
     * line per member ({@code goroutine 7 holds sync.Mutex "accounts" (locked at ...) and waits for
     * sync.Mutex@4e5f60 held by goroutine 8}), then each member's stack as in a goroutine dump, under
     * {@code goroutine 7 [waiting for sync.Mutex@4e5f60]:}. A lock made with a name
     * ({@code new Mutex("accounts")}) shows it; others show their identity hash.
     */
    @Override
    public String toString() {
        return new LockCycles.Cycle(members.stream().map(m -> new LockCycles.Member(m.goroutine(), m.thread(),
                m.holds(), m.lockedAt(), m.waitsFor(), m.stack())).toList()).toString();
    }

    /** The public record of a cycle the detector found. */
    static LockCycle of(LockCycles.Cycle c) {
        return new LockCycle(c.members().stream().map(m -> new Member(m.goroutine(), m.thread(), m.holds(),
                m.lockedAt(), m.waitsFor(), m.stack())).toList());
    }
}
