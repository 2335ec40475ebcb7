package org.jinx.cpu;

import java.lang.invoke.MethodHandles;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jinx.cpu.decode.Block;
import org.jinx.cpu.decode.BlockOp;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.InsnHandler;
import org.jinx.cpu.exec.FastCalls;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Compiles hot {@link Block}s to JVM bytecode ({@link BlockCode}): one hidden class per block,
 * whose {@code run} method calls each instruction's operation in turn. The operations
 * (form-specialised {@link BlockOp}s, or the table handler for the rest) and the decoded
 * instructions are static final fields of that class, so the JIT sees each call's receiver as a
 * constant, inlines it, and compiles the block into one piece of straight-line code; the
 * interpreter's loop instead makes one megamorphic call per instruction.
 *
 * <p>The semantics are exactly the block runner's: the same operations run in the same order,
 * a write that drops decoded code stops the block after the current instruction, and a fault
 * reports which instruction raised it and what it had charged before (see {@link BlockCode}).
 *
 * <p>A block's class depends only on its bytes and code size (the decoder and the choice of
 * operations depend on nothing else, and the operations hold no machine state), so classes are
 * shared through a bounded cache keyed by those: a new machine running the same code gets
 * compiled blocks at once, and the JIT's work on them is kept.
 */
final class BlockCompiler {
    /** Compiled classes kept for reuse (least recently used dropped first). */
    private static final int CACHE_SIZE = 4096;
    /**
     * Classes this JVM may define in all. Each holds JIT-compiled code; past this many (a guest
     * that keeps running new code) the rest of the blocks stay in the interpreter rather than
     * filling the JVM's code cache, which would stop the JIT for everything.
     */
    private static final int MAX_CLASSES = 50_000;
    private static int defined;

    private static final String CPU = Type.getInternalName(Cpu.class);
    private static final String BASE = Type.getInternalName(BlockCode.class);
    private static final String OP = Type.getInternalName(BlockOp.class);
    private static final String INSN = Type.getInternalName(DecodedInsn.class);
    private static final String HANDLER = Type.getInternalName(InsnHandler.class);
    private static final String CACHE = "org/jinx/cpu/decode/DecodeCache";
    private static final String CALLS = Type.getInternalName(FastCalls.class);
    private static final String EXEC = "(L" + CPU + ";L" + INSN + ";)V";
    private static final String NAME = "org/jinx/cpu/CompiledBlock";

    private static final Map<Key, Class<?>> CLASSES = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Class<?>> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private BlockCompiler() {
    }

    /**
     * The compiled form of {@code b}, made or taken from the cache; null when the limit of
     * classes is reached (the block then stays in the interpreter, which runs it the same).
     */
    static BlockCode compile(Block b) {
        Key key = new Key(b.bytes, b.code32);
        Class<?> cls;
        synchronized (CLASSES) {
            cls = CLASSES.get(key);
            if (cls == null) {
                if (defined >= MAX_CLASSES) {
                    return null;
                }
                defined++;
            }
        }
        try {
            if (cls == null) {
                cls = define(b);
                synchronized (CLASSES) {
                    CLASSES.put(key, cls);
                }
            }
            return (BlockCode) cls.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("compiling a block failed", e);
        }
    }

    private static Class<?> define(Block b) throws ReflectiveOperationException {
        int n = b.insns.length;
        Object[] data = new Object[2 * n];
        for (int i = 0; i < n; i++) {
            data[2 * i] = generic(b.ops[i]) ? b.insns[i].handler : b.ops[i];
            data[2 * i + 1] = b.insns[i];
        }
        byte[] bytes = generate(b);
        return MethodHandles.lookup().defineHiddenClassWithClassData(bytes, data, true).lookupClass();
    }

    /** True when {@code op} only calls the table handler, which the compiled code then calls itself. */
    private static boolean generic(BlockOp op) {
        return op.handler() != null;
    }

    private static byte[] generate(Block b) {
        int n = b.insns.length;
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String c) {
                return "java/lang/Object";
            }
        };
        cw.visit(Opcodes.V17, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, NAME, null, BASE, null);
        for (int i = 0; i < n; i++) {
            String type = generic(b.ops[i]) ? HANDLER : OP;
            cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "o" + i, "L" + type + ";", null, null)
                    .visitEnd();
            cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "d" + i, "L" + INSN + ";", null, null)
                    .visitEnd();
        }
        classInit(cw, b);
        constructor(cw);
        run(cw, b);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Static fields from the class data: o0, d0, o1, d1, ... */
    private static void classInit(ClassWriter cw, Block b) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "lookup",
                "()Ljava/lang/invoke/MethodHandles$Lookup;", false);
        mv.visitLdcInsn("_");
        mv.visitLdcInsn(Type.getType(Object[].class));
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/invoke/MethodHandles", "classData",
                "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;", false);
        mv.visitTypeInsn(Opcodes.CHECKCAST, "[Ljava/lang/Object;");
        mv.visitVarInsn(Opcodes.ASTORE, 0);
        for (int i = 0; i < b.insns.length; i++) {
            String type = generic(b.ops[i]) ? HANDLER : OP;
            load(mv, 2 * i, type);
            mv.visitFieldInsn(Opcodes.PUTSTATIC, NAME, "o" + i, "L" + type + ";");
            load(mv, 2 * i + 1, INSN);
            mv.visitFieldInsn(Opcodes.PUTSTATIC, NAME, "d" + i, "L" + INSN + ";");
        }
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void load(MethodVisitor mv, int index, String type) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitLdcInsn(index);
        mv.visitInsn(Opcodes.AALOAD);
        mv.visitTypeInsn(Opcodes.CHECKCAST, type);
    }

    private static void constructor(ClassWriter cw) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        mv.visitCode();
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, BASE, "<init>", "()V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    // Locals of run: this, the cpu, the index of the running instruction, extraCycles before it,
    // the block's EIP, the fault in the handler.
    private static final int THIS = 0, C = 1, POS = 2, EXTRA = 3, EIP = 4, FAULT = 5;

    /**
     * The block as the runner's loop runs it (BlockRunner.execute), unrolled: before the last
     * instruction EIP stays where it is (the operations of the others do not read it); the last
     * gets EIP and NEXT_EIP, and EIP becomes NEXT_EIP after it.
     */
    private static void run(ClassWriter cw, Block b) {
        int n = b.insns.length;
        FastCalls.Call[] calls = new FastCalls.Call[n];
        boolean[] flags = liveFlags(b, calls);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, "run", "(L" + CPU + ";)I", null, null);
        mv.visitCode();
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        mv.visitTryCatchBlock(start, end, handler, Type.getInternalName(CpuFault.class));
        mv.visitVarInsn(Opcodes.ALOAD, C);
        mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "eip", "I");
        mv.visitVarInsn(Opcodes.ISTORE, EIP);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, POS);
        mv.visitInsn(Opcodes.ICONST_0);
        mv.visitVarInsn(Opcodes.ISTORE, EXTRA);
        mv.visitLabel(start);
        boolean fuse = fusable(b, calls);
        for (int i = 0; i < (fuse ? n - 2 : n); i++) {
            boolean last = i == n - 1;
            if (last) {
                setEip(mv, "eip", b.offsets[i]);
                setEip(mv, "nextEip", b.offsets[i] + b.insns[i].length);
            }
            FastCalls.Call call = calls[i];
            if (call != null && !call.memory) {
                // A register-only form: it cannot fault nor write memory.
                String method = flags[i] ? call.method : call.methodNoFlags;
                if (method != null) {
                    invoke(mv, call, method, null);
                }
                continue;
            }
            mv.visitLdcInsn(i);
            mv.visitVarInsn(Opcodes.ISTORE, POS);
            mv.visitVarInsn(Opcodes.ALOAD, C);
            mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "extraCycles", "I");
            mv.visitVarInsn(Opcodes.ISTORE, EXTRA);
            if (call != null) {
                invoke(mv, call, call.method, b.insns[i]);
                if (!call.writes) {
                    continue;
                }
            } else {
                boolean gen = generic(b.ops[i]);
                mv.visitFieldInsn(Opcodes.GETSTATIC, NAME, "o" + i, "L" + (gen ? HANDLER : OP) + ";");
                mv.visitVarInsn(Opcodes.ALOAD, C);
                mv.visitFieldInsn(Opcodes.GETSTATIC, NAME, "d" + i, "L" + INSN + ";");
                if (gen) {
                    mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, HANDLER, "exec", EXEC, true);
                } else {
                    mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, OP, "exec", EXEC, false);
                }
            }
            if (!last) {
                // A write that dropped decoded code may have rewritten what follows.
                Label next = new Label();
                mv.visitVarInsn(Opcodes.ALOAD, C);
                mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "decodeCache", "L" + CACHE + ";");
                mv.visitFieldInsn(Opcodes.GETFIELD, CACHE, "dropped", "Z");
                mv.visitJumpInsn(Opcodes.IFEQ, next);
                setEip(mv, "eip", b.offsets[i + 1]);
                mv.visitLdcInsn(i + 1);
                mv.visitInsn(Opcodes.IRETURN);
                mv.visitLabel(next);
            }
        }
        if (fuse) {
            compareAndBranch(mv, b, calls[n - 2]);
        }
        mv.visitVarInsn(Opcodes.ALOAD, C);
        mv.visitVarInsn(Opcodes.ALOAD, C);
        mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "nextEip", "I");
        mv.visitFieldInsn(Opcodes.PUTFIELD, CPU, "eip", "I");
        mv.visitLdcInsn(n);
        mv.visitInsn(Opcodes.IRETURN);
        mv.visitLabel(end);
        mv.visitLabel(handler);
        mv.visitVarInsn(Opcodes.ASTORE, FAULT);
        mv.visitVarInsn(Opcodes.ALOAD, THIS);
        mv.visitVarInsn(Opcodes.ILOAD, POS);
        mv.visitFieldInsn(Opcodes.PUTFIELD, BASE, "faultAt", "I");
        mv.visitVarInsn(Opcodes.ALOAD, THIS);
        mv.visitVarInsn(Opcodes.ILOAD, EXTRA);
        mv.visitFieldInsn(Opcodes.PUTFIELD, BASE, "faultExtra", "I");
        mv.visitVarInsn(Opcodes.ALOAD, FAULT);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    // Locals of the fused compare and branch: the operands and the result.
    private static final int A = 6, B = 7, R = 8;

    /**
     * True when the block ends with CMP, SUB or TEST of a register with a register or an
     * immediate followed by a Jcc: those two run fused ({@link #compareAndBranch}).
     */
    private static boolean fusable(Block b, FastCalls.Call[] calls) {
        int n = b.insns.length;
        if (n < 2 || b.ops[n - 1].handler() != null) {
            return false;
        }
        int opc = b.insns[n - 1].opcode;
        if (!(opc >= 0x70 && opc <= 0x7F || opc >= 0x180 && opc <= 0x18F)) {
            return false;
        }
        FastCalls.Call call = calls[n - 2];
        return call != null && !call.memory && call.method.matches("(cmp|sub|test)R[RI]");
    }

    /**
     * The block's last two instructions, a CMP, SUB or TEST and a Jcc, in one piece: the
     * operation sets the lazy flags as usual (the next block may read them), and the condition
     * is tested on its operands and result directly (JL after CMP a, b is a < b), without
     * computing flags back from the lazy state. The first cannot fault, so a fault here (the
     * target past the CS limit) is the Jcc's, after the first completed, as in the block loop.
     */
    private static void compareAndBranch(MethodVisitor mv, Block b, FastCalls.Call call) {
        int n = b.insns.length;
        DecodedInsn jcc = b.insns[n - 1];
        mv.visitLdcInsn(n - 1);
        mv.visitVarInsn(Opcodes.ISTORE, POS);
        mv.visitVarInsn(Opcodes.ALOAD, C);
        mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "extraCycles", "I");
        mv.visitVarInsn(Opcodes.ISTORE, EXTRA);
        setEip(mv, "eip", b.offsets[n - 1]);
        setEip(mv, "nextEip", b.offsets[n - 1] + jcc.length);
        boolean logic = call.method.startsWith("test");
        boolean writes = call.method.startsWith("sub");
        loadReg(mv, call.args[0]);
        mv.visitVarInsn(Opcodes.ISTORE, A);
        if (call.method.endsWith("RR")) {
            loadReg(mv, call.args[1]);
        } else {
            mv.visitLdcInsn(call.args[1]);
        }
        mv.visitVarInsn(Opcodes.ISTORE, B);
        mv.visitVarInsn(Opcodes.ILOAD, A);
        mv.visitVarInsn(Opcodes.ILOAD, B);
        mv.visitInsn(logic ? Opcodes.IAND : Opcodes.ISUB);
        mv.visitVarInsn(Opcodes.ISTORE, R);
        if (writes) {
            mv.visitVarInsn(Opcodes.ALOAD, C);
            mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "reg", "[I");
            mv.visitLdcInsn(call.args[0]);
            mv.visitVarInsn(Opcodes.ILOAD, R);
            mv.visitInsn(Opcodes.IASTORE);
        }
        // cpu.setLazy(LF_SUB or LF_LOGIC, 4, a, b, r, all flags)
        mv.visitVarInsn(Opcodes.ALOAD, C);
        mv.visitLdcInsn(logic ? Cpu.LF_LOGIC : Cpu.LF_SUB);
        mv.visitLdcInsn(4);
        mv.visitVarInsn(Opcodes.ILOAD, A);
        mv.visitVarInsn(Opcodes.ILOAD, B);
        mv.visitVarInsn(Opcodes.ILOAD, R);
        mv.visitLdcInsn(Cpu.ARITH_FLAGS);
        mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, CPU, "setLazy", "(IIIIII)V", false);
        Label taken = new Label();
        Label notTaken = new Label();
        int cc = jcc.opcode & 0xF;
        // The test for the even condition (O B Z BE S P L LE); an odd one swaps the targets.
        Label yes = (cc & 1) == 0 ? taken : notTaken;
        Label no = (cc & 1) == 0 ? notTaken : taken;
        condition(mv, cc >>> 1, logic, yes);
        mv.visitJumpInsn(Opcodes.GOTO, no);
        mv.visitLabel(taken);
        {
            int alt = jcc.row.clkAlt; // a taken Jcc pays the row's taken count plus one, as in Fast32
            mv.visitVarInsn(Opcodes.ALOAD, C);
            mv.visitLdcInsn(jcc.imm);
            mv.visitInsn(jcc.o32 ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
            mv.visitLdcInsn(alt != 0 ? alt - jcc.row.clkReg + 1 : 1);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, Type.getInternalName(org.jinx.cpu.exec.Fast32.class), "branch",
                    "(L" + CPU + ";IZI)V", false);
        }
        mv.visitLabel(notTaken);
    }

    /**
     * Jumps to {@code yes} when condition {@code pair} (cc / 2: O B Z BE S P L LE) holds after
     * SUB a, b = r ({@code logic} false) or AND a, b = r (OF = CF = 0).
     */
    private static void condition(MethodVisitor mv, int pair, boolean logic, Label yes) {
        switch (pair) {
            case 0: // OF
                if (!logic) {
                    mv.visitVarInsn(Opcodes.ILOAD, A);
                    mv.visitVarInsn(Opcodes.ILOAD, B);
                    mv.visitInsn(Opcodes.IXOR);
                    mv.visitVarInsn(Opcodes.ILOAD, A);
                    mv.visitVarInsn(Opcodes.ILOAD, R);
                    mv.visitInsn(Opcodes.IXOR);
                    mv.visitInsn(Opcodes.IAND);
                    mv.visitJumpInsn(Opcodes.IFLT, yes);
                }
                return;
            case 1: // CF: a < b unsigned
            case 3: // CF or ZF: a <= b unsigned
                if (!logic) {
                    mv.visitVarInsn(Opcodes.ILOAD, A);
                    mv.visitLdcInsn(Integer.MIN_VALUE);
                    mv.visitInsn(Opcodes.IXOR);
                    mv.visitVarInsn(Opcodes.ILOAD, B);
                    mv.visitLdcInsn(Integer.MIN_VALUE);
                    mv.visitInsn(Opcodes.IXOR);
                    mv.visitJumpInsn(pair == 1 ? Opcodes.IF_ICMPLT : Opcodes.IF_ICMPLE, yes);
                } else if (pair == 3) {
                    mv.visitVarInsn(Opcodes.ILOAD, R);
                    mv.visitJumpInsn(Opcodes.IFEQ, yes);
                }
                return;
            case 2: // ZF
                mv.visitVarInsn(Opcodes.ILOAD, R);
                mv.visitJumpInsn(Opcodes.IFEQ, yes);
                return;
            case 4: // SF
                mv.visitVarInsn(Opcodes.ILOAD, R);
                mv.visitJumpInsn(Opcodes.IFLT, yes);
                return;
            case 5: // PF: even parity of the low byte
                mv.visitVarInsn(Opcodes.ILOAD, R);
                mv.visitLdcInsn(0xFF);
                mv.visitInsn(Opcodes.IAND);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/Integer", "bitCount", "(I)I", false);
                mv.visitInsn(Opcodes.ICONST_1);
                mv.visitInsn(Opcodes.IAND);
                mv.visitJumpInsn(Opcodes.IFEQ, yes);
                return;
            case 6: // SF != OF: a < b signed (SUB); r < 0 (AND)
                if (!logic) {
                    mv.visitVarInsn(Opcodes.ILOAD, A);
                    mv.visitVarInsn(Opcodes.ILOAD, B);
                    mv.visitJumpInsn(Opcodes.IF_ICMPLT, yes);
                } else {
                    mv.visitVarInsn(Opcodes.ILOAD, R);
                    mv.visitJumpInsn(Opcodes.IFLT, yes);
                }
                return;
            default: // ZF or SF != OF: a <= b signed (SUB); r <= 0 (AND)
                if (!logic) {
                    mv.visitVarInsn(Opcodes.ILOAD, A);
                    mv.visitVarInsn(Opcodes.ILOAD, B);
                    mv.visitJumpInsn(Opcodes.IF_ICMPLE, yes);
                } else {
                    mv.visitVarInsn(Opcodes.ILOAD, R);
                    mv.visitJumpInsn(Opcodes.IFLE, yes);
                }
                return;
        }
    }

    /**
     * Calls a {@link FastCalls} method with the Cpu and the call's constant arguments, and for a
     * memory form the offset of {@code d}'s memory operand (32-bit addressing), computed here as
     * {@link Cpu#ea} computes it, with the registers and displacement as constants.
     */
    private static void invoke(MethodVisitor mv, FastCalls.Call call, String method, DecodedInsn d) {
        mv.visitVarInsn(Opcodes.ALOAD, C);
        StringBuilder desc = new StringBuilder("(L" + CPU + ";");
        for (int a : call.args) {
            mv.visitLdcInsn(a);
            desc.append('I');
        }
        if (call.memory) {
            mv.visitLdcInsn(d.disp);
            if (d.base >= 0) {
                loadReg(mv, d.base);
                mv.visitInsn(Opcodes.IADD);
            }
            if (d.index >= 0) {
                loadReg(mv, d.index);
                mv.visitLdcInsn(d.scale);
                mv.visitInsn(Opcodes.ISHL);
                mv.visitInsn(Opcodes.IADD);
            }
            desc.append('I');
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, CALLS, method, desc.append(")V").toString(), false);
    }

    /** Pushes cpu.reg[r]. */
    private static void loadReg(MethodVisitor mv, int r) {
        mv.visitVarInsn(Opcodes.ALOAD, C);
        mv.visitFieldInsn(Opcodes.GETFIELD, CPU, "reg", "[I");
        mv.visitLdcInsn(r);
        mv.visitInsn(Opcodes.IALOAD);
    }

    /**
     * Fills {@code calls} with the instructions that run as {@link FastCalls} (null for the
     * others) and returns, for each, whether any flag it defines can be read before a later
     * instruction of the block defines it again. A backward pass over the block: after its last
     * instruction every flag is live (the next block may read it); every instruction that is not
     * a register-only form (it may read flags, fault, or write memory and stop the block, and
     * then the flags must be those of the instructions before it) makes every flag live again.
     */
    static boolean[] liveFlags(Block b, FastCalls.Call[] calls) {
        int n = b.insns.length;
        boolean[] needed = new boolean[n];
        int live = Cpu.ARITH_FLAGS;
        for (int i = n - 1; i >= 0; i--) {
            FastCalls.Call call = b.ops[i].handler() == null ? FastCalls.describe(b.insns[i]) : null;
            calls[i] = call;
            if (call == null || call.memory) {
                needed[i] = true;
                live = Cpu.ARITH_FLAGS;
            } else {
                needed[i] = (live & call.defines) != 0;
                live &= ~call.defines;
            }
        }
        return needed;
    }

    /** cpu.field = the block's EIP + offset. */
    private static void setEip(MethodVisitor mv, String field, int offset) {
        mv.visitVarInsn(Opcodes.ALOAD, C);
        mv.visitVarInsn(Opcodes.ILOAD, EIP);
        mv.visitLdcInsn(offset);
        mv.visitInsn(Opcodes.IADD);
        mv.visitFieldInsn(Opcodes.PUTFIELD, CPU, field, "I");
    }

    /** A block's identity for sharing its class: its bytes and code size. */
    private static final class Key {
        private final byte[] bytes;
        private final boolean code32;
        private final int hash;

        Key(byte[] bytes, boolean code32) {
            this.bytes = bytes;
            this.code32 = code32;
            this.hash = Arrays.hashCode(bytes) * 2 + (code32 ? 1 : 0);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).code32 == code32 && Arrays.equals(((Key) o).bytes, bytes);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
