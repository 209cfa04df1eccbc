package dev.go4j.examples.ch4;

import dev.go4j.Chan;
import dev.go4j.Go;
import dev.go4j.SendChan;
import dev.go4j.examples.Example;
import java.io.PrintStream;

/** C4-01, Confinement: ad-hoc confinement; by convention only {@code loopData} touches {@code data}. */
public final class Confinement implements Example {
    @Override
    public void run(PrintStream out) throws InterruptedException {
        int[] data = new int[4];
        Chan<Integer> handleData = Chan.make();
        Go.go(() -> loopData(data, handleData));
        for (int num : handleData) {
            out.println(num);
        }
    }

    private static void loopData(int[] data, SendChan<Integer> handleData) throws InterruptedException {
        try {
            for (int v : data) {
                handleData.send(v);
            }
        } finally {
            handleData.close();
        }
    }
}
