package dev.go4j.test;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The extension behind {@link VerifyNoDataRaces}: takes the race detector's report count before each
 * test and fails the test if reports were added by its end.
 *
 * <p>It reaches the detector through {@code dev.go4j.race.Race}, which the agent jar puts on the system
 * class path, by reflection with JDK types only: go4j-test does not depend on the agent, and the agent
 * stays free of go4j and JUnit. Without the agent the class is absent and nothing is checked.
 */
public final class DataRaceExtension implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DataRaceExtension.class);
    private static final String MARK = "racesBefore";
    private static final String API = "dev.go4j.race.Race";
    /** {@code Race.count()}, or null without the agent. */
    private static final MethodHandle COUNT;
    /** {@code Race.reportsSince(int)}, or null without the agent. */
    private static final MethodHandle SINCE;

    static {
        Class<?> race = attachedApi();
        COUNT = race == null ? null : handle(race, "count", MethodType.methodType(int.class));
        SINCE = race == null ? null : handle(race, "reportsSince", MethodType.methodType(List.class, int.class));
    }

    /** The agent's API class if the agent is attached (the class alone may be on a class path without it), else null. */
    private static Class<?> attachedApi() {
        Class<?> race;
        try {
            race = Class.forName(API, true, ClassLoader.getSystemClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
        try {
            return (boolean) handle(race, "attached", MethodType.methodType(boolean.class)).invokeExact() ? race : null;
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static MethodHandle handle(Class<?> race, String name, MethodType type) {
        try {
            return MethodHandles.publicLookup().findStatic(race, name, type);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError("go4j-race's " + API + " does not match go4j-test: " + e);
        }
    }

    /**
     * True if the race detector is attached to this JVM.
     *
     * @return whether {@link VerifyNoDataRaces} checks anything
     */
    public static boolean detectorAttached() {
        return COUNT != null;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (detectorAttached()) {
            context.getStore(NS).put(MARK, count());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!detectorAttached()) {
            return;
        }
        List<String> reports = reportsSince(context.getStore(NS).get(MARK, Integer.class));
        if (!reports.isEmpty()) {
            throw new AssertionError("race detected during execution of test (" + reports.size() + " data race"
                    + (reports.size() == 1 ? "" : "s") + "):\n" + String.join("", reports));
        }
    }

    private static int count() {
        try {
            return (int) COUNT.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e); // Race.count declares no checked exception
        }
    }

    @SuppressWarnings("unchecked")
    private static List<String> reportsSince(int mark) {
        try {
            return (List<String>) SINCE.invokeExact(mark);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e); // Race.reportsSince declares no checked exception
        }
    }
}
