package dev.go4j.race;

import java.util.Map;

/**
 * Happens-before edges of go4j primitives whose implementation is not modelled (see
 * {@link Config#threadsOnly}), inserted at their methods' entry or normal exit: Go's memory model for
 * them, as Go's own race annotations state it.
 */
final class Hooks {
    /** Where a hook goes, and the {@code Rt} call it makes with {@code this} (and the first int argument). */
    record Hook(boolean atEntry, String rtMethod, String rtDesc, boolean passesInt) {}

    private static final Map<String, Hook> HOOKS = Map.of(
            // WaitGroup: done (add of a negative delta) releases, await's return acquires.
            "dev/go4j/sync/WaitGroup.add(I)V", new Hook(true, "releaseIfNegative", "(Ljava/lang/Object;I)V", true),
            "dev/go4j/sync/WaitGroup.await()V", new Hook(false, "acquire", "(Ljava/lang/Object;)V", false),
            // synctest: a goroutine's durable block and its end release into its bubble; the end of
            // Synctest.await and of Synctest.test (which closes the bubble) acquire.
            "dev/go4j/internal/diag/Bubble.block(Ldev/go4j/internal/Waiter;)V",
            new Hook(true, "release", "(Ljava/lang/Object;)V", false),
            "dev/go4j/internal/diag/Bubble.left(Ldev/go4j/internal/diag/Goroutine;)V",
            new Hook(true, "release", "(Ljava/lang/Object;)V", false),
            "dev/go4j/internal/diag/Bubble.awaited(Ldev/go4j/internal/Waiter;)V",
            new Hook(true, "acquire", "(Ljava/lang/Object;)V", false),
            "dev/go4j/internal/diag/Bubble.close()V", new Hook(true, "acquire", "(Ljava/lang/Object;)V", false));

    private Hooks() {}

    static Hook of(String owner, String name, String desc) {
        return HOOKS.get(owner + "." + name + desc);
    }
}
