package dev.go4j.examples.ch5;

import dev.go4j.Select;
import dev.go4j.SendChan;

/**
 * What the heartbeat examples share: the non-blocking pulse, the book's {@code sendPulse}
 * ({@code select { case heartbeat <- struct{}{}: default: }}). The heartbeat and steward of
 * {@code dev.go4j.pattern} are not used: the point of these examples is the inline code.
 */
final class Heartbeats {
    private Heartbeats() {}

    /** The value a heartbeat carries: Go's {@code struct{}{}}. */
    static final Object PULSE = new Object();

    /** Sends a pulse if someone is listening (or the buffer has room); never blocks. */
    static void sendPulse(SendChan<Object> heartbeat) throws InterruptedException {
        Select.select(Select.send(heartbeat, PULSE, () -> null), Select.defaultCase(() -> null));
    }
}
