package dev.go4j.internal.diag;

import java.lang.reflect.Modifier;
import java.security.CodeSource;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reading a goroutine's stack as Go does: where the go4j call it is in starts, what Go calls that wait
 * ({@code chan receive}, {@code sync.Mutex.Lock}, ...), and where the goroutine's own frames end. Shared
 * by goroutine dumps, the block and mutex profiles and the JFR events, so that all of them cut a stack
 * and name a wait the same way.
 */
public final class Frames {
    private static final CodeSource LIBRARY = Frames.class.getProtectionDomain().getCodeSource();
    private static final Map<String, Boolean> IS_LIBRARY = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> IS_PUBLIC_API = new ConcurrentHashMap<>();
    private static final String GOROUTINE = Goroutine.class.getName();

    private Frames() {}

    /**
     * The go4j call the stack is in: within the first run of library frames below the JDK's frames, the
     * innermost public method of go4j's public API (so {@code Once.run} waiting in a mutex is
     * {@code Mutex.lock}, and a read lock taken through {@code rLocker()} is {@code RWMutex.rLock}, as Go
     * names them), else the outermost library frame; -1 if the stack is not inside go4j.
     */
    public static int entry(StackTraceElement[] frames) {
        int i = 0;
        while (i < frames.length && isJdk(frames[i])) {
            i++;
        }
        int outermost = -1;
        for (; i < frames.length && isLibrary(frames[i]) && !isGoroutineStart(frames[i]); i++) {
            if (isPublicApi(frames[i])) {
                return i;
            }
            outermost = i;
        }
        return outermost;
    }

    /** Go's wait reason for the go4j call at {@code frames[entry]}. */
    public static String reason(StackTraceElement[] frames, int entry) {
        StackTraceElement e = frames[entry];
        String cls = e.getClassName();
        String m = e.getMethodName();
        boolean nil = Arrays.stream(frames, 0, entry + 1).anyMatch(f -> f.getMethodName().equals("blockForever"));
        if (cls.startsWith("dev.go4j.Chan")) {
            String op = m.equals("send") ? "chan send" : "chan receive";
            return nil ? op + " (nil chan)" : op;
        }
        if (cls.startsWith("dev.go4j.Select")) {
            return nil ? "select (no cases)" : "select";
        }
        if (m.equals("sleep")) {
            return "sleep";
        }
        String simple = cls.substring(cls.lastIndexOf('.') + 1);
        int dollar = simple.indexOf('$');
        if (dollar > 0) {
            simple = simple.substring(0, dollar);
        }
        String pkg = cls.substring(0, cls.lastIndexOf('.'));
        pkg = pkg.substring(pkg.lastIndexOf('.') + 1);
        String goMethod = m.equals("await") ? "Wait" : Character.toUpperCase(m.charAt(0)) + m.substring(1);
        return pkg + "." + simple + "." + goMethod;
    }

    /** The end of the goroutine's own frames: the task runner and the virtual thread's frames are cut off. */
    public static int bottom(StackTraceElement[] frames) {
        for (int i = 0; i < frames.length; i++) {
            if (isGoroutineStart(frames[i])) {
                return i;
            }
        }
        return frames.length;
    }

    /** True for a frame of go4j itself (a class loaded from the library's jar or directory). */
    public static boolean isLibrary(StackTraceElement f) {
        return IS_LIBRARY.computeIfAbsent(f.getClassName(), Frames::loadedFromLibrary);
    }

    /** True for a frame of the JDK. */
    public static boolean isJdk(StackTraceElement f) {
        String c = f.getClassName();
        return c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.");
    }

    /**
     * True for the first frame of a goroutine's runner, below its task: {@link Goroutine#run()}, or
     * {@code Go.main}'s wrapper of the main task.
     */
    public static boolean isGoroutineStart(StackTraceElement f) {
        String c = f.getClassName();
        return c.equals("dev.go4j.Go") || c.equals(GOROUTINE) && f.getMethodName().equals("run");
    }

    private static boolean isPublicApi(StackTraceElement f) {
        return IS_PUBLIC_API.computeIfAbsent(f.getClassName() + '#' + f.getMethodName(), k -> publicApi(f));
    }

    private static boolean publicApi(StackTraceElement f) {
        String name = f.getClassName();
        if (name.startsWith("dev.go4j.internal.")) {
            return false;
        }
        try {
            Class<?> c = Class.forName(name, false, Frames.class.getClassLoader());
            return Modifier.isPublic(c.getModifiers()) && !c.isAnonymousClass()
                    && c.getModule().isExported(c.getPackageName())
                    && Arrays.stream(c.getMethods()).anyMatch(m -> m.getName().equals(f.getMethodName()));
        } catch (ClassNotFoundException | SecurityException | LinkageError e) {
            return false;
        }
    }

    private static boolean loadedFromLibrary(String className) {
        if (!className.startsWith("dev.go4j.")) {
            return false;
        }
        try {
            Class<?> c = Class.forName(className, false, Frames.class.getClassLoader());
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            return cs != null && LIBRARY != null && cs.getLocation().equals(LIBRARY.getLocation());
        } catch (ClassNotFoundException | SecurityException | LinkageError e) {
            return false;
        }
    }
}
