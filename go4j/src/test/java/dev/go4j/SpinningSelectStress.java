package dev.go4j;

/**
 * A JVM of its own for {@link SpinLivelockTest}: Go's {@code TestSelectStress}
 * ({@link SelectStressTest#selectStress()}) under the spin switches and the carrier count the parent
 * chose (both are read at startup). Prints {@code ok} and exits 0, or ends with an exception.
 */
public final class SpinningSelectStress {
    private SpinningSelectStress() {}

    public static void main(String[] args) throws Throwable {
        new SelectStressTest().selectStress();
        System.out.println("ok");
    }
}
