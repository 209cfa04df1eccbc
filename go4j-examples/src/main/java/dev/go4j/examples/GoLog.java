package dev.go4j.examples;

import dev.go4j.time.Clock;
import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Go's {@code log} package as the book's examples set it up ({@code log.SetOutput(os.Stdout)},
 * {@code log.SetFlags(log.Ltime|log.LUTC)}): each line starts with the UTC time of
 * {@link Clock#current()}, so in a bubble the timestamps are exact.
 */
public final class GoLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private GoLog() {}

    /** A duration as Go's {@code %v} prints it when it is at least a second: {@code 5.00422s}. */
    public static String duration(java.time.Duration d) {
        return java.math.BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
    }

    /** {@code log.Printf}: {@code hh:mm:ss message}, one line. */
    public static void printf(PrintStream out, String format, Object... args) {
        out.println(TIME.format(Clock.current().now()) + " " + String.format(format, args));
    }
}
