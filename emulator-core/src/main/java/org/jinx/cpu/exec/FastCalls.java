package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * The register-only 32-bit forms of {@link Fast32} (ALU register/register and
 * register/immediate, INC, DEC, MOV, LEA, shifts and rotates by an immediate), and its MOV load
 * and store and ALU register/memory forms with 32-bit addressing, as static methods that take
 * the register numbers, immediates and segment (and the memory operand's offset) as arguments.
 * The block compiler calls them with constant arguments, so once the JIT inlines them it knows
 * every register index and immediate, which it cannot know through the fields of a
 * {@link Fast32} operation.
 *
 * <p>Only the memory forms can fault or write memory. Each register-only form that sets flags
 * also has a variant without them (name ending in {@code NoFlags}; none at all for CMP and TEST,
 * which then do nothing), for when the block compiler has found that every flag it sets is set
 * again by a later instruction of the block before anything can read it (see
 * {@link #describe}). The semantics are those of the {@link Fast32} forms, which are those of
 * the generic handlers.
 */
public final class FastCalls {
    private static final int ALL = Cpu.ARITH_FLAGS;
    private static final int ALL_BUT_CF = Cpu.ARITH_FLAGS & ~Cpu.CF;

    private FastCalls() {
    }

    /** How to run one instruction as a call to a method of this class. */
    public static final class Call {
        /** The method that sets the flags the instruction defines. */
        public final String method;
        /** The method without the flags; null when there is nothing to run (CMP and TEST). */
        public final String methodNoFlags;
        /** The int arguments after the Cpu. */
        public final int[] args;
        /** The flags (OSZAPC bits) the instruction defines: all of them are set by {@link #method}. */
        public final int defines;
        /**
         * A memory form: the method takes the operand's offset as a last argument, which the
         * caller computes from {@code d.base}, {@code d.index}, {@code d.scale} and {@code d.disp}
         * (32-bit addressing); it may fault, and it may write memory when {@link #writes}.
         */
        public final boolean memory;
        public final boolean writes;

        Call(String method, String methodNoFlags, int defines, int... args) {
            this(method, methodNoFlags, defines, false, false, args);
        }

        Call(String method, String methodNoFlags, int defines, boolean memory, boolean writes, int... args) {
            this.method = method;
            this.methodNoFlags = methodNoFlags;
            this.defines = defines;
            this.memory = memory;
            this.writes = writes;
            this.args = args;
        }
    }

    /** The call that runs {@code d}, or null when {@code d} is not one of these forms. */
    public static Call describe(DecodedInsn d) {
        if (d.lock || d.handler != d.row.handler || d.rep != 0 || d.osize != 4 || Fast32.select(d) == null) {
            return null;
        }
        String mn = d.row.mnemonic;
        int r1 = Fast32.register(d, d.k1, d.r1);
        int r2 = Fast32.register(d, d.k2, d.r2);
        boolean imm2 = d.k2 == DecodedInsn.K_IMM && d.k1 != DecodedInsn.K_IMM;
        int opc = d.opcode;
        switch (mn) {
            case "LEA":
                if (!d.a32 || d.mod == 3) {
                    return null;
                }
                if (d.base >= 0 && d.index >= 0) {
                    return new Call("leaBaseIndex", "leaBaseIndex", 0, d.reg, d.base, d.index, d.scale, d.disp);
                }
                if (d.base >= 0) {
                    return new Call("leaBase", "leaBase", 0, d.reg, d.base, d.disp);
                }
                if (d.index >= 0) {
                    return new Call("leaIndex", "leaIndex", 0, d.reg, d.index, d.scale, d.disp);
                }
                return new Call("movRI", "movRI", 0, d.reg, d.disp);
            case "INC":
            case "DEC":
                if (r1 == Fast32.NONE || d.k2 != DecodedInsn.K_NONE) {
                    return null;
                }
                String m = mn.equals("INC") ? "inc" : "dec";
                return new Call(m, m + "NoFlags", ALL_BUT_CF, r1);
            case "MOV":
                if (d.row.operands.size() != 2) {
                    return null;
                }
                if (r1 != Fast32.NONE && r2 != Fast32.NONE) {
                    return new Call("movRR", "movRR", 0, r1, r2);
                }
                if (r1 != Fast32.NONE && imm2) {
                    return new Call("movRI", "movRI", 0, r1, d.imm);
                }
                boolean mem = d.mod != 3 && d.a32;
                if (mem && r1 != Fast32.NONE && d.k2 == DecodedInsn.K_E) {
                    return new Call("load", "load", 0, true, false, r1, d.seg);
                }
                if (mem && d.k1 == DecodedInsn.K_E && r2 != Fast32.NONE) {
                    return new Call("store", "store", 0, true, true, d.seg, r2);
                }
                if (mem && d.k1 == DecodedInsn.K_E && imm2) {
                    return new Call("storeImm", "storeImm", 0, true, true, d.seg, d.imm);
                }
                return null;
            default:
                break;
        }
        if (d.row.operands.size() != 2 || r1 == Fast32.NONE) {
            return null;
        }
        if (imm2 && (d.imm & 0x1F) != 0 && (opc == 0xC1 || opc == 0xD1)) {
            int n = d.imm & 0x1F;
            switch (d.reg) {
                case 0: return new Call("rol", "rolNoFlags", Cpu.CF | Cpu.OF, r1, n);
                case 1: return new Call("ror", "rolNoFlags", Cpu.CF | Cpu.OF, r1, 32 - n);
                case 4:
                case 6: return new Call("shl", "shlNoFlags", ALL, r1, n);
                case 5: return new Call("shr", "shrNoFlags", ALL, r1, n);
                case 7: return new Call("sar", "sarNoFlags", ALL, r1, n);
                default: return null;
            }
        }
        String op;
        switch (mn) {
            case "ADD": op = "add"; break;
            case "OR": op = "or"; break;
            case "AND": op = "and"; break;
            case "SUB": op = "sub"; break;
            case "XOR": op = "xor"; break;
            case "CMP": op = "cmp"; break;
            case "TEST": op = "test"; break;
            default: return null;
        }
        boolean compare = op.equals("cmp") || op.equals("test");
        if (r2 != Fast32.NONE) {
            return new Call(op + "RR", compare ? null : op + "RRNoFlags", ALL, r1, r2);
        }
        if (imm2) {
            return new Call(op + "RI", compare ? null : op + "RINoFlags", ALL, r1, d.imm);
        }
        if (d.k2 == DecodedInsn.K_E && d.mod != 3 && d.a32 && !op.equals("test")) {
            // A load can fault, so the flags before it are always live: no variant without flags.
            return new Call(op + "RM", op + "RM", ALL, true, false, r1, d.seg);
        }
        return null;
    }

    // ---------------------------------------------------------------- memory, at offset ea

    public static void load(Cpu c, int g, int seg, int ea) {
        c.lastEa = ea;
        c.reg[g] = c.read32(seg, ea);
    }

    public static void store(Cpu c, int seg, int s, int ea) {
        c.lastEa = ea;
        c.write32(seg, ea, c.reg[s]);
    }

    public static void storeImm(Cpu c, int seg, int v, int ea) {
        c.lastEa = ea;
        c.write32(seg, ea, v);
    }

    private static int read(Cpu c, int seg, int ea) {
        c.lastEa = ea;
        return c.read32(seg, ea);
    }

    public static void addRM(Cpu c, int d, int seg, int ea) {
        int a = c.reg[d], b = read(c, seg, ea), r = a + b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_ADD, 4, a, b, r, ALL);
    }

    public static void orRM(Cpu c, int d, int seg, int ea) {
        int a = c.reg[d], b = read(c, seg, ea), r = a | b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
    }

    public static void andRM(Cpu c, int d, int seg, int ea) {
        int a = c.reg[d], b = read(c, seg, ea), r = a & b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
    }

    public static void subRM(Cpu c, int d, int seg, int ea) {
        int a = c.reg[d], b = read(c, seg, ea), r = a - b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_SUB, 4, a, b, r, ALL);
    }

    public static void xorRM(Cpu c, int d, int seg, int ea) {
        int a = c.reg[d], b = read(c, seg, ea), r = a ^ b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
    }

    public static void cmpRM(Cpu c, int d, int seg, int ea) {
        int a = c.reg[d], b = read(c, seg, ea);
        c.setLazy(Cpu.LF_SUB, 4, a, b, a - b, ALL);
    }

    // ---------------------------------------------------------------- ALU, register/register

    public static void addRR(Cpu c, int d, int s) {
        int a = c.reg[d], b = c.reg[s], r = a + b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_ADD, 4, a, b, r, ALL);
    }

    public static void addRRNoFlags(Cpu c, int d, int s) {
        c.reg[d] += c.reg[s];
    }

    public static void orRR(Cpu c, int d, int s) {
        int a = c.reg[d], b = c.reg[s], r = a | b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
    }

    public static void orRRNoFlags(Cpu c, int d, int s) {
        c.reg[d] |= c.reg[s];
    }

    public static void andRR(Cpu c, int d, int s) {
        int a = c.reg[d], b = c.reg[s], r = a & b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
    }

    public static void andRRNoFlags(Cpu c, int d, int s) {
        c.reg[d] &= c.reg[s];
    }

    public static void subRR(Cpu c, int d, int s) {
        int a = c.reg[d], b = c.reg[s], r = a - b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_SUB, 4, a, b, r, ALL);
    }

    public static void subRRNoFlags(Cpu c, int d, int s) {
        c.reg[d] -= c.reg[s];
    }

    public static void xorRR(Cpu c, int d, int s) {
        int a = c.reg[d], b = c.reg[s], r = a ^ b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
    }

    public static void xorRRNoFlags(Cpu c, int d, int s) {
        c.reg[d] ^= c.reg[s];
    }

    public static void cmpRR(Cpu c, int d, int s) {
        int a = c.reg[d], b = c.reg[s];
        c.setLazy(Cpu.LF_SUB, 4, a, b, a - b, ALL);
    }

    public static void testRR(Cpu c, int d, int s) {
        int a = c.reg[d], b = c.reg[s];
        c.setLazy(Cpu.LF_LOGIC, 4, a, b, a & b, ALL);
    }

    // ---------------------------------------------------------------- ALU, register/immediate

    public static void addRI(Cpu c, int d, int b) {
        int a = c.reg[d], r = a + b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_ADD, 4, a, b, r, ALL);
    }

    public static void addRINoFlags(Cpu c, int d, int b) {
        c.reg[d] += b;
    }

    public static void orRI(Cpu c, int d, int b) {
        int a = c.reg[d], r = a | b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
    }

    public static void orRINoFlags(Cpu c, int d, int b) {
        c.reg[d] |= b;
    }

    public static void andRI(Cpu c, int d, int b) {
        int a = c.reg[d], r = a & b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
    }

    public static void andRINoFlags(Cpu c, int d, int b) {
        c.reg[d] &= b;
    }

    public static void subRI(Cpu c, int d, int b) {
        int a = c.reg[d], r = a - b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_SUB, 4, a, b, r, ALL);
    }

    public static void subRINoFlags(Cpu c, int d, int b) {
        c.reg[d] -= b;
    }

    public static void xorRI(Cpu c, int d, int b) {
        int a = c.reg[d], r = a ^ b;
        c.reg[d] = r;
        c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
    }

    public static void xorRINoFlags(Cpu c, int d, int b) {
        c.reg[d] ^= b;
    }

    public static void cmpRI(Cpu c, int d, int b) {
        int a = c.reg[d];
        c.setLazy(Cpu.LF_SUB, 4, a, b, a - b, ALL);
    }

    public static void testRI(Cpu c, int d, int b) {
        int a = c.reg[d];
        c.setLazy(Cpu.LF_LOGIC, 4, a, b, a & b, ALL);
    }

    // ---------------------------------------------------------------- INC, DEC, MOV, LEA

    public static void inc(Cpu c, int r) {
        int a = c.reg[r], v = a + 1;
        c.reg[r] = v;
        c.setLazy(Cpu.LF_ADD, 4, a, 1, v, ALL_BUT_CF);
    }

    public static void incNoFlags(Cpu c, int r) {
        c.reg[r]++;
    }

    public static void dec(Cpu c, int r) {
        int a = c.reg[r], v = a - 1;
        c.reg[r] = v;
        c.setLazy(Cpu.LF_SUB, 4, a, 1, v, ALL_BUT_CF);
    }

    public static void decNoFlags(Cpu c, int r) {
        c.reg[r]--;
    }

    public static void movRR(Cpu c, int d, int s) {
        c.reg[d] = c.reg[s];
    }

    public static void movRI(Cpu c, int d, int v) {
        c.reg[d] = v;
    }

    public static void leaBase(Cpu c, int g, int base, int disp) {
        c.reg[g] = c.reg[base] + disp;
    }

    public static void leaIndex(Cpu c, int g, int index, int scale, int disp) {
        c.reg[g] = (c.reg[index] << scale) + disp;
    }

    public static void leaBaseIndex(Cpu c, int g, int base, int index, int scale, int disp) {
        c.reg[g] = c.reg[base] + (c.reg[index] << scale) + disp;
    }

    // ---------------------------------------------------------------- shifts and rotates by 1-31

    /** ROL by n; ROR by 32 - n rotates the same way, only its flags differ. */
    public static void rolNoFlags(Cpu c, int r, int n) {
        int a = c.reg[r];
        c.reg[r] = a << n | a >>> (32 - n);
    }

    public static void rol(Cpu c, int r, int n) {
        int a = c.reg[r];
        int v = a << n | a >>> (32 - n);
        c.reg[r] = v;
        boolean cf = (v & 1) != 0;
        c.setFlag(Cpu.CF, cf);
        c.setFlag(Cpu.OF, v < 0 ^ cf);
    }

    /** ROR by {@code 32 - left} (the caller passes the left rotation, as for rolNoFlags). */
    public static void ror(Cpu c, int r, int left) {
        int a = c.reg[r];
        int v = a << left | a >>> (32 - left);
        c.reg[r] = v;
        c.setFlag(Cpu.CF, v < 0);
        c.setFlag(Cpu.OF, v < 0 ^ (v & 0x40000000) != 0);
    }

    public static void shl(Cpu c, int r, int n) {
        int a = c.reg[r];
        int v = a << n;
        c.reg[r] = v;
        boolean cf = (a >>> (32 - n) & 1) != 0;
        shiftFlags(c, v, cf, v < 0 ^ cf);
    }

    public static void shlNoFlags(Cpu c, int r, int n) {
        c.reg[r] <<= n;
    }

    public static void shr(Cpu c, int r, int n) {
        int a = c.reg[r];
        int v = a >>> n;
        c.reg[r] = v;
        shiftFlags(c, v, (a >>> (n - 1) & 1) != 0, a < 0);
    }

    public static void shrNoFlags(Cpu c, int r, int n) {
        c.reg[r] >>>= n;
    }

    public static void sar(Cpu c, int r, int n) {
        int a = c.reg[r];
        int v = a >> n;
        c.reg[r] = v;
        shiftFlags(c, v, (a >>> (n - 1) & 1) != 0, false);
    }

    public static void sarNoFlags(Cpu c, int r, int n) {
        c.reg[r] >>= n;
    }

    private static void shiftFlags(Cpu c, int r, boolean cf, boolean of) {
        c.setLazy(Cpu.LF_RESULT, 4, 0, 0, r, Cpu.ARITH_FLAGS);
        c.setFlag(Cpu.CF, cf);
        c.setFlag(Cpu.OF, of);
    }
}
