package dev.go4j.runtime;

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
        String a = LockCycle.lockName(first);
        String b = LockCycle.lockName(second);
        StringBuilder sb = new StringBuilder(2048).append("go4j: potential deadlock: inconsistent lock order: ")
                .append(a).append(" then ").append(b).append(", and ").append(b).append(" then ").append(a)
                .append('\n');
        section(sb, "\n" + a + " locked at:\n", firstLockedAt);
        section(sb, "then " + b + " locked, holding " + a + ", at:\n", firstThenSecond);
        section(sb, "\n" + b + " locked at:\n", secondLockedAt);
        section(sb, "then " + a + " locked, holding " + b + ", at:\n", secondThenFirst);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<StackTraceElement> stack) {
        sb.append(title);
        for (StackTraceElement f : stack) {
            sb.append("\tat ").append(f).append('\n');
        }
    }
}
