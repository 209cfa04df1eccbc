package dev.go4j.runtime;

import java.util.List;

/** What the profile tests look up: the totals of the stacks that pass through one method of a test class. */
final class ProfileTesting {
    private ProfileTesting() {}

    /** The summed count and nanoseconds of {@code p}'s stacks having a frame {@code cls.method}. */
    static Profile.Entry through(Profile p, Class<?> cls, String method) {
        long count = 0;
        long nanos = 0;
        for (Profile.Entry e : p.entries()) {
            if (passesThrough(e.stack(), cls, method)) {
                count += e.count();
                nanos += e.nanos();
            }
        }
        return new Profile.Entry(List.of(), count, nanos);
    }

    static boolean passesThrough(List<StackTraceElement> stack, Class<?> cls, String method) {
        return stack.stream().anyMatch(f -> f.getClassName().equals(cls.getName()) && f.getMethodName().equals(method));
    }

    /** Switches both profiles off and forgets what they recorded: profiles are global state. */
    static void off() {
        Profile.setBlockProfileRate(0);
        Profile.setMutexProfileFraction(0);
        Profile.block().reset();
        Profile.mutex().reset();
    }
}
