package dev.go4j.internal;

/** The holder of {@link TimeSource#current()}: an interface cannot own a private field. */
final class CurrentTimeSource {
    static final InheritableThreadLocal<TimeSource> HOLDER = new InheritableThreadLocal<>();

    private CurrentTimeSource() {}
}
