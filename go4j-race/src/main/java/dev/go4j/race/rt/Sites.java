package dev.go4j.race.rt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The code locations and fields the instrumenter numbered: a site is one field or array access
 * instruction, identified in the instrumented code by an int so that an access passes no object to
 * name where it happened. Registered while classes load, read when a race is reported.
 */
public final class Sites {
    private static final List<StackTraceElement> SITES = new ArrayList<>();
    private static final List<String> FIELDS = new ArrayList<>();
    private static final Map<String, Integer> FIELD_IDS = new HashMap<>();

    private Sites() {}

    /**
     * Numbers an access at {@code file:line} in {@code method} of {@code className} (a binary name).
     *
     * @return the site id to pass to {@link Rt}
     */
    public static synchronized int site(String className, String method, String file, int line) {
        SITES.add(new StackTraceElement(className, method, file, line));
        return SITES.size() - 1;
    }

    /**
     * Numbers a field, by its declaring class's binary name and its name.
     *
     * @return the field id to pass to {@link Rt}, the same for every access to that field
     */
    public static synchronized int field(String className, String name) {
        String key = className + "." + name;
        Integer id = FIELD_IDS.get(key);
        if (id == null) {
            id = FIELDS.size();
            FIELDS.add(key);
            FIELD_IDS.put(key, id);
        }
        return id;
    }

    static synchronized StackTraceElement site(int id) {
        return SITES.get(id);
    }

    static synchronized String field(int id) {
        return FIELDS.get(id);
    }
}
