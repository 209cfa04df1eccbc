package dev.go4j.race;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import dev.go4j.race.rt.Frame;
import dev.go4j.race.rt.ShadowStack;
import dev.go4j.race.rt.Shadowed;
import dev.go4j.race.rt.Sites;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites one class: in a <em>checked</em> class, every read and write of a non-final field or an array
 * element first calls {@code Rt.read}/{@code Rt.write}; in every class, the synchronising actions call
 * {@code Rt.acquire}/{@code Rt.release} (monitors, synchronized methods, volatile fields, calls into
 * {@code java.util.concurrent} and through {@code VarHandle}s) and thread start, join and
 * {@code Object.wait} go through {@code Rt}. The topmost changed class of each hierarchy (its superclass
 * is one the agent leaves alone) gets the {@link Shadowed} slot for its objects' detector state.
 * A checked class's methods also keep their thread's {@link ShadowStack} (see there), so that an
 * access records its whole stack.
 *
 * <p>Inserted code needs no branch in the original method: values are rearranged on the operand stack,
 * and calls that must be bracketed go through a generated static {@link Wrapper}. New locals go past
 * the method's own ({@code max_locals}): the shadow stack and entry {@link Frame} of a checked method
 * that makes calls, set once at entry and added to every stack map frame, and a guarded volatile
 * write's receiver and value.
 * New branch targets are exception handlers that rethrow: a synchronized method's, which releases its
 * monitor, and a checked method's, which pops its calls off the shadow stack, outermost.
 */
final class ClassInstrumenter extends ClassVisitor {
    private static final String SHADOWED = Type.getInternalName(Shadowed.class);
    private static final String SHADOW_STACK = Type.getInternalName(ShadowStack.class);
    private static final String FRAME = Type.getInternalName(Frame.class);
    private static final Set<String> WAIT_DESCS = Set.of("()V", "(J)V", "(JI)V");
    private static final Set<String> JOIN_DESCS = Set.of("()V", "(J)V", "(JI)V", "(Ljava/time/Duration;)Z");
    private static final Set<String> VAR_HANDLE_MODES = Set.of("get", "set", "getVolatile", "setVolatile",
            "getAcquire", "setRelease", "getOpaque", "setOpaque", "compareAndSet", "compareAndExchange",
            "compareAndExchangeAcquire", "compareAndExchangeRelease", "weakCompareAndSetPlain", "weakCompareAndSet",
            "weakCompareAndSetAcquire", "weakCompareAndSetRelease", "getAndSet", "getAndSetAcquire",
            "getAndSetRelease", "getAndAdd", "getAndAddAcquire", "getAndAddRelease", "getAndBitwiseOr",
            "getAndBitwiseOrAcquire", "getAndBitwiseOrRelease", "getAndBitwiseAnd", "getAndBitwiseAndAcquire",
            "getAndBitwiseAndRelease", "getAndBitwiseXor", "getAndBitwiseXorAcquire", "getAndBitwiseXorRelease");
    /** Collection interfaces whose implementation may be a thread-safe JDK class, decided per call. */
    private static final Set<String> COLLECTIONS = Set.of("java/util/Map", "java/util/Collection", "java/util/List",
            "java/util/Set", "java/util/Queue", "java/util/Deque", "java/util/SortedMap", "java/util/NavigableMap",
            "java/util/SortedSet", "java/util/NavigableSet");
    private static final Set<String> SYNCHRONIZED_JDK = Set.of("java/util/Vector", "java/util/Stack",
            "java/util/Hashtable", "java/lang/StringBuffer");
    /** Classes of java.util.concurrent whose calls do not synchronise (shared constants, per-thread state). */
    private static final Set<String> NOT_SYNCHRONISING = Set.of("java/util/concurrent/TimeUnit",
            "java/util/concurrent/ThreadLocalRandom", "java/util/concurrent/Executors");
    /** Calls whose result synchronises as their receiver. */
    private static final Set<String> VIEWS = Set.of("newCondition", "readLock", "writeLock", "asReadLock", "asWriteLock");

    private final Hierarchy hierarchy;
    private final ClassLoader loader;
    private final boolean checked;
    /** False for a class of which only thread start and join are modelled. */
    private final boolean synchronising;
    private final Map<Wrapper, String> wrappers = new LinkedHashMap<>();
    /** The original max_locals of each method, by name and descriptor: guards keep values in locals past them. */
    private final Map<String, Integer> maxLocals = new HashMap<>();
    /** The methods that call a method, by name and descriptor: the others need not keep the shadow stack. */
    private final Set<String> callers = new HashSet<>();
    private String className;
    private String binaryName;
    private String source;
    private boolean isInterface;
    private int version;
    /** True if this class gets the {@link Shadowed} slot: it is the topmost class of its hierarchy that the agent changes. */
    private boolean slot;

    ClassInstrumenter(ClassVisitor next, Hierarchy hierarchy, ClassLoader loader, ClassReader reader, boolean checked,
                      boolean synchronising) {
        super(Opcodes.ASM9, next);
        if (synchronising || checked) {
            scan(reader);
        }
        this.hierarchy = hierarchy;
        this.loader = loader;
        this.checked = checked;
        this.synchronising = synchronising;
    }

    /** Fills {@link #maxLocals} and {@link #callers}. */
    private void scan(ClassReader reader) {
        reader.accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String mname, String mdesc, boolean itf) {
                        callers.add(name + desc);
                    }

                    @Override
                    public void visitMaxs(int maxStack, int locals) {
                        maxLocals.put(name + desc, locals);
                    }
                };
            }
        }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }

    @Override
    public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
        this.version = version;
        this.className = name;
        this.binaryName = name.replace('/', '.');
        this.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
        this.slot = (access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_MODULE)) == 0 && superName != null
                && Config.untouched(superName);
        String[] all = interfaces;
        if (slot) {
            all = Arrays.copyOf(interfaces == null ? new String[0] : interfaces, interfaces == null ? 1 : interfaces.length + 1);
            all[all.length - 1] = SHADOWED;
        }
        super.visit(version, access, name, signature, superName, all);
    }

    @Override
    public void visitSource(String source, String debug) {
        this.source = source;
        super.visitSource(source, debug);
    }

    @Override
    public MethodVisitor visitMethod(int access, String name, String desc, String signature, String[] exceptions) {
        MethodVisitor mv = super.visitMethod(access, name, desc, signature, exceptions);
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0) {
            return mv;
        }
        // A method that calls none has nothing to push: its accesses find its callers' frames on the stack.
        return new Method(mv, access, name, Hooks.of(className, name, desc), maxLocals.getOrDefault(name + desc, 0),
                checked && (access & Opcodes.ACC_BRIDGE) == 0 && callers.contains(name + desc));
    }

    @Override
    public void visitEnd() {
        int access = Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC
                | (isInterface && (version & 0xffff) < Opcodes.V9 ? Opcodes.ACC_PUBLIC : Opcodes.ACC_PRIVATE);
        wrappers.forEach((w, name) -> w.emit(cv, name, access, (version & 0xffff) >= Opcodes.V1_6));
        if (slot) {
            emitSlot();
        }
        super.visitEnd();
    }

    /**
     * The {@link Shadowed} slot: a field no serialisation, reflection-based mapper or equality of the
     * program's sees as its own (private, transient, synthetic), and its getter and setter.
     */
    private void emitSlot() {
        cv.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_TRANSIENT | Opcodes.ACC_VOLATILE | Opcodes.ACC_SYNTHETIC,
                Shadowed.SLOT, "Ljava/lang/Object;", null, null).visitEnd();
        MethodVisitor get = cv.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, Shadowed.SLOT,
                "()Ljava/lang/Object;", null, null);
        get.visitCode();
        get.visitVarInsn(Opcodes.ALOAD, 0);
        get.visitFieldInsn(Opcodes.GETFIELD, className, Shadowed.SLOT, "Ljava/lang/Object;");
        get.visitInsn(Opcodes.ARETURN);
        get.visitMaxs(1, 1);
        get.visitEnd();
        MethodVisitor set = cv.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_SYNTHETIC, Shadowed.SLOT,
                "(Ljava/lang/Object;)V", null, null);
        set.visitCode();
        set.visitVarInsn(Opcodes.ALOAD, 0);
        set.visitVarInsn(Opcodes.ALOAD, 1);
        set.visitFieldInsn(Opcodes.PUTFIELD, className, Shadowed.SLOT, "Ljava/lang/Object;");
        set.visitInsn(Opcodes.RETURN);
        set.visitMaxs(2, 2);
        set.visitEnd();
    }

    /** Wrappers need static methods in interfaces: class files of Java 8 and later. */
    private boolean canWrap() {
        return !isInterface || (version & 0xffff) >= Opcodes.V1_8;
    }

    private String wrapper(Wrapper w) {
        return wrappers.computeIfAbsent(w, k -> "$race$" + wrappers.size());
    }

    /** The stack map frame entry of a value of {@code type}. */
    static Object frameType(Type type) {
        return switch (type.getSort()) {
            case Type.BOOLEAN, Type.CHAR, Type.BYTE, Type.SHORT, Type.INT -> Opcodes.INTEGER;
            case Type.FLOAT -> Opcodes.FLOAT;
            case Type.LONG -> Opcodes.LONG;
            case Type.DOUBLE -> Opcodes.DOUBLE;
            default -> type.getInternalName();
        };
    }

    private final class Method extends MethodVisitor {
        private final int access;
        private final String name;
        private final boolean staticInit;
        private final boolean synchronizedMethod;
        /** In a constructor, false until it called its super or this constructor: {@code this} is unusable before. */
        private boolean initialized;
        private int pendingNews;
        private int line;
        private Label tryStart;
        private final Hooks.Hook hook;
        /** The first local index free in the original method: the shadow stack's locals, then the guards'. */
        private final int freeLocal;
        /** True if the method keeps the shadow stack: in {@code freeLocal}, and its entry frame in the next local. */
        private final boolean frames;
        /** Where the handler popping this method's calls off the shadow stack starts covering: after the super constructor call. */
        private Label framesStart;
        /** The method's own exception handlers, which set the shadow stack back first. */
        private final Set<Label> handlers = new HashSet<>();
        /** True between one of {@link #handlers} and its stack map frame. */
        private boolean handlerPending;
        /** The method's own exception table, written after the guards so that a guard is the innermost handler. */
        private final List<Runnable> tryCatchBlocks = new ArrayList<>();
        /** The guards' handlers, emitted after the method's code. */
        private final List<Runnable> guards = new ArrayList<>();

        Method(MethodVisitor mv, int access, String name, Hooks.Hook hook, int freeLocal, boolean frames) {
            super(Opcodes.ASM9, mv);
            this.frames = frames;
            this.access = access;
            this.name = name;
            this.hook = hook;
            this.freeLocal = freeLocal;
            this.staticInit = name.equals("<clinit>");
            this.synchronizedMethod = synchronising && (access & Opcodes.ACC_SYNCHRONIZED) != 0;
            this.initialized = !name.equals("<init>");
        }

        /** Accesses are checked in checked classes, except in static initialisers (the JVM orders class init). */
        private boolean checks() {
            return checked && !staticInit && initialized;
        }

        private int site() {
            return Sites.site(binaryName, name, source, line);
        }

        private void push(int v) {
            if (v >= -1 && v <= 5) {
                super.visitInsn(Opcodes.ICONST_0 + v);
            } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                super.visitIntInsn(Opcodes.BIPUSH, v);
            } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                super.visitIntInsn(Opcodes.SIPUSH, v);
            } else {
                super.visitLdcInsn(v);
            }
        }

        private void rt(String method, String desc) {
            super.visitMethodInsn(Opcodes.INVOKESTATIC, Wrapper.RT, method, desc, false);
        }

        private void loadMonitor() {
            if ((access & Opcodes.ACC_STATIC) != 0) {
                super.visitLdcInsn(Type.getObjectType(className));
            } else {
                super.visitVarInsn(Opcodes.ALOAD, 0);
            }
        }

        private void emitHook() {
            super.visitVarInsn(Opcodes.ALOAD, 0);
            if (hook.passesInt()) {
                super.visitVarInsn(Opcodes.ILOAD, 1);
            }
            rt(hook.rtMethod(), hook.rtDesc());
        }

        /** The local after the shadow stack's, where guards keep values. */
        private int guardLocal() {
            return frames ? freeLocal + 2 : freeLocal;
        }

        /** {@code locals} of a stack map frame (one entry per value), then TOP up to the shadow stack's locals and them. */
        private Object[] frameLocals(List<Object> locals) {
            if (!frames) {
                return locals.toArray();
            }
            List<Object> out = new ArrayList<>(locals);
            int slots = 0;
            for (Object l : locals) {
                slots += l == Opcodes.LONG || l == Opcodes.DOUBLE ? 2 : 1;
            }
            for (; slots < freeLocal; slots++) {
                out.add(Opcodes.TOP);
            }
            out.add(SHADOW_STACK);
            out.add(FRAME);
            return out.toArray();
        }

        private boolean hasFrames() {
            return (version & 0xffff) >= Opcodes.V1_6;
        }

        /** Sets the shadow stack back to this method's entry frame. */
        private void back() {
            super.visitVarInsn(Opcodes.ALOAD, freeLocal);
            super.visitVarInsn(Opcodes.ALOAD, freeLocal + 1);
            super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SHADOW_STACK, "back", "(L" + FRAME + ";)V", false);
        }

        @Override
        public void visitCode() {
            super.visitCode();
            if (frames) {
                super.visitMethodInsn(Opcodes.INVOKESTATIC, SHADOW_STACK, "current", "()L" + SHADOW_STACK + ";", false);
                super.visitInsn(Opcodes.DUP);
                super.visitVarInsn(Opcodes.ASTORE, freeLocal);
                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SHADOW_STACK, "top", "()L" + FRAME + ";", false);
                super.visitVarInsn(Opcodes.ASTORE, freeLocal + 1);
                if (initialized) {
                    framesStart = new Label();
                    super.visitLabel(framesStart);
                }
            }
            if (hook != null && hook.atEntry()) {
                emitHook();
            }
            if (synchronizedMethod) {
                loadMonitor();
                rt("acquire", "(Ljava/lang/Object;)V");
                tryStart = new Label();
                super.visitLabel(tryStart);
            }
        }

        @Override
        public void visitLabel(Label label) {
            super.visitLabel(label);
            if (frames && handlers.contains(label)) {
                if (hasFrames()) {
                    handlerPending = true; // the handler's code starts after its stack map frame
                } else {
                    back();
                }
            }
        }

        @Override
        public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
            if (frames && type == Opcodes.F_NEW) { // EXPAND_FRAMES: every frame is one
                Object[] locals = frameLocals(Arrays.asList(local).subList(0, numLocal));
                super.visitFrame(type, locals.length, locals, numStack, stack);
            } else {
                super.visitFrame(type, numLocal, local, numStack, stack);
            }
            if (handlerPending) {
                handlerPending = false;
                back();
            }
        }

        @Override
        public void visitLineNumber(int line, Label start) {
            this.line = line;
            super.visitLineNumber(line, start);
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            if (opcode == Opcodes.NEW && !initialized) {
                pendingNews++;
            }
            super.visitTypeInsn(opcode, type);
        }

        @Override
        public void visitInsn(int opcode) {
            switch (opcode) {
                case Opcodes.IALOAD, Opcodes.LALOAD, Opcodes.FALOAD, Opcodes.DALOAD, Opcodes.AALOAD, Opcodes.BALOAD,
                        Opcodes.CALOAD, Opcodes.SALOAD -> {
                    if (checks()) {
                        super.visitInsn(Opcodes.DUP2); // array, index
                        push(site());
                        rt("readElement", "(Ljava/lang/Object;II)V");
                    }
                }
                case Opcodes.IASTORE, Opcodes.FASTORE, Opcodes.AASTORE, Opcodes.BASTORE, Opcodes.CASTORE,
                        Opcodes.SASTORE -> {
                    if (checks()) { // array, index, value -> array, index, value, array, index
                        super.visitInsn(Opcodes.DUP_X2);
                        super.visitInsn(Opcodes.POP);
                        super.visitInsn(Opcodes.DUP2_X1);
                        push(site());
                        rt("writeElement", "(Ljava/lang/Object;II)V");
                    }
                }
                case Opcodes.LASTORE, Opcodes.DASTORE -> {
                    if (checks()) { // the same with a two-word value
                        super.visitInsn(Opcodes.DUP2_X2);
                        super.visitInsn(Opcodes.POP2);
                        super.visitInsn(Opcodes.DUP2_X2);
                        push(site());
                        rt("writeElement", "(Ljava/lang/Object;II)V");
                    }
                }
                case Opcodes.MONITORENTER -> {
                    if (!synchronising) {
                        break;
                    }
                    super.visitInsn(Opcodes.DUP);
                    super.visitInsn(Opcodes.MONITORENTER);
                    rt("acquire", "(Ljava/lang/Object;)V");
                    return;
                }
                case Opcodes.MONITOREXIT -> {
                    if (synchronising) {
                        super.visitInsn(Opcodes.DUP);
                        rt("release", "(Ljava/lang/Object;)V");
                    }
                }
                case Opcodes.IRETURN, Opcodes.LRETURN, Opcodes.FRETURN, Opcodes.DRETURN, Opcodes.ARETURN,
                        Opcodes.RETURN -> {
                    if (hook != null && !hook.atEntry()) {
                        emitHook();
                    }
                    if (synchronizedMethod) {
                        loadMonitor();
                        rt("release", "(Ljava/lang/Object;)V");
                    }
                }
                default -> { }
            }
            super.visitInsn(opcode);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String fname, String desc) {
            if (!synchronising && (opcode == Opcodes.GETFIELD || opcode == Opcodes.GETSTATIC)
                    && Config.bookkeepingField(className, desc)) {
                // go4j's goroutine machinery or channel engine reads a go4j object it synchronises through: bookkeeping.
                super.visitFieldInsn(opcode, owner, fname, desc);
                super.visitInsn(Opcodes.DUP);
                rt("bookkeeping", "(Ljava/lang/Object;)V");
                return;
            }
            if (!initialized || Config.untouched(owner)) {
                super.visitFieldInsn(opcode, owner, fname, desc);
                return;
            }
            Hierarchy.FieldRef f = hierarchy.field(loader, owner, fname, desc);
            boolean wide = Type.getType(desc).getSize() == 2;
            if (f != null && f.isVolatile() && synchronising) {
                volatileAccess(opcode, owner, fname, desc, wide);
                return;
            }
            if (checks() && (f == null || !f.isFinal())) {
                int fid = Sites.field((f != null ? f.owner() : owner).replace('/', '.'), fname);
                int site = site();
                switch (opcode) {
                    case Opcodes.GETFIELD -> {
                        super.visitInsn(Opcodes.DUP);
                        push(fid);
                        push(site);
                        rt("read", "(Ljava/lang/Object;II)V");
                    }
                    case Opcodes.PUTFIELD -> {
                        dupReceiverUnderValue(wide);
                        push(fid);
                        push(site);
                        rt("write", "(Ljava/lang/Object;II)V");
                    }
                    case Opcodes.GETSTATIC -> {
                        push(fid);
                        push(site);
                        rt("readStatic", "(II)V");
                    }
                    default -> {
                        push(fid);
                        push(site);
                        rt("writeStatic", "(II)V");
                    }
                }
            }
            super.visitFieldInsn(opcode, owner, fname, desc);
        }

        /** object, value -> object, value, object. */
        private void dupReceiverUnderValue(boolean wide) {
            if (wide) {
                super.visitInsn(Opcodes.DUP2_X1); // value, object, value
                super.visitInsn(Opcodes.POP2);    // value, object
                super.visitInsn(Opcodes.DUP_X2);  // object, value, object
            } else {
                super.visitInsn(Opcodes.DUP2);    // object, value, object, value
                super.visitInsn(Opcodes.POP);     // object, value, object
            }
        }

        /** A volatile write releases before it, a volatile read acquires after it. */
        private void volatileAccess(int opcode, String owner, String fname, String desc, boolean wide) {
            switch (opcode) {
                case Opcodes.GETFIELD -> {
                    super.visitInsn(Opcodes.DUP);
                    super.visitFieldInsn(opcode, owner, fname, desc); // object, value
                    if (wide) {
                        super.visitInsn(Opcodes.DUP2_X1);
                        super.visitInsn(Opcodes.POP2);
                    } else {
                        super.visitInsn(Opcodes.SWAP);
                    }
                    rt("acquire", "(Ljava/lang/Object;)V");
                }
                case Opcodes.PUTFIELD -> guardedWrite(opcode, owner, fname, desc);
                case Opcodes.GETSTATIC -> {
                    super.visitFieldInsn(opcode, owner, fname, desc);
                    rt("acquireStatic", "()V");
                }
                default -> guardedWrite(opcode, owner, fname, desc);
            }
        }

        /**
         * A volatile write, after its release: if the release throws (a {@link StackOverflowError} can
         * strike at any call), a handler makes the write and rethrows, so that the detector never leaves a
         * write undone. go4j frees a channel's lock with a volatile write and no call for this reason.
         * The receiver and value wait in two locals past the method's own, which the handler's frame names
         * (every other local is {@code TOP} there).
         */
        private void guardedWrite(int opcode, String owner, String fname, String desc) {
            Type type = Type.getType(desc);
            boolean instance = opcode == Opcodes.PUTFIELD;
            int receiver = guardLocal();
            int value = instance ? receiver + 1 : receiver;
            super.visitVarInsn(type.getOpcode(Opcodes.ISTORE), value);
            if (instance) {
                super.visitVarInsn(Opcodes.ASTORE, receiver);
                super.visitVarInsn(Opcodes.ALOAD, receiver);
            }
            Label start = new Label();
            Label end = new Label();
            Label handler = new Label();
            super.visitLabel(start);
            if (instance) {
                rt("release", "(Ljava/lang/Object;)V");
            } else {
                rt("releaseStatic", "()V");
            }
            super.visitLabel(end);
            Runnable write = () -> {
                if (instance) {
                    super.visitVarInsn(Opcodes.ALOAD, receiver);
                }
                super.visitVarInsn(type.getOpcode(Opcodes.ILOAD), value);
                super.visitFieldInsn(opcode, owner, fname, desc);
            };
            write.run();
            tryCatchBlocks.add(0, () -> super.visitTryCatchBlock(start, end, handler, null));
            guards.add(() -> {
                super.visitLabel(handler);
                if (hasFrames()) {
                    List<Object> locals = new ArrayList<>(Arrays.asList(frameLocals(Collections.nCopies(freeLocal, Opcodes.TOP))));
                    if (instance) {
                        locals.add(owner);
                    }
                    locals.add(frameType(type));
                    super.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), 1, new Object[] {"java/lang/Throwable"});
                }
                write.run();
                super.visitInsn(Opcodes.ATHROW);
            });
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String mname, String desc, boolean itf) {
            // Calls before the super constructor call push nothing: the handler popping them could not cover them.
            boolean pushes = frames && initialized;
            if (!initialized && opcode == Opcodes.INVOKESPECIAL && mname.equals("<init>")) {
                if (pendingNews > 0) {
                    pendingNews--;
                } else {
                    initialized = true;
                }
            }
            if (pushes) {
                super.visitVarInsn(Opcodes.ALOAD, freeLocal);
                super.visitVarInsn(Opcodes.ALOAD, freeLocal + 1);
                push(site());
                super.visitMethodInsn(Opcodes.INVOKEVIRTUAL, SHADOW_STACK, "call", "(L" + FRAME + ";I)V", false);
            }
            if (!replaceCall(opcode, owner, mname, desc, itf)) {
                super.visitMethodInsn(opcode, owner, mname, desc, itf);
            }
            if (pushes) {
                back();
            } else if (frames && initialized && framesStart == null) {
                framesStart = new Label();
                super.visitLabel(framesStart);
            }
        }

        /** Emits the call through {@code Rt} or a wrapper if it synchronises; false if it is to stay as is. */
        private boolean replaceCall(int opcode, String owner, String mname, String desc, boolean itf) {
            if (owner.startsWith("[") || mname.equals("<init>") || opcode == Opcodes.INVOKESPECIAL || !initialized) {
                return false;
            }
            boolean virtual = opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE;
            if (virtual && mname.equals("wait") && WAIT_DESCS.contains(desc)) {
                rt("wait", "(Ljava/lang/Object;" + desc.substring(1));
                return true;
            }
            if (opcode == Opcodes.INVOKEVIRTUAL && isThreadMethod(owner, mname, desc)) {
                rt(mname, "(Ljava/lang/Thread;" + desc.substring(1));
                return true;
            }
            if (opcode == Opcodes.INVOKEINTERFACE && owner.startsWith("java/lang/Thread$Builder")
                    && mname.equals("start") && desc.equals("(Ljava/lang/Runnable;)Ljava/lang/Thread;")) {
                rt("start", "(Ljava/lang/Thread$Builder;Ljava/lang/Runnable;)Ljava/lang/Thread;");
                return true;
            }
            if (opcode == Opcodes.INVOKESTATIC && owner.equals("java/lang/Thread") && mname.equals("startVirtualThread")) {
                rt("startVirtualThread", desc);
                return true;
            }
            Wrapper w = synchronising ? wrapperFor(opcode, owner, mname, desc, itf, virtual) : null;
            if (w == null || !canWrap()) {
                return false;
            }
            super.visitMethodInsn(Opcodes.INVOKESTATIC, className, wrapper(w), w.wrapperDesc(), isInterface);
            return true;
        }

        private boolean isThreadMethod(String owner, String mname, String desc) {
            boolean candidate = mname.equals("start") && desc.equals("()V")
                    || mname.equals("join") && JOIN_DESCS.contains(desc)
                    || mname.equals("isAlive") && desc.equals("()Z");
            return candidate && (owner.equals("java/lang/Thread")
                    || !Config.untouched(owner) && hierarchy.anySuperclass(loader, owner, "java/lang/Thread"::equals));
        }

        private Wrapper wrapperFor(int opcode, String owner, String mname, String desc, boolean itf, boolean virtual) {
            if (owner.equals("java/lang/invoke/VarHandle")) {
                return VAR_HANDLE_MODES.contains(mname)
                        ? new Wrapper(Wrapper.Kind.VAR_HANDLE, opcode, owner, mname, desc, itf, false) : null;
            }
            if (virtual && COLLECTIONS.contains(owner)) {
                return new Wrapper(Wrapper.Kind.IF_CONCURRENT, opcode, owner, mname, desc, itf, false);
            }
            if (!isConcurrent(owner)) {
                return null;
            }
            if (virtual && Wrapper.takesTasks(desc) && isExecutor(owner)) {
                return new Wrapper(Wrapper.Kind.EXECUTOR, opcode, owner, mname, desc, itf, false);
            }
            if (virtual) {
                return new Wrapper(Wrapper.Kind.CONCURRENT, opcode, owner, mname, desc, itf, VIEWS.contains(mname));
            }
            return Wrapper.takesTasks(desc) ? new Wrapper(Wrapper.Kind.STATIC_TASKS, opcode, owner, mname, desc, itf, false) : null;
        }

        private boolean isExecutor(String owner) {
            return hierarchy.anySuperclass(loader, owner, c -> c.startsWith("java/util/concurrent/")
                    && (c.endsWith("Executor") || c.endsWith("ExecutorService") || c.equals("java/util/concurrent/ForkJoinPool")));
        }

        private boolean isConcurrent(String owner) {
            if (NOT_SYNCHRONISING.contains(owner)) {
                return false;
            }
            if (owner.startsWith("java/util/concurrent/") || SYNCHRONIZED_JDK.contains(owner)) {
                return true;
            }
            return !Config.untouched(owner) && hierarchy.anySuperclass(loader, owner, c -> c.startsWith("java/util/concurrent/"));
        }

        @Override
        public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
            handlers.add(handler);
            tryCatchBlocks.add(() -> super.visitTryCatchBlock(start, end, handler, type));
        }

        @Override
        public void visitMaxs(int maxStack, int maxLocals) {
            Label end = new Label();
            super.visitLabel(end); // the method's own code ends here: no handler covers the guards
            guards.forEach(Runnable::run);
            tryCatchBlocks.forEach(Runnable::run);
            if (synchronizedMethod) {
                Label handler = new Label();
                super.visitLabel(handler);
                if (hasFrames()) {
                    Object[] locals = frameLocals((access & Opcodes.ACC_STATIC) != 0 ? List.of() : List.of(className));
                    super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
                }
                loadMonitor();
                rt("release", "(Ljava/lang/Object;)V");
                super.visitInsn(Opcodes.ATHROW);
                super.visitTryCatchBlock(tryStart, end, handler, null);
            }
            if (framesStart != null) { // outermost: an exception leaving the method pops its calls
                Label framesEnd = new Label();
                Label handler = new Label();
                super.visitLabel(framesEnd);
                super.visitLabel(handler);
                if (hasFrames()) {
                    Object[] locals = frameLocals(List.of());
                    super.visitFrame(Opcodes.F_NEW, locals.length, locals, 1, new Object[] {"java/lang/Throwable"});
                }
                back();
                super.visitInsn(Opcodes.ATHROW);
                super.visitTryCatchBlock(framesStart, framesEnd, handler, null);
            }
            super.visitMaxs(maxStack, maxLocals);
        }
    }
}
