package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Stack instructions: PUSH POP in all forms, PUSHA POPA, PUSHF POPF, ENTER LEAVE.
 *
 * <p>Instructions that touch several stack slots compute every slot from a local copy of the
 * stack pointer and write ESP once at the end, so a fault part-way leaves the registers as they
 * were (slots below the stack pointer may already hold new values, which nothing can observe).
 * SS.B chooses between ESP and SP, and SP wraps within 64 KiB.
 */
public final class Stack {
    /** The EFLAGS bits that exist on the 386 and that POPF can ever write (no AC, no ID, no VM, no RF). */
    private static final int POPF_BITS = Cpu.CF | Cpu.PF | Cpu.AF | Cpu.ZF | Cpu.SF | Cpu.TF | Cpu.IF | Cpu.DF
            | Cpu.OF | Cpu.IOPL | Cpu.NT;

    private Stack() {
    }

    /** PUSH r (50-57), PUSH Iv (68), PUSH Ibs (6A). PUSH eSP pushes the value before the decrement. */
    public static void push(Cpu cpu, DecodedInsn d) {
        cpu.push(d.osize, cpu.getOp1(d));
    }

    /** POP r (58-5F). POP eSP leaves the popped value in eSP (the increment is overwritten). */
    public static void pop(Cpu cpu, DecodedInsn d) {
        int v = cpu.pop(d.osize);
        cpu.setReg(d.osize, d.r1, v);
    }

    /** PUSH Ev (FF /6): an address based on eSP uses eSP before the push. */
    public static void pushEv(Cpu cpu, DecodedInsn d) {
        cpu.push(d.osize, cpu.getE(d, d.osize));
    }

    /**
     * POP Ev (8F /0). The SDM: when ESP is the base of the destination address, the address is
     * computed after the pop has incremented ESP. If the store faults, ESP goes back to its old
     * value so the instruction restarts cleanly.
     */
    public static void popEv(Cpu cpu, DecodedInsn d) {
        int size = d.osize;
        int v = cpu.peek(size, 0);
        int oldEsp = cpu.reg[Cpu.ESP];
        cpu.setSp(cpu.sp() + size);
        if (d.mod == 3) {
            cpu.setReg(size, d.rm, v);
            return;
        }
        try {
            cpu.storeE(d, size, v);
        } catch (CpuFault f) {
            cpu.reg[Cpu.ESP] = oldEsp;
            throw f;
        }
    }

    /** The segment register named by a PUSH/POP Sreg opcode: 06/07 ES, 0E CS, 16/17 SS, 1E/1F DS, 0F A0/A1 FS, 0F A8/A9 GS. */
    private static int sregOf(int opcode) {
        return opcode < 0x100 ? opcode >>> 3 & 3 : Cpu.FS + (opcode >>> 3 & 1);
    }

    /**
     * PUSH Sreg. With a 32-bit operand size the stack pointer moves by 4 but only the low 16
     * bits of the slot are written, as the SDM describes for the processors that do a 16-bit
     * move; the upper half keeps whatever it held. The whole 4-byte slot must lie in the stack
     * segment.
     */
    public static void pushSreg(Cpu cpu, DecodedInsn d) {
        int sel = cpu.seg[sregOf(d.opcode)].selector;
        if (d.osize == 2) {
            cpu.push(2, sel);
            return;
        }
        int nsp = cpu.sp() - 4;
        if (!cpu.stack32()) {
            nsp &= 0xFFFF;
        }
        cpu.checkWrite(Cpu.SS, nsp, 4);
        cpu.write16(Cpu.SS, nsp, sel);
        cpu.setSp(nsp);
    }

    /**
     * POP Sreg. The selector is loaded (and checked) before the stack pointer moves; the
     * increment uses the old stack's size, since POP SS may change SS.B. POP SS holds off
     * interrupts for one instruction, like MOV SS.
     */
    public static void popSreg(Cpu cpu, DecodedInsn d) {
        int sreg = sregOf(d.opcode);
        int size = d.osize;
        boolean big = cpu.stack32();
        int sel = cpu.peek(size, 0) & 0xFFFF;
        int nsp = cpu.reg[Cpu.ESP] + size;
        SegmentLoad.load(cpu, sreg, sel);
        if (big) {
            cpu.reg[Cpu.ESP] = nsp;
        } else {
            cpu.setReg16(Cpu.ESP, nsp);
        }
        if (sreg == Cpu.SS) {
            cpu.inhibitInterrupts = true;
        }
        if (cpu.protectedMode() && !cpu.v86()) {
            cpu.extraCycles += d.row.clkAlt - d.row.clkReg;
        }
    }

    /** PUSHA/PUSHAD: eAX eCX eDX eBX, the original eSP, eBP eSI eDI. */
    public static void pusha(Cpu cpu, DecodedInsn d) {
        int size = d.osize;
        int mask = cpu.stack32() ? -1 : 0xFFFF;
        int[] r = cpu.reg;
        int sp = r[Cpu.ESP];
        for (int i = 0; i < 8; i++) {
            sp -= size;
            cpu.write(size, Cpu.SS, sp & mask, r[i]);
        }
        r[Cpu.ESP] = r[Cpu.ESP] & ~mask | sp & mask;
    }

    /** POPA/POPAD: the reverse of PUSHA, except that the saved eSP is skipped. */
    public static void popa(Cpu cpu, DecodedInsn d) {
        int size = d.osize;
        int mask = cpu.stack32() ? -1 : 0xFFFF;
        int[] r = cpu.reg;
        int sp = r[Cpu.ESP];
        // Read all eight slots before writing any register.
        int di = cpu.read(size, Cpu.SS, sp & mask);
        int si = cpu.read(size, Cpu.SS, sp + size & mask);
        int bp = cpu.read(size, Cpu.SS, sp + 2 * size & mask);
        int bx = cpu.read(size, Cpu.SS, sp + 4 * size & mask);
        int dx = cpu.read(size, Cpu.SS, sp + 5 * size & mask);
        int cx = cpu.read(size, Cpu.SS, sp + 6 * size & mask);
        int ax = cpu.read(size, Cpu.SS, sp + 7 * size & mask);
        cpu.setReg(size, Cpu.EDI, di);
        cpu.setReg(size, Cpu.ESI, si);
        cpu.setReg(size, Cpu.EBP, bp);
        cpu.setReg(size, Cpu.EBX, bx);
        cpu.setReg(size, Cpu.EDX, dx);
        cpu.setReg(size, Cpu.ECX, cx);
        cpu.setReg(size, Cpu.EAX, ax);
        r[Cpu.ESP] = r[Cpu.ESP] & ~mask | sp + 8 * size & mask;
    }

    /**
     * PUSHF/PUSHFD. In virtual-8086 mode with IOPL below 3 it is #GP(0) (the monitor emulates
     * it). The 32-bit image has VM and RF cleared, as the SDM specifies.
     */
    public static void pushf(Cpu cpu, DecodedInsn d) {
        if (cpu.v86() && cpu.iopl() < 3) {
            throw cpu.gp(0);
        }
        int f = cpu.getEflags();
        if (d.osize == 4) {
            cpu.push(4, f & ~(Cpu.VM | Cpu.RF));
        } else {
            cpu.push(2, f);
        }
    }

    /**
     * POPF/POPFD with the protection rules: virtual-8086 mode with IOPL below 3 is #GP(0);
     * IOPL changes only in real mode or at CPL 0 (never in virtual-8086 mode); IF changes only
     * when CPL &lt;= IOPL; VM and RF never change; the 16-bit form leaves the upper half alone.
     * Bits the 386 does not have (AC, ID) stay clear, which is how software tells a 386 from a 486.
     */
    public static void popf(Cpu cpu, DecodedInsn d) {
        int writable = POPF_BITS;
        if (cpu.v86()) {
            if (cpu.iopl() < 3) {
                throw cpu.gp(0);
            }
            writable &= ~Cpu.IOPL;
        } else if (cpu.protectedMode()) {
            if (cpu.cpl != 0) {
                writable &= ~Cpu.IOPL;
            }
            if (cpu.cpl > cpu.iopl()) {
                writable &= ~Cpu.IF;
            }
        }
        int size = d.osize;
        if (size == 2) {
            writable &= 0xFFFF;
        }
        int v = cpu.pop(size);
        cpu.setEflags(cpu.getEflags() & ~writable | v & writable);
    }

    /**
     * ENTER Iw,Ib: push eBP, copy nesting-level-minus-one frame pointers from the enclosing
     * frame, push the new frame pointer, then allocate Iw bytes. The level is taken modulo 32.
     * Operand size decides the width of the pushes; SS.B decides ESP or SP, EBP or BP. Clocks:
     * 10 at level 0 (the row), 12 at level 1, 15+4(L-1) above.
     */
    public static void enter(Cpu cpu, DecodedInsn d) {
        int size = d.osize;
        int alloc = d.imm & 0xFFFF;
        int level = d.imm2 & 31;
        boolean big = cpu.stack32();
        int mask = big ? -1 : 0xFFFF;
        int[] r = cpu.reg;
        // #SS or #PF "if a write using the final value of the stack pointer would" fault (386
        // PRM and SDM, ENTER): checked, paging included, before anything is written.
        int finalSp = r[Cpu.ESP] - size * (level > 0 ? level + 1 : 1) - alloc;
        int lin = cpu.checkWrite(Cpu.SS, finalSp & mask, 1);
        cpu.paging.translate(lin, true, cpu.userAccess());
        int sp = r[Cpu.ESP] - size;
        cpu.write(size, Cpu.SS, sp & mask, r[Cpu.EBP]);
        // FrameTemp is the eSP register after the push: with a 16-bit stack only SP moved, so
        // the high half of ESP rides along into the pushed frame pointer and into EBP.
        int frameTemp = r[Cpu.ESP] & ~mask | sp & mask;
        if (level > 0) {
            int bp = r[Cpu.EBP];
            for (int i = 1; i < level; i++) {
                bp -= size;
                int v = cpu.read(size, Cpu.SS, bp & mask);
                sp -= size;
                cpu.write(size, Cpu.SS, sp & mask, v);
            }
            sp -= size;
            cpu.write(size, Cpu.SS, sp & mask, frameTemp);
            cpu.extraCycles += level == 1 ? 2 : 5 + 4 * (level - 1);
        }
        sp -= alloc;
        if (size == 2) {
            // The 386 manual: "IF OperandSize = 16 THEN BP := frame-ptr": EBP's upper half stays.
            cpu.setReg16(Cpu.EBP, frameTemp);
        } else {
            r[Cpu.EBP] = r[Cpu.EBP] & ~mask | frameTemp & mask;
        }
        r[Cpu.ESP] = r[Cpu.ESP] & ~mask | sp & mask;
    }

    /** LEAVE: eSP = eBP, then pop eBP. The pop is read before either register changes. */
    public static void leave(Cpu cpu, DecodedInsn d) {
        int size = d.osize;
        int[] r = cpu.reg;
        if (cpu.stack32()) {
            int v = cpu.read(size, Cpu.SS, r[Cpu.EBP]);
            r[Cpu.ESP] = r[Cpu.EBP] + size;
            cpu.setReg(size, Cpu.EBP, v);
        } else {
            int bp = r[Cpu.EBP] & 0xFFFF;
            int v = cpu.read(size, Cpu.SS, bp);
            cpu.setReg16(Cpu.ESP, bp + size);
            cpu.setReg(size, Cpu.EBP, v);
        }
    }
}
