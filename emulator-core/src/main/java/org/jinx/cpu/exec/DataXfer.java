package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/** Data movement: MOV in all its forms, MOVZX MOVSX, XCHG, LEA, CBW CWD, XLAT, far-pointer loads. */
public final class DataXfer {
    private DataXfer() {
    }

    /**
     * MOV Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev (88-8B), AL/eAX and moffs (A0-A3), r,Ib and r,Iv
     * (B0-BF), Eb,Ib and Ev,Iv (C6 /0, C7 /0). The decoder has already resolved both operands
     * (moffs is a memory operand with no base or index), so one move covers every form.
     */
    public static void mov(Cpu cpu, DecodedInsn d) {
        cpu.storeOp1(d, cpu.getOp2(d));
    }

    /**
     * MOV Ew,Sw (8C). With a 32-bit operand size and a register destination the 386 writes the
     * whole register, the selector zero-extended; a memory destination always takes 16 bits.
     */
    public static void movFromSreg(Cpu cpu, DecodedInsn d) {
        if (d.reg > Cpu.GS) {
            throw cpu.ud();
        }
        int sel = cpu.seg[d.reg].selector & 0xFFFF;
        if (d.mod == 3) {
            cpu.setReg(d.o32 ? 4 : 2, d.rm, sel);
        } else {
            cpu.storeE(d, 2, sel);
        }
    }

    /**
     * MOV Sw,Ew (8E). CS cannot be loaded this way, and reg values 6 and 7 name no segment
     * register: both are #UD. Loading SS holds off interrupts for one instruction so that a
     * following MOV eSP completes the switch to the new stack.
     */
    public static void movToSreg(Cpu cpu, DecodedInsn d) {
        int sreg = d.reg;
        if (sreg == Cpu.CS || sreg > Cpu.GS) {
            throw cpu.ud();
        }
        int sel = cpu.getE(d, 2);
        SegmentLoad.load(cpu, sreg, sel);
        if (sreg == Cpu.SS) {
            cpu.inhibitInterrupts = true;
        }
        chargeProtected(cpu, d);
    }

    /** MOVZX Gv,Eb (0F B6) and Gv,Ew (0F B7). */
    public static void movzx(Cpu cpu, DecodedInsn d) {
        int v = cpu.getE(d, (d.opcode & 1) == 0 ? 1 : 2);
        cpu.setReg(d.osize, d.reg, v);
    }

    /** MOVSX Gv,Eb (0F BE) and Gv,Ew (0F BF). */
    public static void movsx(Cpu cpu, DecodedInsn d) {
        int v;
        if ((d.opcode & 1) == 0) {
            v = (byte) cpu.getE(d, 1);
        } else {
            v = (short) cpu.getE(d, 2);
        }
        cpu.setReg(d.osize, d.reg, v);
    }

    /**
     * XCHG Eb,Gb / Ev,Gv (86, 87) and eAX,r (91-97). The memory operand is written before the
     * register changes, so a write fault (a read-only page after a successful read) leaves the
     * register as it was.
     */
    public static void xchg(Cpu cpu, DecodedInsn d) {
        int a = cpu.getOp1(d);
        int b = cpu.getOp2(d);
        cpu.setOp1(d, b);
        cpu.setReg(d.osize, d.r2, a);
    }

    /** LEA Gv,M: the offset itself, computed at the address size and cut to the operand size. */
    public static void lea(Cpu cpu, DecodedInsn d) {
        cpu.setReg(d.osize, d.reg, cpu.ea(d));
    }

    /** CBW (AX = sign-extended AL) and CWDE (EAX = sign-extended AX). */
    public static void cbw(Cpu cpu, DecodedInsn d) {
        int[] r = cpu.reg;
        if (d.o32) {
            r[Cpu.EAX] = (short) r[Cpu.EAX];
        } else {
            cpu.setReg16(Cpu.EAX, (byte) r[Cpu.EAX]);
        }
    }

    /** CWD (DX:AX = sign-extended AX) and CDQ (EDX:EAX = sign-extended EAX). */
    public static void cwd(Cpu cpu, DecodedInsn d) {
        int[] r = cpu.reg;
        if (d.o32) {
            r[Cpu.EDX] = r[Cpu.EAX] >> 31;
        } else {
            cpu.setReg16(Cpu.EDX, (short) r[Cpu.EAX] >> 15);
        }
    }

    /** XLAT: AL = seg:[eBX + unsigned AL], DS unless overridden, eBX by the address size. */
    public static void xlat(Cpu cpu, DecodedInsn d) {
        int off = cpu.reg[Cpu.EBX] + (cpu.reg[Cpu.EAX] & 0xFF);
        if (!d.a32) {
            off &= 0xFFFF;
        }
        cpu.setReg8(Cpu.EAX, cpu.read8(d.seg, off));
    }

    /**
     * LES (C4), LDS (C5), LSS (0F B2), LFS (0F B4), LGS (0F B5): Gv,Mp. The far pointer in memory
     * is the offset (operand size) followed by the 16-bit selector. The segment register is
     * loaded first and the general register written last, so a fault in the load changes
     * nothing.
     */
    public static void loadFarPointer(Cpu cpu, DecodedInsn d) {
        int sreg;
        switch (d.opcode) {
            case 0xC4: sreg = Cpu.ES; break;
            case 0xC5: sreg = Cpu.DS; break;
            case 0x1B2: sreg = Cpu.SS; break;
            case 0x1B4: sreg = Cpu.FS; break;
            default: sreg = Cpu.GS; break;
        }
        int size = d.osize;
        int ea = cpu.ea(d);
        int off = cpu.read(size, d.seg, ea);
        // The selector's offset is not wrapped at 64 KiB: a pointer that runs past the limit faults.
        int sel = cpu.read16(d.seg, ea + size);
        SegmentLoad.load(cpu, sreg, sel);
        cpu.setReg(size, d.reg, off);
        if (sreg == Cpu.SS) {
            cpu.inhibitInterrupts = true;
        }
        chargeProtected(cpu, d);
    }

    /**
     * Segment loads in protected mode read a descriptor and cost the row's alternative count
     * (one more with a memory operand, as in the manual's "18/19"), instead of the real-mode count.
     */
    static void chargeProtected(Cpu cpu, DecodedInsn d) {
        if (cpu.protectedMode() && !cpu.v86()) {
            int alt = d.row.clkAlt;
            if (d.mod != 3) {
                cpu.extraCycles += alt + (d.row.clkMem != d.row.clkReg ? 1 : 0) - d.row.clkMem;
            } else {
                cpu.extraCycles += alt - d.row.clkReg;
            }
        }
    }
}
