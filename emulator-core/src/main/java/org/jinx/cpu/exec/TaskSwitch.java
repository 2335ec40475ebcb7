package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.DebugRegisters;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.Segment;

/**
 * The hardware task switch (SDM "Task Switching"): JMP or CALL to a TSS or a task gate, an
 * interrupt or exception through an IDT task gate, and IRET with NT set. Both the 386's 32-bit
 * TSS and the 286's 16-bit TSS are handled.
 *
 * <p>Everything up to the commit point is checked and read first, so a fault there leaves the
 * old task untouched. After the commit point (TR loaded) the new task's segment registers are
 * qualified, and a fault there is raised in the new task's context, as the SDM says: it is
 * delivered here, before returning, with CS:EIP already the new task's.
 */
public final class TaskSwitch {
    /** What caused the switch: it decides the busy bits, NT and the back link. */
    static final int JMP = 0, CALL = 1, IRET = 2, INT = 3;

    /** 32-bit TSS field offsets. */
    private static final int TSS32_CR3 = 0x1C, TSS32_EIP = 0x20, TSS32_EFLAGS = 0x24, TSS32_EAX = 0x28,
            TSS32_ES = 0x48, TSS32_LDT = 0x60, TSS32_T = 0x64;
    /** 16-bit (286) TSS field offsets. */
    private static final int TSS16_IP = 0x0E, TSS16_FLAGS = 0x10, TSS16_AX = 0x12, TSS16_ES = 0x22,
            TSS16_LDT = 0x2A;
    /** Smallest legal limits: the whole 32-bit TSS (104 bytes) or 286 TSS (44 bytes). */
    private static final int TSS32_MIN_LIMIT = 0x67, TSS16_MIN_LIMIT = 0x2B;
    /** DR6.BT: the debug trap was raised by the new TSS's T bit. */
    private static final int DR6_BT = 0x8000;
    /** DR7 L0-L3: local breakpoint enables, cleared on every task switch. */
    private static final int DR7_LOCAL = 0x55;

    private static final int[] DATA_SREGS = {Cpu.ES, Cpu.DS, Cpu.FS, Cpu.GS};

    private TaskSwitch() {
    }

    /**
     * JMP or CALL to a TSS descriptor. The caller checked DPL >= max(CPL, RPL). Returns false
     * when a fault in the new task was delivered instead.
     */
    static boolean toTss(Cpu cpu, int sel, long d, int source, int returnEip) {
        int err = sel & 0xFFFC;
        if (!Descriptor.availableTss(d)) {
            throw cpu.gp(err);
        }
        if (!Descriptor.present(d)) {
            throw cpu.fault(Exceptions.NP, err);
        }
        return switchTo(cpu, sel, d, source, returnEip, 0);
    }

    /** JMP or CALL through a task gate whose DPL and presence the caller checked. */
    static boolean throughTaskGate(Cpu cpu, long gate, int source, int returnEip) {
        int sel = Descriptor.gateSelector(gate);
        long d = gateTarget(cpu, sel, 0);
        return switchTo(cpu, sel, d, source, returnEip, 0);
    }

    /**
     * An interrupt or exception through an IDT task gate: switch with nesting, then push the
     * error code, if any, on the new task's stack.
     */
    static void throughInterruptGate(Cpu cpu, long gate, int ext, int returnEip, boolean hasError, int code) {
        int sel = Descriptor.gateSelector(gate);
        long d = gateTarget(cpu, sel, ext);
        boolean tss32 = (Descriptor.type(d) & 8) != 0;
        if (switchTo(cpu, sel, d, INT, returnEip, ext) && hasError) {
            try {
                cpu.push(tss32 ? 4 : 2, code);
            } catch (CpuFault f) {
                deliverInNewTask(cpu, f);
            }
        }
    }

    /** IRET with NT set: return to the task named by the back link of the current TSS. */
    static boolean iretToLinkedTask(Cpu cpu, int returnEip) {
        int link = cpu.paging.read16(cpu.tr.base, false);
        int err = link & 0xFFFC;
        if ((link & 4) != 0) {
            throw cpu.fault(Exceptions.TS, err);
        }
        long d = SegmentLoad.descriptor(cpu, link, Exceptions.TS, err);
        if (!Descriptor.busyTss(d)) {
            throw cpu.fault(Exceptions.TS, err);
        }
        if (!Descriptor.present(d)) {
            throw cpu.fault(Exceptions.NP, err);
        }
        return switchTo(cpu, link, d, IRET, returnEip, 0);
    }

    /** The available TSS a task gate names: in the GDT, of TSS type, not busy, present. */
    private static long gateTarget(Cpu cpu, int sel, int ext) {
        int err = sel & 0xFFFC | ext;
        if ((sel & 4) != 0) {
            throw cpu.gp(err);
        }
        long d = SegmentLoad.descriptor(cpu, sel, Exceptions.GP, err);
        if (!Descriptor.availableTss(d)) {
            throw cpu.gp(err);
        }
        if (!Descriptor.present(d)) {
            throw cpu.fault(Exceptions.NP, err);
        }
        return d;
    }

    /** The switch proper, from the limit check of the new TSS to the new task's first instruction. */
    private static boolean switchTo(Cpu cpu, int sel, long nd, int source, int returnEip, int ext) {
        boolean new32 = (Descriptor.type(nd) & 8) != 0;
        int limit = Descriptor.limit(nd);
        if (Integer.compareUnsigned(limit, new32 ? TSS32_MIN_LIMIT : TSS16_MIN_LIMIT) < 0) {
            throw cpu.fault(Exceptions.TS, sel & 0xFFFC | ext);
        }
        Segment tr = cpu.tr;
        boolean old32 = (tr.type() & 8) != 0;
        int oldLast = old32 ? TSS32_ES + 6 * 4 - 1 : TSS16_ES + 4 * 2 - 1;
        if (Integer.compareUnsigned(tr.limit, oldLast) < 0) {
            throw cpu.fault(Exceptions.TS, tr.selector & 0xFFFC | ext);
        }

        // Read the new task's state; a page fault here changes nothing.
        int nb = Descriptor.base(nd);
        int[] regs = new int[8];
        int[] sregs = new int[6];
        int eip;
        int flags;
        int cr3 = cpu.cr3;
        int ldt;
        boolean tBit = false;
        if (new32) {
            cr3 = read32(cpu, nb + TSS32_CR3);
            eip = read32(cpu, nb + TSS32_EIP);
            flags = read32(cpu, nb + TSS32_EFLAGS);
            for (int i = 0; i < 8; i++) {
                regs[i] = read32(cpu, nb + TSS32_EAX + 4 * i);
            }
            for (int i = 0; i < 6; i++) {
                sregs[i] = read16(cpu, nb + TSS32_ES + 4 * i);
            }
            ldt = read16(cpu, nb + TSS32_LDT);
            tBit = (read16(cpu, nb + TSS32_T) & 1) != 0;
        } else {
            eip = read16(cpu, nb + TSS16_IP);
            flags = read16(cpu, nb + TSS16_FLAGS);
            for (int i = 0; i < 8; i++) {
                regs[i] = cpu.reg[i] & 0xFFFF0000 | read16(cpu, nb + TSS16_AX + 2 * i);
            }
            for (int i = 0; i < 4; i++) {
                sregs[i] = read16(cpu, nb + TSS16_ES + 2 * i);
            }
            ldt = read16(cpu, nb + TSS16_LDT);
        }
        // Make sure the writes below cannot fault half-way: both ends of the old TSS's saved
        // area, and the back link of the new one.
        cpu.paging.translate(tr.base, true, false);
        cpu.paging.translate(tr.base + oldLast, true, false);
        if (source == CALL || source == INT) {
            cpu.paging.translate(nb, true, false);
        }
        long od = 0;
        if (source == JMP || source == IRET) {
            od = SegmentLoad.descriptor(cpu, tr.selector, Exceptions.TS, tr.selector & 0xFFFC | ext);
        }

        // Save the old task. IRET leaves the old task with NT clear in its saved EFLAGS.
        int oldFlags = cpu.getEflags();
        if (source == IRET) {
            oldFlags &= ~Cpu.NT;
        }
        saveState(cpu, old32, returnEip, oldFlags);
        if (source == JMP || source == IRET) {
            SegmentLoad.setBusy(cpu, tr.selector, od, false);
        }
        if (source == CALL || source == INT) {
            cpu.paging.write16(nb, tr.selector, false);
            flags |= Cpu.NT;
        }
        if (source != IRET) {
            SegmentLoad.setBusy(cpu, sel, nd, true);
        }

        // Commit point: from here on we are in the new task.
        tr.loadDescriptor(sel, Descriptor.low(nd), Descriptor.high(nd) | 0x200);
        cpu.cr0 |= Cpu.CR0_TS;
        if (new32) {
            cpu.cr3 = cr3 & 0xFFFFF000;
            cpu.paging.flush();
        }
        System.arraycopy(regs, 0, cpu.reg, 0, 8);
        cpu.setEflags(new32 ? flags : flags & 0xFFFF);
        cpu.eip = new32 ? eip : eip & 0xFFFF;
        // Privilege follows the new CS at once, so a fault while qualifying it is taken at the
        // new task's level.
        cpu.cpl = cpu.v86() ? 3 : sregs[Cpu.CS] & 3;
        cpu.dr[7] &= ~DR7_LOCAL;
        DebugRegisters.update(cpu);
        if (tBit) {
            cpu.pendingDebugTrap |= DR6_BT;
        }
        try {
            loadSegments(cpu, sregs, ldt, new32);
            if (Integer.compareUnsigned(cpu.eip, cpu.seg[Cpu.CS].limit) > 0) {
                throw cpu.gp(0);
            }
        } catch (CpuFault f) {
            deliverInNewTask(cpu, f);
            return false;
        }
        return true;
    }

    private static void saveState(Cpu cpu, boolean old32, int eip, int flags) {
        int b = cpu.tr.base;
        if (old32) {
            cpu.paging.write32(b + TSS32_EIP, eip, false);
            cpu.paging.write32(b + TSS32_EFLAGS, flags, false);
            for (int i = 0; i < 8; i++) {
                cpu.paging.write32(b + TSS32_EAX + 4 * i, cpu.reg[i], false);
            }
            for (int i = 0; i < 6; i++) {
                cpu.paging.write16(b + TSS32_ES + 4 * i, cpu.seg[i].selector, false);
            }
        } else {
            cpu.paging.write16(b + TSS16_IP, eip, false);
            cpu.paging.write16(b + TSS16_FLAGS, flags, false);
            for (int i = 0; i < 8; i++) {
                cpu.paging.write16(b + TSS16_AX + 2 * i, cpu.reg[i], false);
            }
            for (int i = 0; i < 4; i++) {
                cpu.paging.write16(b + TSS16_ES + 2 * i, cpu.seg[i].selector, false);
            }
        }
    }

    /**
     * Loads LDTR and the segment registers of the new task with the checks of the SDM's table
     * "Exception Conditions Checked During a Task Switch". Every selector is placed first (the
     * data registers as unusable) so a fault leaves the new task's selectors visible.
     */
    private static void loadSegments(Cpu cpu, int[] sregs, int ldt, boolean new32) {
        for (int s : DATA_SREGS) {
            cpu.seg[s].loadNull(sregs[s]);
        }
        loadLdt(cpu, ldt);
        if (cpu.v86()) {
            for (int s = 0; s < 6; s++) {
                cpu.seg[s].loadV86(sregs[s]);
            }
            cpu.cpl = 3;
            return;
        }
        int cs = sregs[Cpu.CS];
        int err = cs & 0xFFFC;
        if (err == 0) {
            throw cpu.fault(Exceptions.TS, 0);
        }
        long cd = SegmentLoad.descriptor(cpu, cs, Exceptions.TS, err);
        int rpl = cs & 3;
        if (!Descriptor.code(cd) || (Descriptor.conformingCode(cd) ? Descriptor.dpl(cd) > rpl
                : Descriptor.dpl(cd) != rpl)) {
            throw cpu.fault(Exceptions.TS, err);
        }
        if (!Descriptor.present(cd)) {
            throw cpu.fault(Exceptions.NP, err);
        }
        SegmentLoad.markAccessed(cpu, cs, cd);
        SegmentLoad.loadCs(cpu, cs, cd, rpl);

        int ss = sregs[Cpu.SS];
        err = ss & 0xFFFC;
        if (err == 0) {
            throw cpu.fault(Exceptions.TS, 0);
        }
        long sd = SegmentLoad.descriptor(cpu, ss, Exceptions.TS, err);
        if ((ss & 3) != rpl || Descriptor.dpl(sd) != rpl || !Descriptor.writableData(sd)) {
            throw cpu.fault(Exceptions.TS, err);
        }
        if (!Descriptor.present(sd)) {
            throw cpu.fault(Exceptions.SS, err);
        }
        SegmentLoad.markAccessed(cpu, ss, sd);
        SegmentLoad.cache(cpu, Cpu.SS, ss, sd);

        // A 286 TSS holds no FS or GS: those stay null in the new task.
        int count = new32 ? 4 : 2;
        for (int i = 0; i < count; i++) {
            int s = DATA_SREGS[i];
            int sel = sregs[s];
            if ((sel & 0xFFFC) == 0) {
                continue;
            }
            err = sel & 0xFFFC;
            long d = SegmentLoad.descriptor(cpu, sel, Exceptions.TS, err);
            if (!Descriptor.dataOrReadableCode(d)
                    || !Descriptor.conformingCode(d) && Descriptor.dpl(d) < Math.max(rpl, sel & 3)) {
                throw cpu.fault(Exceptions.TS, err);
            }
            if (!Descriptor.present(d)) {
                throw cpu.fault(Exceptions.NP, err);
            }
            SegmentLoad.markAccessed(cpu, sel, d);
            SegmentLoad.cache(cpu, s, sel, d);
        }
    }

    /** LDTR of the new task: null, or an LDT descriptor in the GDT (#TS(selector) otherwise). */
    private static void loadLdt(Cpu cpu, int ldt) {
        if ((ldt & 0xFFFC) == 0) {
            cpu.ldtr.loadNull(ldt);
            return;
        }
        int err = ldt & 0xFFFC;
        if ((ldt & 4) != 0) {
            throw cpu.fault(Exceptions.TS, err);
        }
        long d = SegmentLoad.descriptor(cpu, ldt, Exceptions.TS, err);
        if (!Descriptor.system(d, Descriptor.LDT) || !Descriptor.present(d)) {
            throw cpu.fault(Exceptions.TS, err);
        }
        cpu.ldtr.loadDescriptor(ldt, Descriptor.low(d), Descriptor.high(d));
    }

    /** A fault after the commit point belongs to the new task: deliver it there and now. */
    private static void deliverInNewTask(Cpu cpu, CpuFault f) {
        int vector = f.vector;
        boolean hasError = f.hasErrorCode;
        int code = f.errorCode;
        Interrupts.exception(cpu, vector, hasError, code);
    }

    private static int read32(Cpu cpu, int lin) {
        return cpu.paging.read32(lin, false);
    }

    private static int read16(Cpu cpu, int lin) {
        return cpu.paging.read16(lin, false);
    }
}
