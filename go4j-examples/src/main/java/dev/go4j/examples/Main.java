package dev.go4j.examples;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of the examples: {@code list}, {@code run ID-or-NAME}, {@code tour} (the default).
 * The arguments may also come as one string ({@code -Dexample="run C4-23"} in Maven), split on blanks.
 */
public final class Main {
    private Main() {}

    /**
     * Runs the command in {@code args}.
     *
     * @param args {@code list}, {@code run ID-or-NAME} or {@code tour}; nothing means {@code tour}
     * @throws Exception what the example run threw
     */
    public static void main(String[] args) throws Exception {
        List<String> words = Arrays.stream(String.join(" ", args).trim().split("\\s+"))
                .filter(w -> !w.isEmpty()).toList();
        PrintStream out = System.out;
        String command = words.isEmpty() ? "tour" : words.get(0);
        switch (command) {
            case "list" -> Catalog.list(out);
            case "tour" -> Catalog.tour(out);
            case "run" -> {
                if (words.size() < 2) {
                    usage();
                    return;
                }
                for (String name : words.subList(1, words.size())) {
                    Catalog.run(name, out);
                }
            }
            default -> usage();
        }
        out.flush();
        // Some book examples leak goroutines on purpose (chapter 4's leaks): do not wait for them.
        System.exit(0);
    }

    private static void usage() {
        System.err.println("usage: list | run ID-or-NAME... | tour");
        System.exit(2);
    }
}
