package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.BlockOp;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Handlers specialised per operand form for the commonest 32-bit instructions: ALU operations
 * register-register, register-immediate and register-memory, MOV in its register, immediate,
 * load and store forms, INC and DEC of a register, LEA, shifts and rotates of a register by an
 * immediate count, and Jcc. The decoded form is chosen once,
 * when a block is built, and the register numbers are bound into the handler, so these skip
 * the generic operand fetch ({@link Cpu#getOp1} and friends, which switch on operand kind and
 * size every time). The semantics are exactly those of the generic handlers in {@link Arith}
 * and {@link DataXfer}, which still serve every other form and the single-step path.
 */
public final class Fast32 {
    private static final int ALL = Cpu.ARITH_FLAGS;
    private static final int ALL_BUT_CF = Cpu.ARITH_FLAGS & ~Cpu.CF;
    static final int NONE = -1;

    private Fast32() {
    }

    /** A specialised handler for {@code d}, or null when the generic one must serve. */
    public static BlockOp select(DecodedInsn d) {
        if (d.lock || d.handler != d.row.handler || d.rep != 0) {
            return null;
        }
        int opc = d.opcode;
        if (opc >= 0x70 && opc <= 0x7F || opc >= 0x180 && opc <= 0x18F) {
            return jcc(d);
        }
        if (opc == 0x88 || opc == 0x8A) {
            return FastStack.movByte(d);
        }
        if (d.osize != 4) {
            return null;
        }
        BlockOp stackOrExtend = FastStack.select(d);
        if (stackOrExtend != null) {
            return stackOrExtend;
        }
        String mn = d.row.mnemonic;
        boolean mem = d.mod != 3;
        int r1 = register(d, d.k1, d.r1);
        int r2 = register(d, d.k2, d.r2);
        boolean imm2 = d.k2 == DecodedInsn.K_IMM && d.k1 != DecodedInsn.K_IMM;
        int imm = d.imm;
        if (mn.equals("LEA")) {
            int g = d.reg;
            return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    c.reg[g] = c.ea(x);
                }
            };
        }
        if (mn.equals("INC") || mn.equals("DEC")) {
            if (r1 == NONE || d.k2 != DecodedInsn.K_NONE) {
                return null;
            }
            if (mn.equals("DEC")) {
                return new BlockOp() {
                    @Override
                    public void exec(Cpu c, DecodedInsn x) {
                        int a = c.reg[r1];
                        int r = a - 1;
                        c.reg[r1] = r;
                        c.setLazy(Cpu.LF_SUB, 4, a, 1, r, ALL_BUT_CF);
                    }
                };
            }
            return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[r1];
                    int r = a + 1;
                    c.reg[r1] = r;
                    c.setLazy(Cpu.LF_ADD, 4, a, 1, r, ALL_BUT_CF);
                }
            };
        }
        if (d.row.operands.size() != 2) {
            return null;
        }
        if (mn.equals("MOV")) {
            return mov(d, r1, r2, imm2, imm, mem);
        }
        if (r1 != NONE && imm2 && (imm & 0x1F) != 0 && (opc == 0xC1 || opc == 0xD1)) {
            return shift(d.reg, r1, imm & 0x1F);
        }
        int op = aluOp(mn);
        if (op < 0) {
            return null;
        }
        if (r1 != NONE && r2 != NONE) {
            return aluRegReg(op, r1, r2);
        }
        if (r1 != NONE && imm2) {
            return aluRegImm(op, r1, imm);
        }
        if (r1 != NONE && d.k2 == DecodedInsn.K_E && mem) {
            return aluRegMem(op, r1);
        }
        return null;
    }

    /**
     * The register an operand of kind {@code k} names ({@code fixed}: the decoder's register for
     * G and fixed-register kinds), or NONE for memory and immediates.
     */
    static int register(DecodedInsn d, int k, int fixed) {
        if (k == DecodedInsn.K_E) {
            return d.mod == 3 ? d.rm : NONE;
        }
        if (k == DecodedInsn.K_G || k == DecodedInsn.K_REG) {
            return fixed;
        }
        return NONE;
    }

    /**
     * Jcc (70-7F, 0F 80-8F), as {@link Branch#jcc}: a taken branch checks the target against
     * the CS limit and pays the row's taken count plus one.
     */
    private static BlockOp jcc(DecodedInsn d) {
        int cc = d.opcode & 0xF;
        int disp = d.imm;
        boolean o32 = d.o32;
        int alt = d.row.clkAlt;
        int taken = alt != 0 ? alt - d.row.clkReg + 1 : 1;
        if (cc == 4 || cc == 5) {
            boolean onZero = cc == 4;
            return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    if (c.zf() == onZero) {
                        branch(c, disp, o32, taken);
                    }
                }
            };
        }
        return new BlockOp() {
            @Override
            public void exec(Cpu c, DecodedInsn x) {
                if (c.condition(cc)) {
                    branch(c, disp, o32, taken);
                }
            }
        };
    }

    public static void branch(Cpu c, int disp, boolean o32, int taken) {
        int target = c.nextEip + disp;
        if (!o32) {
            target &= 0xFFFF;
        }
        if ((target & 0xFFFFFFFFL) > c.seg[Cpu.CS].hi) {
            throw c.gp(0);
        }
        c.nextEip = target;
        c.extraCycles += taken;
    }

    /**
     * Group 2 on a 32-bit register by a count of 1-31 (C1 /r Ib, D1 /r), as {@link Shift}: ROL,
     * ROR, SHL (and its alias /6), SHR, SAR; RCL and RCR stay generic.
     */
    private static BlockOp shift(int op, int r, int n) {
        // The bodies are FastCalls', which compiled blocks call with the same constants.
        switch (op) {
            case 0: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    FastCalls.rol(c, r, n);
                }
            };
            case 1: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    FastCalls.ror(c, r, 32 - n);
                }
            };
            case 4:
            case 6: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    FastCalls.shl(c, r, n);
                }
            };
            case 5: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    FastCalls.shr(c, r, n);
                }
            };
            case 7: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    FastCalls.sar(c, r, n);
                }
            };
            default: return null;
        }
    }

    private static BlockOp mov(DecodedInsn d, int dst, int src, boolean imm2, int imm, boolean mem) {
        if (dst != NONE && src != NONE) {
            return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    c.reg[dst] = c.reg[src];
                }
            };
        }
        if (dst != NONE && imm2) {
            return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    c.reg[dst] = imm;
                }
            };
        }
        if (dst != NONE && d.k2 == DecodedInsn.K_E && mem) {
            return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int ea = c.ea(x);
                    c.lastEa = ea;
                    c.reg[dst] = c.read32(x.seg, ea);
                }
            };
        }
        if (d.k1 == DecodedInsn.K_E && mem && src != NONE) {
            return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int ea = c.ea(x);
                    c.lastEa = ea;
                    c.write32(x.seg, ea, c.reg[src]);
                }
            };
        }
        if (d.k1 == DecodedInsn.K_E && mem && imm2) {
            return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int ea = c.ea(x);
                    c.lastEa = ea;
                    c.write32(x.seg, ea, imm);
                }
            };
        }
        return null;
    }

    private static final int ADD = 0, OR = 1, AND = 2, SUB = 3, XOR = 4, CMP = 5, TEST = 6;

    private static int aluOp(String mn) {
        switch (mn) {
            case "ADD": return ADD;
            case "OR": return OR;
            case "AND": return AND;
            case "SUB": return SUB;
            case "XOR": return XOR;
            case "CMP": return CMP;
            case "TEST": return TEST;
            default: return -1;
        }
    }

    private static BlockOp aluRegReg(int op, int d, int s) {
        switch (op) {
            case ADD: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = c.reg[s], r = a + b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_ADD, 4, a, b, r, ALL);
                }
            };
            case OR: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = c.reg[s], r = a | b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
                }
            };
            case AND: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = c.reg[s], r = a & b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
                }
            };
            case SUB: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = c.reg[s], r = a - b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_SUB, 4, a, b, r, ALL);
                }
            };
            case XOR: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = c.reg[s], r = a ^ b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
                }
            };
            case CMP: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = c.reg[s];
                    c.setLazy(Cpu.LF_SUB, 4, a, b, a - b, ALL);
                }
            };
            default: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = c.reg[s];
                    c.setLazy(Cpu.LF_LOGIC, 4, a, b, a & b, ALL);
                }
            };
        }
    }

    private static BlockOp aluRegImm(int op, int d, int b) {
        switch (op) {
            case ADD: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], r = a + b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_ADD, 4, a, b, r, ALL);
                }
            };
            case OR: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], r = a | b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
                }
            };
            case AND: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], r = a & b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
                }
            };
            case SUB: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], r = a - b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_SUB, 4, a, b, r, ALL);
                }
            };
            case XOR: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], r = a ^ b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
                }
            };
            case CMP: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d];
                    c.setLazy(Cpu.LF_SUB, 4, a, b, a - b, ALL);
                }
            };
            default: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d];
                    c.setLazy(Cpu.LF_LOGIC, 4, a, b, a & b, ALL);
                }
            };
        }
    }

    /** Gv,Ev with a memory source (and TEST/CMP with the memory operand first, read only). */
    private static BlockOp aluRegMem(int op, int d) {
        switch (op) {
            case ADD: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = load(c, x), r = a + b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_ADD, 4, a, b, r, ALL);
                }
            };
            case OR: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = load(c, x), r = a | b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
                }
            };
            case AND: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = load(c, x), r = a & b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
                }
            };
            case SUB: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = load(c, x), r = a - b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_SUB, 4, a, b, r, ALL);
                }
            };
            case XOR: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = load(c, x), r = a ^ b;
                    c.reg[d] = r;
                    c.setLazy(Cpu.LF_LOGIC, 4, a, b, r, ALL);
                }
            };
            case CMP: return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int a = c.reg[d], b = load(c, x);
                    c.setLazy(Cpu.LF_SUB, 4, a, b, a - b, ALL);
                }
            };
            default: return null;
        }
    }

    private static int load(Cpu c, DecodedInsn x) {
        int ea = c.ea(x);
        c.lastEa = ea;
        return c.read32(x.seg, ea);
    }
}
