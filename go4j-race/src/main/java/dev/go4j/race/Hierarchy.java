package dev.go4j.race;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What the instrumenter needs to know about classes it does not have in hand (a field's owner, a
 * method call's owner), read from their class files through the loading class's loader, never by
 * loading them: a transformer must not load classes. Cached per loader.
 */
final class Hierarchy {
    /** A class's superclass and its fields' access flags by {@code name:descriptor}. */
    record ClassInfo(String superName, Map<String, Integer> fieldAccess) {}

    /** A resolved field: the class that declares it, and its access flags. */
    record FieldRef(String owner, int access) {
        boolean isVolatile() {
            return (access & Opcodes.ACC_VOLATILE) != 0;
        }

        boolean isFinal() {
            return (access & Opcodes.ACC_FINAL) != 0;
        }
    }

    private static final Object BOOT = new Object();
    private final Map<Object, Map<String, Optional<ClassInfo>>> byLoader = Collections.synchronizedMap(new WeakHashMap<>());

    private Map<String, Optional<ClassInfo>> cache(ClassLoader loader) {
        return byLoader.computeIfAbsent(loader == null ? BOOT : loader, l -> new ConcurrentHashMap<>());
    }

    /** Records the class being transformed, whose bytes are in hand (it may have no class file). */
    void define(ClassLoader loader, String name, ClassReader reader) {
        cache(loader).put(name, Optional.of(read(reader)));
    }

    ClassInfo info(ClassLoader loader, String name) {
        return cache(loader).computeIfAbsent(name, n -> Optional.ofNullable(load(loader, n))).orElse(null);
    }

    private static ClassInfo load(ClassLoader loader, String name) {
        String resource = name + ".class";
        try (InputStream in = loader != null ? loader.getResourceAsStream(resource)
                : ClassLoader.getSystemResourceAsStream(resource)) {
            return in == null ? null : read(new ClassReader(in));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static ClassInfo read(ClassReader reader) {
        Map<String, Integer> fields = new HashMap<>();
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(int access, String name, String desc, String signature, Object value) {
                fields.put(name + ":" + desc, access);
                return null;
            }
        }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        return new ClassInfo(reader.getSuperName(), fields);
    }

    /** The field {@code owner.name} as the JVM resolves it (up the superclasses), or null if unknown. */
    FieldRef field(ClassLoader loader, String owner, String name, String desc) {
        String key = name + ":" + desc;
        for (String c = owner; c != null; ) {
            ClassInfo info = info(loader, c);
            if (info == null) {
                return null;
            }
            Integer access = info.fieldAccess().get(key);
            if (access != null) {
                return new FieldRef(c, access);
            }
            c = info.superName();
        }
        return null;
    }

    /** True if {@code name} or one of its superclasses satisfies {@code test}. */
    boolean anySuperclass(ClassLoader loader, String name, Predicate<String> test) {
        for (String c = name; c != null; ) {
            if (test.test(c)) {
                return true;
            }
            ClassInfo info = info(loader, c);
            c = info == null ? null : info.superName();
        }
        return false;
    }
}
