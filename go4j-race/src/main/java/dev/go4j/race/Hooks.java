package dev.go4j.race;

import java.util.Map;

/**
 * Happens-before edges of go4j primitives whose implementation is not modelled (see
 * {@link Config#threadsOnly} and {@link Config#synchronising}), inserted at their methods' entry or normal
 * exit (for a channel, at its {@code RaceAnnotations}, which are there for this): Go's memory model for
 * them, as Go's own race annotations state it.
 */
final class Hooks {
    /** Where a hook goes, and the {@code Rt} call it makes with {@code this} (and the first int argument). */
    record Hook(boolean atEntry, String rtMethod, String rtDesc, boolean passesInt) {}

    private static final String ANNOTATIONS = "dev/go4j/internal/RaceAnnotations.";
    private static final Hook RELEASE = new Hook(true, "release", "(Ljava/lang/Object;)V", false);
    private static final Hook ACQUIRE = new Hook(true, "acquire", "(Ljava/lang/Object;)V", false);

    private static final Map<String, Hook> HOOKS = Map.ofEntries(
            // WaitGroup: done (add of a negative delta) releases, await's return acquires.
            Map.entry("dev/go4j/sync/WaitGroup.add(I)V", new Hook(true, "releaseIfNegative", "(Ljava/lang/Object;I)V", true)),
            Map.entry("dev/go4j/sync/WaitGroup.await()V", new Hook(false, "acquire", "(Ljava/lang/Object;)V", false)),
            // synctest: a goroutine's durable block and its end release into its bubble; the end of
            // Synctest.await and of Synctest.test (which closes the bubble) acquire.
            Map.entry("dev/go4j/internal/diag/Bubble.block(Ldev/go4j/internal/Waiter;)V", RELEASE),
            Map.entry("dev/go4j/internal/diag/Bubble.left(Ldev/go4j/internal/diag/Goroutine;)V", RELEASE),
            Map.entry("dev/go4j/internal/diag/Bubble.awaited(Ldev/go4j/internal/Waiter;)V", ACQUIRE),
            Map.entry("dev/go4j/internal/diag/Bubble.close()V", ACQUIRE),
            // Channels (Config's channel engine): Go's racenotify on a buffer slot, a queued waiter's
            // writes for whoever claims it, close before a receive that sees it.
            Map.entry(ANNOTATIONS + "bufferSend(Ljava/lang/Object;I)V",
                    new Hook(true, "bufferSend", "(Ljava/lang/Object;I)V", true)),
            Map.entry(ANNOTATIONS + "bufferRecv(Ljava/lang/Object;I)V",
                    new Hook(true, "bufferRecv", "(Ljava/lang/Object;I)V", true)),
            Map.entry(ANNOTATIONS + "bufferPass(Ljava/lang/Object;I)V",
                    new Hook(true, "bufferPass", "(Ljava/lang/Object;I)V", true)),
            Map.entry(ANNOTATIONS + "bufferPassWithdrawn(Ljava/lang/Object;I)V",
                    new Hook(true, "bufferPassWithdrawn", "(Ljava/lang/Object;I)V", true)),
            Map.entry(ANNOTATIONS + "waits(Ljava/lang/Object;)V", RELEASE),
            Map.entry(ANNOTATIONS + "closed(Ljava/lang/Object;)V", RELEASE),
            Map.entry(ANNOTATIONS + "sawClosed(Ljava/lang/Object;)V", ACQUIRE));

    private Hooks() {}

    static Hook of(String owner, String name, String desc) {
        return HOOKS.get(owner + "." + name + desc);
    }
}
