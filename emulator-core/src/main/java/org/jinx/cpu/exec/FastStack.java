package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.BlockOp;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * More form-specialised operations for blocks (see {@link Fast32}): PUSH and POP of a 32-bit
 * register or immediate, near CALL and RET with a 32-bit operand size, MOVZX and MOVSX into a
 * 32-bit register, and MOV of a byte between a register and memory. The stack forms assume a
 * 32-bit stack segment (SS.B set), the case of every flat protected-mode program, and run the
 * table handler otherwise; their semantics are those of {@link Stack}, {@link Branch} and
 * {@link DataXfer}, including the order of checks (a CALL's target is checked before its push).
 */
final class FastStack {
    private FastStack() {
    }

    /** A specialised operation for a 32-bit-operand instruction, or null. */
    static BlockOp select(DecodedInsn d) {
        int opc = d.opcode;
        if (!d.o32) {
            return null;
        }
        if (opc >= 0x50 && opc <= 0x57) {
            return push(d, opc - 0x50);
        }
        if (opc >= 0x58 && opc <= 0x5F) {
            return pop(d, opc - 0x58);
        }
        if (opc == 0x68 || opc == 0x6A) {
            return pushImm(d, d.imm);
        }
        if (opc == 0xE8) {
            return call(d);
        }
        if (opc == 0xC3 || opc == 0xC2) {
            return ret(d, opc == 0xC2 ? d.imm & 0xFFFF : 0);
        }
        if (opc == 0x1B6 || opc == 0x1B7 || opc == 0x1BE || opc == 0x1BF) {
            return extend(d, opc);
        }
        return null;
    }

    private static int taken(DecodedInsn d) {
        int alt = d.row.clkAlt;
        return alt != 0 ? alt - d.row.clkReg + 1 : 1;
    }

    /** A dword push on a 32-bit stack: ESP moves only once the write has succeeded. */
    private static void push32(Cpu c, int v) {
        int sp = c.reg[Cpu.ESP] - 4;
        c.write32(Cpu.SS, sp, v);
        c.reg[Cpu.ESP] = sp;
    }

    private static BlockOp push(DecodedInsn d, int r) {
        return new BlockOp() {
            @Override
            public void exec(Cpu c, DecodedInsn x) {
                if (!c.seg[Cpu.SS].big) {
                    x.handler.exec(c, x);
                    return;
                }
                push32(c, c.reg[r]);
            }
        };
    }

    private static BlockOp pushImm(DecodedInsn d, int v) {
        return new BlockOp() {
            @Override
            public void exec(Cpu c, DecodedInsn x) {
                if (!c.seg[Cpu.SS].big) {
                    x.handler.exec(c, x);
                    return;
                }
                push32(c, v);
            }
        };
    }

    private static BlockOp pop(DecodedInsn d, int r) {
        return new BlockOp() {
            @Override
            public void exec(Cpu c, DecodedInsn x) {
                if (!c.seg[Cpu.SS].big) {
                    x.handler.exec(c, x);
                    return;
                }
                int sp = c.reg[Cpu.ESP];
                int v = c.read32(Cpu.SS, sp);
                c.reg[Cpu.ESP] = sp + 4;
                c.reg[r] = v; // POP ESP: the value read, not the incremented pointer
            }
        };
    }

    private static BlockOp call(DecodedInsn d) {
        int disp = d.imm;
        int taken = taken(d);
        return new BlockOp() {
            @Override
            public void exec(Cpu c, DecodedInsn x) {
                if (!c.seg[Cpu.SS].big) {
                    x.handler.exec(c, x);
                    return;
                }
                int ret = c.nextEip;
                int target = ret + disp;
                if ((target & 0xFFFFFFFFL) > c.seg[Cpu.CS].hi) {
                    throw c.gp(0);
                }
                c.nextEip = target;
                push32(c, ret);
                c.extraCycles += taken;
            }
        };
    }

    private static BlockOp ret(DecodedInsn d, int release) {
        int taken = taken(d);
        return new BlockOp() {
            @Override
            public void exec(Cpu c, DecodedInsn x) {
                if (!c.seg[Cpu.SS].big) {
                    x.handler.exec(c, x);
                    return;
                }
                int sp = c.reg[Cpu.ESP];
                int target = c.read32(Cpu.SS, sp);
                if ((target & 0xFFFFFFFFL) > c.seg[Cpu.CS].hi) {
                    throw c.gp(0);
                }
                c.nextEip = target;
                c.reg[Cpu.ESP] = sp + 4 + release;
                c.extraCycles += taken;
            }
        };
    }

    /** MOVZX/MOVSX Gv,Eb and Gv,Ew (0F B6, B7, BE, BF) into a 32-bit register. */
    private static BlockOp extend(DecodedInsn d, int opc) {
        int g = d.reg;
        int r = d.rm;
        boolean word = (opc & 1) != 0;
        boolean signed = opc >= 0x1BE;
        if (d.mod == 3) {
            if (word) {
                return new BlockOp() {
                    @Override
                    public void exec(Cpu c, DecodedInsn x) {
                        int v = c.reg[r];
                        c.reg[g] = signed ? (short) v : v & 0xFFFF;
                    }
                };
            }
            return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int v = c.reg8(r);
                    c.reg[g] = signed ? (byte) v : v;
                }
            };
        }
        if (word) {
            return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    int v = c.read16(x.seg, ea(c, x));
                    c.reg[g] = signed ? (short) v : v;
                }
            };
        }
        return new BlockOp() {
            @Override
            public void exec(Cpu c, DecodedInsn x) {
                int v = c.read8(x.seg, ea(c, x));
                c.reg[g] = signed ? (byte) v : v;
            }
        };
    }

    /** MOV Eb,Gb (88) and MOV Gb,Eb (8A) with a memory operand. */
    static BlockOp movByte(DecodedInsn d) {
        if (d.mod == 3 || d.lock || d.rep != 0 || d.handler != d.row.handler) {
            return null;
        }
        int g = d.reg;
        if (d.opcode == 0x8A) {
            return new BlockOp() {
                @Override
                public void exec(Cpu c, DecodedInsn x) {
                    c.setReg8(g, c.read8(x.seg, ea(c, x)));
                }
            };
        }
        return new BlockOp() {
            @Override
            public void exec(Cpu c, DecodedInsn x) {
                int ea = ea(c, x);
                c.write8(x.seg, ea, c.reg8(g));
            }
        };
    }

    private static int ea(Cpu c, DecodedInsn x) {
        int ea = c.ea(x);
        c.lastEa = ea;
        return ea;
    }
}
