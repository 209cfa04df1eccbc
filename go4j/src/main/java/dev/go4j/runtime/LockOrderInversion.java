package dev.go4j.runtime;

import dev.go4j.internal.diag.LockOrder;
import java.util.List;

/**
 * Two go4j locks taken in both orders: a potential deadlock, found by lock-order checking
 * ({@link Goroutines#checkLockOrder(boolean)}, Linux's lockdep, Go's {@code sasha-s/go-deadlock}) even in
 * a run that did not deadlock. Some goroutine locked {@link #first()} and then, still holding it,
 * {@link #second()}; now a goroutine, holding {@code second}, is locking {@code first}. Two goroutines
 * doing that at the same time deadlock. Handed to the handler set with
 * {@link Goroutines#setLockOrderHandler}; by default printed to {@code System.err} as {@link #toString()}.
 *
 * @param first             the lock taken first on the earlier path
 * @param second            the lock taken second on the earlier path, first on the new one
 * @param firstThenSecond   the stack that locked {@code second} while holding {@code first}, when that
 *                          order was first seen
 * @param firstLockedAt     the stack that locked {@code first} on that earlier path
 * @param secondThenFirst   the stack locking {@code first} while holding {@code second} (the new order)
 * @param secondLockedAt    the stack that locked {@code second} on the new path
 */
public record LockOrderInversion(Object first, Object second, List<StackTraceElement> firstThenSecond,
        List<StackTraceElement> firstLockedAt, List<StackTraceElement> secondThenFirst,
        List<StackTraceElement> secondLockedAt) {

    /** Copies of the stacks. */
    public LockOrderInversion {
        firstThenSecond = List.copyOf(firstThenSecond);
        firstLockedAt = List.copyOf(firstLockedAt);
        secondThenFirst = List.copyOf(secondThenFirst);
        secondLockedAt = List.copyOf(secondLockedAt);
    }

    /**
     * The report: {@code go4j: potential deadlock: inconsistent lock order}, then both paths, each with
     * the stack that took its first lock and the stack that took its second while holding the first.
     */
    @Override
    public String toString() {
        return new LockOrder.Inversion(first, second, firstThenSecond, firstLockedAt, secondThenFirst, secondLockedAt)
                .toString();
    }

    /** The public record of an inversion the checker found. */
    static LockOrderInversion of(LockOrder.Inversion i) {
        return new LockOrderInversion(i.first(), i.second(), i.firstThenSecond(), i.firstLockedAt(),
                i.secondThenFirst(), i.secondLockedAt());
    }
}
