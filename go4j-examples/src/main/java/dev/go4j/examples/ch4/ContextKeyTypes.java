package dev.go4j.examples.ch4;

import dev.go4j.examples.Example;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * C4-31, The context package: keys of distinct types with equal underlying values do not collide
 * ({@code type foo int; type bar int}); here two records, as Java's map equality includes the type.
 */
public final class ContextKeyTypes implements Example {
    record Foo(int v) {
        @Override
        public String toString() {
            return Integer.toString(v);
        }
    }

    record Bar(int v) {
        @Override
        public String toString() {
            return Integer.toString(v);
        }
    }

    @Override
    public void run(PrintStream out) {
        Map<Object, Integer> m = new HashMap<>();
        m.put(new Foo(1), 1);
        m.put(new Bar(1), 2);
        StringBuilder sb = new StringBuilder("map[");
        m.forEach((k, v) -> sb.append(sb.length() > 4 ? " " : "").append(k).append(':').append(v));
        out.println(sb.append(']'));
    }
}
