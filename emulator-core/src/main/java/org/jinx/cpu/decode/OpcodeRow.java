package org.jinx.cpu.decode;

import java.util.List;

/**
 * One row of the opcode table: an opcode (or a group entry selected by ModRM.reg), its
 * mnemonic, operands in SDM letters, attributes, 80386 clock counts and its handler. Rows are
 * built once by {@link OpcodeTable} and never change afterwards.
 */
public final class OpcodeRow {
    /** 0x00-0xFF for the one-byte map, 0x100-0x1FF for the 0F map. */
    public final int opcode;
    /** ModRM.reg for a group entry, else -1. */
    public final int groupReg;
    public final String mnemonic;
    public final List<Operand> operands;
    int attrs;
    /** Clocks with a register (or no) operand, and with a memory operand (chapter 17 of the 386 manual). */
    public int clkReg;
    public int clkMem;
    /** A second count: taken branch, per REP iteration, or the protected-mode form. */
    public int clkAlt;
    /** OSZAPC flags the instruction writes, and those of them the manual leaves undefined. */
    int flagsWritten;
    int flagsUndefined;
    public InsnHandler handler;
    /** Mnemonic when the operand size is 32 bits, where the manual names the forms apart (CWDE). */
    String mnemonic32;

    OpcodeRow(int opcode, int groupReg, String mnemonic, Operand... operands) {
        this.opcode = opcode;
        this.groupReg = groupReg;
        this.mnemonic = mnemonic;
        this.operands = List.of(operands);
        this.mnemonic32 = mnemonic;
    }

    public int attrs() {
        return attrs;
    }

    public boolean has(int attr) {
        return (attrs & attr) != 0;
    }

    public int flagsWritten() {
        return flagsWritten;
    }

    public int flagsUndefined() {
        return flagsUndefined;
    }

    public String mnemonic(boolean o32) {
        return o32 ? mnemonic32 : mnemonic;
    }

    public boolean needsModrm() {
        if (groupReg >= 0 || has(Attr.MODRM)) {
            return true;
        }
        for (Operand o : operands) {
            if (o.needsModrm()) {
                return true;
            }
        }
        return false;
    }

    // Fluent setters used only while the table is built.

    OpcodeRow h(InsnHandler handler) {
        this.handler = handler;
        return this;
    }

    OpcodeRow attr(int a) {
        this.attrs |= a;
        return this;
    }

    OpcodeRow lock() {
        return attr(Attr.LOCKABLE);
    }

    OpcodeRow ends() {
        return attr(Attr.ENDS_BLOCK);
    }

    OpcodeRow priv() {
        return attr(Attr.PRIVILEGED);
    }

    OpcodeRow rep() {
        return attr(Attr.REP);
    }

    OpcodeRow clk(int reg, int mem) {
        this.clkReg = reg;
        this.clkMem = mem;
        return this;
    }

    OpcodeRow clk(int both) {
        return clk(both, both);
    }

    OpcodeRow alt(int alt) {
        this.clkAlt = alt;
        return this;
    }

    OpcodeRow flags(String written, String undefined) {
        this.flagsWritten = Flags.parse(written);
        this.flagsUndefined = Flags.parse(undefined);
        return this;
    }

    OpcodeRow flags(String written) {
        return flags(written, "");
    }

    OpcodeRow m32(String name32) {
        this.mnemonic32 = name32;
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(opcode >= 0x100 ? "0F %02X" : "%02X", opcode & 0xFF));
        if (groupReg >= 0) {
            sb.append(" /").append(groupReg);
        }
        sb.append(' ').append(mnemonic);
        for (int i = 0; i < operands.size(); i++) {
            sb.append(i == 0 ? " " : ",").append(operands.get(i));
        }
        return sb.toString();
    }

    /** Letters O S Z A P C to EFLAGS bits. */
    static final class Flags {
        static int parse(String s) {
            int m = 0;
            for (char c : s.toCharArray()) {
                switch (c) {
                    case 'O': m |= 1 << 11; break;
                    case 'S': m |= 1 << 7; break;
                    case 'Z': m |= 1 << 6; break;
                    case 'A': m |= 1 << 4; break;
                    case 'P': m |= 1 << 2; break;
                    case 'C': m |= 1; break;
                    default: throw new IllegalArgumentException("flag letter " + c);
                }
            }
            return m;
        }
    }
}
