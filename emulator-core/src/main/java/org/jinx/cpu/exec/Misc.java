package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.decode.DecodedInsn;

/** What fits nowhere else: NOP, BOUND, WAIT, the x87 escapes without an FPU, invalid opcodes. */
public final class Misc {
    private Misc() {
    }

    /**
     * BOUND Gv,Ma: the memory operand is a pair of signed bounds at the operand size, lower then
     * upper; #BR (a fault, no error code) when the signed index lies outside [lower, upper].
     */
    public static void bound(Cpu cpu, DecodedInsn d) {
        int ea = cpu.ea(d);
        int hiAt = ea + d.osize; // not wrapped at 64 KiB: a pair past the limit faults
        int index;
        int lower;
        int upper;
        if (d.osize == 4) {
            index = cpu.reg[d.reg];
            lower = cpu.read32(d.seg, ea);
            upper = cpu.read32(d.seg, hiAt);
        } else {
            index = (short) cpu.reg[d.reg];
            lower = (short) cpu.read16(d.seg, ea);
            upper = (short) cpu.read16(d.seg, hiAt);
        }
        if (index < lower || index > upper) {
            throw cpu.fault(Exceptions.BR);
        }
    }

    /**
     * ESC (D8-DF), an x87 instruction: #NM when CR0.EM (emulate the coprocessor) or CR0.TS (the
     * coprocessor state belongs to another task). Otherwise no coprocessor answers, and the
     * instruction does nothing.
     */
    public static void esc(Cpu cpu, DecodedInsn d) {
        if ((cpu.cr0 & (Cpu.CR0_EM | Cpu.CR0_TS)) != 0) {
            throw cpu.fault(Exceptions.NM);
        }
    }

    /** WAIT (9B): #NM when both CR0.MP and CR0.TS are set; otherwise there is nothing to wait for. */
    public static void fwait(Cpu cpu, DecodedInsn d) {
        if ((cpu.cr0 & (Cpu.CR0_MP | Cpu.CR0_TS)) == (Cpu.CR0_MP | Cpu.CR0_TS)) {
            throw cpu.fault(Exceptions.NM);
        }
    }

    /** Undefined opcode: #UD. */
    public static void invalid(Cpu cpu, DecodedInsn d) {
        throw cpu.ud();
    }

    public static void nop(Cpu cpu, DecodedInsn d) {
        // Nothing: XCHG eAX,eAX by encoding, and it changes nothing.
    }
}
