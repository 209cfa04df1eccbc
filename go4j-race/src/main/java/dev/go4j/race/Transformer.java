package dev.go4j.race;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import dev.go4j.race.rt.Rt;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/** Instruments each class as it loads (see {@link ClassInstrumenter}); a class it cannot rewrite loads unchanged, with a warning. */
final class Transformer implements ClassFileTransformer {
    private final Config config;
    private final Instrumentation inst;
    private final Hierarchy hierarchy = new Hierarchy();

    Transformer(Config config, Instrumentation inst) {
        this.config = config;
        this.inst = inst;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String name, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        if (name == null || redefined != null || loader == null || Config.untouched(name)) {
            return null;
        }
        try {
            ClassReader reader = new ClassReader(bytes);
            hierarchy.define(loader, name, reader);
            ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
            reader.accept(new ClassInstrumenter(writer, hierarchy, loader, reader, config.checked(name, location(domain)),
                    Config.synchronising(name)), ClassReader.EXPAND_FRAMES);
            readRuntime(module);
            return writer.toByteArray();
        } catch (Throwable t) {
            System.err.println("go4j-race: " + name + " not instrumented: " + t);
            return null;
        }
    }

    private static URL location(ProtectionDomain domain) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        return source == null ? null : source.getLocation();
    }

    /** A named module's instrumented code calls the runtime, in the agent's unnamed module. */
    private void readRuntime(Module module) {
        Module rt = Rt.class.getModule();
        if (module.isNamed() && !module.canRead(rt)) {
            inst.redefineModule(module, Set.of(rt), Map.of(), Map.of(), Set.of(), Map.of());
        }
    }
}
