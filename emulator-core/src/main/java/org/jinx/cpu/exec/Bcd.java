package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Decimal adjustment: DAA DAS (packed BCD in AL), AAA AAS AAM AAD (unpacked BCD in AX).
 *
 * <p>The algorithms are the SDM's pseudo-code, which is also what current processors do; it
 * differs from the older 80386 manual in two places: DAA/DAS test the original AL (not the
 * value after the low-nibble step) against 99h, and AAA/AAS adjust AX as a whole (AX + 106h,
 * AX - 6), so a carry or borrow out of AL reaches AH. Flags the manual leaves undefined: OF
 * after DAA/DAS and OF SF ZF PF after AAA/AAS are left unchanged; OF AF CF after AAM/AAD are
 * cleared.
 */
public final class Bcd {
    private Bcd() {
    }

    public static void daa(Cpu cpu, DecodedInsn d) {
        int old = cpu.reg[Cpu.EAX] & 0xFF;
        boolean oldCf = cpu.cf();
        boolean af = (old & 0xF) > 9 || cpu.af();
        int al = af ? old + 6 : old;
        boolean cf = old > 0x99 || oldCf;
        if (cf) {
            al += 0x60;
        }
        setAl(cpu, al);
        cpu.setLazy(Cpu.LF_RESULT, 1, 0, 0, al, Cpu.SF | Cpu.ZF | Cpu.PF);
        cpu.setFlag(Cpu.CF, cf);
        cpu.setFlag(Cpu.AF, af);
    }

    /** DAS: a borrow out of the low-nibble step also sets CF (AL below 6 with AF set). */
    public static void das(Cpu cpu, DecodedInsn d) {
        int old = cpu.reg[Cpu.EAX] & 0xFF;
        boolean oldCf = cpu.cf();
        boolean af = (old & 0xF) > 9 || cpu.af();
        int al = old;
        boolean cf = false;
        if (af) {
            al = old - 6;
            cf = oldCf || al < 0;
        }
        if (old > 0x99 || oldCf) {
            al -= 0x60;
            cf = true;
        }
        setAl(cpu, al);
        cpu.setLazy(Cpu.LF_RESULT, 1, 0, 0, al, Cpu.SF | Cpu.ZF | Cpu.PF);
        cpu.setFlag(Cpu.CF, cf);
        cpu.setFlag(Cpu.AF, af);
    }

    public static void aaa(Cpu cpu, DecodedInsn d) {
        int ax = cpu.reg[Cpu.EAX] & 0xFFFF;
        boolean adjust = (ax & 0xF) > 9 || cpu.af();
        if (adjust) {
            ax += 0x106;
        }
        cpu.setReg16(Cpu.EAX, ax & 0xFF0F);
        cpu.setFlag(Cpu.CF, adjust);
        cpu.setFlag(Cpu.AF, adjust);
    }

    public static void aas(Cpu cpu, DecodedInsn d) {
        int ax = cpu.reg[Cpu.EAX] & 0xFFFF;
        boolean adjust = (ax & 0xF) > 9 || cpu.af();
        if (adjust) {
            ax = ax - 6 - 0x100;
        }
        cpu.setReg16(Cpu.EAX, ax & 0xFF0F);
        cpu.setFlag(Cpu.CF, adjust);
        cpu.setFlag(Cpu.AF, adjust);
    }

    /** AAM Ib: AH = AL / base, AL = AL mod base; base 0 raises #DE before anything changes. */
    public static void aam(Cpu cpu, DecodedInsn d) {
        int base = d.imm & 0xFF;
        if (base == 0) {
            throw cpu.fault(Exceptions.DE);
        }
        int al = cpu.reg[Cpu.EAX] & 0xFF;
        int r = al % base;
        cpu.setReg16(Cpu.EAX, (al / base) << 8 | r);
        cpu.setLazy(Cpu.LF_RESULT, 1, 0, 0, r, Cpu.ARITH_FLAGS);
    }

    /** AAD Ib: AL = (AL + AH * base) mod 256, AH = 0. */
    public static void aad(Cpu cpu, DecodedInsn d) {
        int ax = cpu.reg[Cpu.EAX];
        int al = (ax & 0xFF) + (ax >>> 8 & 0xFF) * (d.imm & 0xFF) & 0xFF;
        cpu.setReg16(Cpu.EAX, al);
        cpu.setLazy(Cpu.LF_RESULT, 1, 0, 0, al, Cpu.ARITH_FLAGS);
    }

    private static void setAl(Cpu cpu, int al) {
        cpu.setReg8(Cpu.EAX, al);
    }
}
