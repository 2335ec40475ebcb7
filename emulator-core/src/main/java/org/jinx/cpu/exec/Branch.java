package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Near control transfer: Jcc, JMP, CALL, RET, LOOPcc, JCXZ.
 *
 * <p>Every target is cut to 16 bits when the operand size is 16, then checked against the CS
 * limit; a target beyond it is #GP(0) before anything else changes (a CALL pushes nothing).
 * Timing follows the 386 manual's "7+m" form: a taken transfer pays the row's taken count
 * ({@code clkAlt}) where the row has one, plus one clock for m, the first component of the
 * next instruction.
 */
public final class Branch {
    private Branch() {
    }

    /** Checks {@code target} against the CS limit and makes it the next instruction. */
    private static void transfer(Cpu cpu, DecodedInsn d, int target) {
        if (!d.o32) {
            target &= 0xFFFF;
        }
        if ((target & 0xFFFFFFFFL) > cpu.seg[Cpu.CS].hi) {
            throw cpu.gp(0);
        }
        cpu.nextEip = target;
    }

    /** Clocks beyond the row for a taken transfer. */
    private static void chargeTaken(Cpu cpu, DecodedInsn d) {
        int alt = d.row.clkAlt;
        cpu.extraCycles += alt != 0 ? alt - d.row.clkReg + 1 : 1;
    }

    /** Jcc Jb (70-7F) and Jcc Jv (0F 80-8F): the condition is the opcode's low nibble. */
    public static void jcc(Cpu cpu, DecodedInsn d) {
        if (cpu.condition(d.opcode & 0xF)) {
            transfer(cpu, d, cpu.nextEip + d.imm);
            chargeTaken(cpu, d);
        }
    }

    /** JMP Jv (E9) and JMP Jb (EB). */
    public static void jmpNear(Cpu cpu, DecodedInsn d) {
        transfer(cpu, d, cpu.nextEip + d.imm);
        chargeTaken(cpu, d);
    }

    /** JMP Ev (FF /4): the target is the operand's value. */
    public static void jmpNearIndirect(Cpu cpu, DecodedInsn d) {
        transfer(cpu, d, cpu.getE(d, d.osize));
        chargeTaken(cpu, d);
    }

    /** CALL Jv (E8): push the return address, then jump. */
    public static void callNear(Cpu cpu, DecodedInsn d) {
        int ret = cpu.nextEip;
        transfer(cpu, d, ret + d.imm);
        cpu.push(d.osize, ret);
        chargeTaken(cpu, d);
    }

    /** CALL Ev (FF /2). An eSP-based operand is read before the push moves eSP. */
    public static void callNearIndirect(Cpu cpu, DecodedInsn d) {
        int ret = cpu.nextEip;
        transfer(cpu, d, cpu.getE(d, d.osize));
        cpu.push(d.osize, ret);
        chargeTaken(cpu, d);
    }

    /** RET (C3) and RET Iw (C2): pop the return address, then release Iw more bytes. */
    public static void retNear(Cpu cpu, DecodedInsn d) {
        int size = d.osize;
        transfer(cpu, d, cpu.peek(size, 0));
        cpu.setSp(cpu.sp() + size + (d.imm & 0xFFFF));
        chargeTaken(cpu, d);
    }

    /**
     * LOOP (E2), LOOPE (E1), LOOPNE (E0): decrement the count register, CX or ECX by the
     * address size, without touching flags; jump while it is not zero (and ZF agrees).
     */
    public static void loop(Cpu cpu, DecodedInsn d) {
        int mask = d.a32 ? -1 : 0xFFFF;
        int ecx = cpu.reg[Cpu.ECX];
        int count = ecx - 1 & mask;
        boolean take = count != 0;
        if (take && d.opcode != 0xE2) {
            take = cpu.zf() == (d.opcode == 0xE1);
        }
        if (take) {
            transfer(cpu, d, cpu.nextEip + d.imm);
            chargeTaken(cpu, d);
        }
        cpu.reg[Cpu.ECX] = ecx & ~mask | count;
    }

    /** JCXZ/JECXZ (E3): jump when CX (16-bit address size) or ECX is zero. */
    public static void jcxz(Cpu cpu, DecodedInsn d) {
        int count = d.a32 ? cpu.reg[Cpu.ECX] : cpu.reg[Cpu.ECX] & 0xFFFF;
        if (count == 0) {
            transfer(cpu, d, cpu.nextEip + d.imm);
            chargeTaken(cpu, d);
        }
    }
}
