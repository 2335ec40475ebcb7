package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Exceptions;

/**
 * RETF and IRET in every mode (SDM "RET", "IRET/IRETD"): the return to the same level, to an
 * outer level (SS:ESP popped, unusable data segments nulled), IRET to virtual-8086 mode, and IRET
 * with NT set, which returns to the linked task. All pops are reads at an offset from ESP;
 * ESP and the segment registers change only after every check has passed.
 */
final class FarReturn {
    /** The EFLAGS bits the 386 defines (no AC, no ID): CF PF AF ZF SF TF IF DF OF IOPL NT RF VM. */
    static final int FLAGS386 = 0x37FD5;

    private FarReturn() {
    }

    static void retf(Cpu cpu, int imm, int size) {
        int sp = cpu.reg[Cpu.ESP];
        int eip = Stacks.read(cpu, sp, 0, size);
        int sel = Stacks.read(cpu, sp, size, size) & 0xFFFF;
        if (size == 2) {
            eip &= 0xFFFF;
        }
        if (!cpu.protectedMode() || cpu.v86()) {
            FarXfer.checkRealLimit(cpu, eip);
            FarXfer.loadRealCs(cpu, sel);
            cpu.setSp(sp + 2 * size + imm);
            cpu.nextEip = eip;
            return;
        }
        long cd = returnCode(cpu, sel);
        int rpl = sel & 3;
        if (rpl > cpu.cpl) {
            int depth = 2 * size + imm;
            int newSp = Stacks.read(cpu, sp, depth, size);
            int ss = Stacks.read(cpu, sp, depth + size, size) & 0xFFFF;
            long sd = outerStack(cpu, ss, rpl);
            FarXfer.checkLimit(cpu, eip, cd);
            SegmentLoad.markAccessed(cpu, sel, cd);
            SegmentLoad.markAccessed(cpu, ss, sd);
            SegmentLoad.loadCs(cpu, sel, cd, rpl);
            SegmentLoad.cache(cpu, Cpu.SS, ss, sd);
            cpu.setSp((size == 2 ? newSp & 0xFFFF : newSp) + imm);
            SegmentLoad.nullInvalidDataSegments(cpu);
        } else {
            FarXfer.checkLimit(cpu, eip, cd);
            SegmentLoad.markAccessed(cpu, sel, cd);
            SegmentLoad.loadCs(cpu, sel, cd, cpu.cpl);
            cpu.setSp(sp + 2 * size + imm);
        }
        cpu.nextEip = eip;
    }

    static void iret(Cpu cpu, int size) {
        if (!cpu.protectedMode()) {
            iretReal(cpu, size);
            return;
        }
        if (cpu.v86()) {
            iretV86(cpu, size);
            return;
        }
        if ((cpu.getEflags() & Cpu.NT) != 0) {
            TaskSwitch.iretToLinkedTask(cpu, cpu.nextEip);
            cpu.nextEip = cpu.eip;
            return;
        }
        int sp = cpu.reg[Cpu.ESP];
        int eip = Stacks.read(cpu, sp, 0, size);
        int sel = Stacks.read(cpu, sp, size, size) & 0xFFFF;
        int flags = Stacks.read(cpu, sp, 2 * size, size);
        if (size == 4 && (flags & Cpu.VM) != 0 && cpu.cpl == 0) {
            iretToV86(cpu, sp, eip, sel, flags);
            return;
        }
        if (size == 2) {
            eip &= 0xFFFF;
        }
        long cd = returnCode(cpu, sel);
        int rpl = sel & 3;
        int newFlags = protectedFlags(cpu, flags, size);
        if (rpl > cpu.cpl) {
            int newSp = Stacks.read(cpu, sp, 3 * size, size);
            int ss = Stacks.read(cpu, sp, 4 * size, size) & 0xFFFF;
            long sd = outerStack(cpu, ss, rpl);
            FarXfer.checkLimit(cpu, eip, cd);
            SegmentLoad.markAccessed(cpu, sel, cd);
            SegmentLoad.markAccessed(cpu, ss, sd);
            SegmentLoad.loadCs(cpu, sel, cd, rpl);
            SegmentLoad.cache(cpu, Cpu.SS, ss, sd);
            cpu.setSp(size == 2 ? newSp & 0xFFFF : newSp);
            cpu.setEflags(newFlags);
            SegmentLoad.nullInvalidDataSegments(cpu);
        } else {
            FarXfer.checkLimit(cpu, eip, cd);
            SegmentLoad.markAccessed(cpu, sel, cd);
            SegmentLoad.loadCs(cpu, sel, cd, cpu.cpl);
            cpu.setSp(sp + 3 * size);
            cpu.setEflags(newFlags);
        }
        cpu.nextEip = eip;
    }

    /**
     * The EFLAGS a protected-mode IRET leaves, judged at the old CPL: IF changes only when
     * CPL <= IOPL, IOPL only at CPL 0; a 16-bit IRET touches only the low word. VM is never set
     * here (that is {@link #iretToV86}).
     */
    private static int protectedFlags(Cpu cpu, int popped, int size) {
        int mask = Cpu.ARITH_FLAGS | Cpu.TF | Cpu.DF | Cpu.NT;
        if (size == 4) {
            mask |= Cpu.RF;
        }
        if (cpu.cpl <= cpu.iopl()) {
            mask |= Cpu.IF;
        }
        if (cpu.cpl == 0) {
            mask |= Cpu.IOPL;
        }
        return cpu.getEflags() & ~mask | popped & mask;
    }

    /** IRETD at CPL 0 with VM set in the popped EFLAGS: the rest of the V86 frame follows. */
    private static void iretToV86(Cpu cpu, int sp, int eip, int cs, int flags) {
        int newEsp = Stacks.read(cpu, sp, 12, 4);
        int ss = Stacks.read(cpu, sp, 16, 4);
        int es = Stacks.read(cpu, sp, 20, 4);
        int ds = Stacks.read(cpu, sp, 24, 4);
        int fs = Stacks.read(cpu, sp, 28, 4);
        int gs = Stacks.read(cpu, sp, 32, 4);
        cpu.setEflags(flags & FLAGS386);
        cpu.seg[Cpu.CS].loadV86(cs);
        cpu.seg[Cpu.SS].loadV86(ss);
        cpu.seg[Cpu.ES].loadV86(es);
        cpu.seg[Cpu.DS].loadV86(ds);
        cpu.seg[Cpu.FS].loadV86(fs);
        cpu.seg[Cpu.GS].loadV86(gs);
        cpu.reg[Cpu.ESP] = newEsp;
        cpu.cpl = 3;
        cpu.nextEip = eip & 0xFFFF;
    }

    private static void iretReal(Cpu cpu, int size) {
        int sp = cpu.reg[Cpu.ESP];
        int eip = Stacks.read(cpu, sp, 0, size);
        int cs = Stacks.read(cpu, sp, size, size) & 0xFFFF;
        int flags = Stacks.read(cpu, sp, 2 * size, size);
        if (size == 2) {
            eip &= 0xFFFF;
        }
        FarXfer.checkRealLimit(cpu, eip);
        // Real mode has no privilege: every defined bit is loaded except VM, which stays clear.
        int mask = size == 4 ? FLAGS386 & ~Cpu.VM : 0xFFFF;
        int newFlags = cpu.getEflags() & ~mask | flags & mask;
        cpu.seg[Cpu.CS].loadReal(cs);
        cpu.setSp(sp + 3 * size);
        cpu.setEflags(newFlags);
        cpu.nextEip = eip;
    }

    /** IRET in virtual-8086 mode: IOPL-sensitive, and it cannot change IOPL or leave V86 mode. */
    private static void iretV86(Cpu cpu, int size) {
        if (cpu.iopl() < 3) {
            throw cpu.gp(0);
        }
        int sp = cpu.reg[Cpu.ESP];
        int eip = Stacks.read(cpu, sp, 0, size);
        int cs = Stacks.read(cpu, sp, size, size) & 0xFFFF;
        int flags = Stacks.read(cpu, sp, 2 * size, size);
        if (size == 2) {
            eip &= 0xFFFF;
        }
        FarXfer.checkRealLimit(cpu, eip);
        int mask = (size == 4 ? FLAGS386 : 0xFFFF) & ~(Cpu.VM | Cpu.IOPL);
        int newFlags = cpu.getEflags() & ~mask | flags & mask;
        cpu.seg[Cpu.CS].loadV86(cs);
        cpu.setSp(sp + 3 * size);
        cpu.setEflags(newFlags);
        cpu.nextEip = eip;
    }

    /**
     * The code segment RETF or IRET returns to: not null, a code segment, RPL >= CPL, DPL = RPL
     * (or DPL <= RPL if conforming), present.
     */
    private static long returnCode(Cpu cpu, int sel) {
        int err = sel & 0xFFFC;
        if (err == 0) {
            throw cpu.gp(0);
        }
        long cd = SegmentLoad.descriptor(cpu, sel);
        int rpl = sel & 3;
        if (!Descriptor.code(cd) || rpl < cpu.cpl) {
            throw cpu.gp(err);
        }
        int dpl = Descriptor.dpl(cd);
        if (Descriptor.conformingCode(cd) ? dpl > rpl : dpl != rpl) {
            throw cpu.gp(err);
        }
        if (!Descriptor.present(cd)) {
            throw cpu.fault(Exceptions.NP, err);
        }
        return cd;
    }

    /** The stack segment popped on a return to level {@code rpl}: writable data at exactly that level. */
    private static long outerStack(Cpu cpu, int ss, int rpl) {
        int err = ss & 0xFFFC;
        if (err == 0) {
            throw cpu.gp(0);
        }
        long sd = SegmentLoad.descriptor(cpu, ss);
        if ((ss & 3) != rpl || !Descriptor.writableData(sd) || Descriptor.dpl(sd) != rpl) {
            throw cpu.gp(err);
        }
        if (!Descriptor.present(sd)) {
            throw cpu.fault(Exceptions.SS, err);
        }
        return sd;
    }
}
