package dev.go4j.race;

import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A static method the instrumenter adds to a class to stand for one kind of call in it, so that the
 * call can be bracketed without rearranging the caller's operand stack: {@code $race$N(receiver, args)}
 * releases on the receiver, calls, and acquires on it; it also wraps the tasks among the arguments and
 * ties a returned future to them.
 *
 * @param kind what to bracket the call with
 * @param opcode the original call's opcode
 * @param aliasResult the result (a {@code Condition}, a read or write lock view) synchronises as the receiver
 */
record Wrapper(Kind kind, int opcode, String owner, String name, String desc, boolean itf, boolean aliasResult) {
    enum Kind {
        /** A call on a {@code java.util.concurrent} object (or a subclass). */
        CONCURRENT,
        /**
         * A call handing tasks to an executor: not bracketed (submitting to one executor does not order
         * the submitters), its tasks release on the executor when they end (for {@code awaitTermination}).
         */
        EXECUTOR,
        /** A call through a collection interface: bracketed only if the receiver is a thread-safe JDK class. */
        IF_CONCURRENT,
        /** A static call that takes tasks ({@code CompletableFuture.supplyAsync}). */
        STATIC_TASKS,
        /** An access mode of a {@code VarHandle}: bracketed on the object or array it accesses. */
        VAR_HANDLE
    }

    static final String RT = "dev/go4j/race/rt/Rt";
    private static final Set<String> TASK_TYPES = Set.of("java/lang/Runnable", "java/util/concurrent/Callable",
            "java/util/function/Supplier", "java/util/function/Function", "java/util/function/Consumer",
            "java/util/function/BiFunction", "java/util/function/BiConsumer");

    /** True if {@code desc} takes a task the callee may run in another thread. */
    static boolean takesTasks(String desc) {
        for (Type t : Type.getArgumentTypes(desc)) {
            if (t.getSort() == Type.OBJECT && TASK_TYPES.contains(t.getInternalName())) {
                return true;
            }
        }
        return false;
    }

    /** The wrapper's descriptor: the receiver (if any) first, then the call's arguments. */
    String wrapperDesc() {
        return opcode == Opcodes.INVOKESTATIC ? desc : "(L" + owner + ";" + desc.substring(1);
    }

    /**
     * Emits the wrapper as method {@code wrapperName} of the class {@code cv} is writing; {@code frames}
     * if its class file version requires stack map frames.
     */
    void emit(ClassVisitor cv, String wrapperName, int access, boolean frames) {
        String wdesc = wrapperDesc();
        MethodVisitor mv = cv.visitMethod(access, wrapperName, wdesc, null, null);
        mv.visitCode();
        Type[] params = Type.getArgumentTypes(wdesc);
        boolean hasReceiver = opcode != Opcodes.INVOKESTATIC;
        int nextLocal = 0;
        int[] slots = new int[params.length];
        for (int i = 0; i < params.length; i++) {
            slots[i] = nextLocal;
            nextLocal += params[i].getSize();
        }
        boolean tasks = kind != Kind.VAR_HANDLE && takesTasks(desc);
        int taskSync = nextLocal;
        if (tasks) {
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, RT, "taskSync", "()Ljava/lang/Object;", false);
            mv.visitVarInsn(Opcodes.ASTORE, taskSync);
        }
        bracket(mv, params, "release");
        for (int i = 0; i < params.length; i++) {
            mv.visitVarInsn(params[i].getOpcode(Opcodes.ILOAD), slots[i]);
            if (tasks && (i > 0 || !hasReceiver) && params[i].getSort() == Type.OBJECT
                    && TASK_TYPES.contains(params[i].getInternalName())) {
                mv.visitVarInsn(Opcodes.ALOAD, taskSync);
                if (hasReceiver) {
                    mv.visitVarInsn(Opcodes.ALOAD, 0);
                } else {
                    mv.visitInsn(Opcodes.ACONST_NULL);
                }
                mv.visitInsn(kind == Kind.EXECUTOR ? Opcodes.ICONST_0 : Opcodes.ICONST_1);
                String t = params[i].getDescriptor();
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, RT, "task",
                        "(" + t + "Ljava/lang/Object;Ljava/lang/Object;Z)" + t, false);
            }
        }
        mv.visitMethodInsn(opcode, owner, name, desc, itf);
        Type ret = Type.getReturnType(desc);
        int result = tasks ? taskSync + 1 : taskSync;
        if (ret.getSort() != Type.VOID) {
            mv.visitVarInsn(ret.getOpcode(Opcodes.ISTORE), result);
        }
        Label start = new Label();
        Label end = new Label();
        mv.visitLabel(start);
        boolean aliasTasks = tasks && ret.getSort() == Type.OBJECT && ret.getInternalName().startsWith("java/util/concurrent/");
        boolean after = aliasTasks || aliasResult && hasReceiver || kind != Kind.STATIC_TASKS && kind != Kind.EXECUTOR;
        if (aliasTasks) {
            mv.visitVarInsn(Opcodes.ALOAD, result);
            mv.visitVarInsn(Opcodes.ALOAD, taskSync);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, RT, "alias", "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
        }
        if (aliasResult && hasReceiver) {
            mv.visitVarInsn(Opcodes.ALOAD, result);
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, RT, "aliasTo", "(Ljava/lang/Object;Ljava/lang/Object;)V", false);
        }
        bracket(mv, params, "acquire");
        mv.visitLabel(end);
        returnResult(mv, ret, result);
        if (after) {
            // The call is done: the JVM's error inside the detector's own calls (a StackOverflowError)
            // must not undo it for the caller (a lock taken, an element removed); only the edge is lost.
            // Other throwables pass (a tool's own, such as Lincheck's aborting of a thread).
            Label handler = new Label();
            mv.visitTryCatchBlock(start, end, handler, "java/lang/VirtualMachineError");
            mv.visitLabel(handler);
            if (frames) {
                List<Object> locals = new ArrayList<>();
                for (Type p : params) {
                    locals.add(ClassInstrumenter.frameType(p));
                }
                if (tasks) {
                    locals.add("java/lang/Object");
                }
                if (ret.getSort() != Type.VOID) {
                    locals.add(ClassInstrumenter.frameType(ret));
                }
                mv.visitFrame(Opcodes.F_NEW, locals.size(), locals.toArray(), 1, new Object[] {"java/lang/VirtualMachineError"});
            }
            mv.visitInsn(Opcodes.POP);
            returnResult(mv, ret, result);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void returnResult(MethodVisitor mv, Type ret, int result) {
        if (ret.getSort() != Type.VOID) {
            mv.visitVarInsn(ret.getOpcode(Opcodes.ILOAD), result);
        }
        mv.visitInsn(ret.getOpcode(Opcodes.IRETURN));
    }

    /** Emits the release before, or the acquire after, the call. */
    private void bracket(MethodVisitor mv, Type[] params, String what) {
        switch (kind) {
            case CONCURRENT, IF_CONCURRENT -> {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                String m = kind == Kind.CONCURRENT ? what : what + "IfConcurrent";
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, RT, m, "(Ljava/lang/Object;)V", false);
            }
            case VAR_HANDLE -> {
                mv.visitVarInsn(Opcodes.ALOAD, 0);
                if (params.length > 1 && params[1].getSort() >= Type.ARRAY) {
                    mv.visitVarInsn(Opcodes.ALOAD, 1);
                } else {
                    mv.visitInsn(Opcodes.ACONST_NULL);
                }
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, RT, what + "VarHandle",
                        "(Ljava/lang/invoke/VarHandle;Ljava/lang/Object;)V", false);
            }
            case STATIC_TASKS, EXECUTOR -> { }
        }
    }
}
