package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Far control transfer and software interrupts: far JMP/CALL/RET, INT n, INT3, INTO, INT1, IRET.
 * The far returns live in {@link FarReturn}.
 *
 * <p>Protected-mode targets follow the SDM's "JMP" and "CALL" pseudo-code: a code segment
 * (conforming or not), a call gate (with the stack switch and parameter copy when CALL goes to
 * a more privileged level), a task gate or a TSS (a task switch). Every check, and every write
 * of a new stack frame, happens before the first register changes.
 */
public final class FarXfer {
    private FarXfer() {
    }

    public static void jmpFar(Cpu cpu, DecodedInsn d) {
        jump(cpu, d.imm2 & 0xFFFF, d.imm, d.osize);
    }

    public static void jmpFarIndirect(Cpu cpu, DecodedInsn d) {
        int ea = cpu.ea(d);
        int off = cpu.read(d.osize, d.seg, ea);
        int sel = cpu.read16(d.seg, selectorOffset(d, ea));
        jump(cpu, sel, off, d.osize);
    }

    public static void callFar(Cpu cpu, DecodedInsn d) {
        call(cpu, d.imm2 & 0xFFFF, d.imm, d.osize);
    }

    public static void callFarIndirect(Cpu cpu, DecodedInsn d) {
        int ea = cpu.ea(d);
        int off = cpu.read(d.osize, d.seg, ea);
        int sel = cpu.read16(d.seg, selectorOffset(d, ea));
        call(cpu, sel, off, d.osize);
    }

    public static void retFar(Cpu cpu, DecodedInsn d) {
        FarReturn.retf(cpu, d.opcode == 0xCA ? d.imm & 0xFFFF : 0, d.osize);
    }

    public static void iret(Cpu cpu, DecodedInsn d) {
        FarReturn.iret(cpu, d.osize);
    }

    /** INT n. In virtual-8086 mode it is IOPL-sensitive, so a monitor can emulate it. */
    public static void intN(Cpu cpu, DecodedInsn d) {
        if (cpu.v86() && cpu.iopl() < 3) {
            throw cpu.gp(0);
        }
        software(cpu, d.imm & 0xFF);
    }

    /** INT3 is not IOPL-sensitive; the gate's DPL still applies. */
    public static void int3(Cpu cpu, DecodedInsn d) {
        software(cpu, Exceptions.BP);
    }

    public static void into(Cpu cpu, DecodedInsn d) {
        if (cpu.of()) {
            software(cpu, Exceptions.OF);
        }
    }

    /**
     * INT1 (ICEBP, F1): a #DB trap delivered as a hardware event would be, with EXT set and no
     * check of the gate's DPL.
     */
    public static void int1(Cpu cpu, DecodedInsn d) {
        cpu.eip = cpu.nextEip;
        Interrupts.trap(cpu, Exceptions.DB);
        cpu.nextEip = cpu.eip;
    }

    private static void software(Cpu cpu, int vector) {
        Interrupts.software(cpu, vector, cpu.nextEip);
        cpu.nextEip = cpu.eip;
    }

    /** The selector of an Mp operand follows the offset; 16-bit addressing wraps within the segment. */
    private static int selectorOffset(DecodedInsn d, int ea) {
        int a = ea + d.osize;
        return d.a32 ? a : a & 0xFFFF;
    }

    // ---------------------------------------------------------------- JMP

    static void jump(Cpu cpu, int sel, int off, int osize) {
        int eip = osize == 2 ? off & 0xFFFF : off;
        if (!cpu.protectedMode() || cpu.v86()) {
            checkRealLimit(cpu, eip);
            loadRealCs(cpu, sel);
            cpu.nextEip = eip;
            return;
        }
        int err = sel & 0xFFFC;
        if (err == 0) {
            throw cpu.gp(0);
        }
        long d = SegmentLoad.descriptor(cpu, sel);
        int cpl = cpu.cpl;
        if (Descriptor.segment(d)) {
            checkCodeTarget(cpu, sel, d);
            checkLimit(cpu, eip, d);
            SegmentLoad.markAccessed(cpu, sel, d);
            SegmentLoad.loadCs(cpu, sel, d, cpl);
            cpu.nextEip = eip;
            return;
        }
        switch (Descriptor.type(d)) {
            case Descriptor.CALL_GATE16:
            case Descriptor.CALL_GATE32: {
                checkGate(cpu, sel, d);
                int csSel = Descriptor.gateSelector(d);
                long cd = gateCode(cpu, csSel);
                // JMP never changes privilege: a non-conforming target must be at the CPL.
                if (!Descriptor.conformingCode(cd) && Descriptor.dpl(cd) != cpl) {
                    throw cpu.gp(csSel & 0xFFFC);
                }
                if (!Descriptor.present(cd)) {
                    throw cpu.fault(Exceptions.NP, csSel & 0xFFFC);
                }
                int target = Descriptor.gateOffset(d);
                checkLimit(cpu, target, cd);
                SegmentLoad.markAccessed(cpu, csSel, cd);
                SegmentLoad.loadCs(cpu, csSel, cd, cpl);
                cpu.nextEip = target;
                return;
            }
            case Descriptor.TASK_GATE:
                checkGate(cpu, sel, d);
                TaskSwitch.throughTaskGate(cpu, d, TaskSwitch.JMP, cpu.nextEip);
                cpu.nextEip = cpu.eip;
                return;
            case Descriptor.TSS16_AVAILABLE:
            case Descriptor.TSS32_AVAILABLE:
            case Descriptor.TSS16_BUSY:
            case Descriptor.TSS32_BUSY:
                checkGate(cpu, sel, d);
                TaskSwitch.toTss(cpu, sel, d, TaskSwitch.JMP, cpu.nextEip);
                cpu.nextEip = cpu.eip;
                return;
            default:
                throw cpu.gp(err);
        }
    }

    // ---------------------------------------------------------------- CALL

    static void call(Cpu cpu, int sel, int off, int osize) {
        int eip = osize == 2 ? off & 0xFFFF : off;
        int ret = cpu.nextEip;
        if (!cpu.protectedMode() || cpu.v86()) {
            checkRealLimit(cpu, eip);
            int sp = cpu.reg[Cpu.ESP];
            sp = Stacks.pushCurrent(cpu, sp, osize, cpu.seg[Cpu.CS].selector, 0);
            sp = Stacks.pushCurrent(cpu, sp, osize, ret, 0);
            cpu.setSp(sp);
            loadRealCs(cpu, sel);
            cpu.nextEip = eip;
            return;
        }
        int err = sel & 0xFFFC;
        if (err == 0) {
            throw cpu.gp(0);
        }
        long d = SegmentLoad.descriptor(cpu, sel);
        if (Descriptor.segment(d)) {
            checkCodeTarget(cpu, sel, d);
            checkLimit(cpu, eip, d);
            int sp = cpu.reg[Cpu.ESP];
            sp = Stacks.pushCurrent(cpu, sp, osize, cpu.seg[Cpu.CS].selector, 0);
            sp = Stacks.pushCurrent(cpu, sp, osize, ret, 0);
            SegmentLoad.markAccessed(cpu, sel, d);
            cpu.setSp(sp);
            SegmentLoad.loadCs(cpu, sel, d, cpu.cpl);
            cpu.nextEip = eip;
            return;
        }
        switch (Descriptor.type(d)) {
            case Descriptor.CALL_GATE16:
            case Descriptor.CALL_GATE32:
                checkGate(cpu, sel, d);
                callGate(cpu, d, ret);
                return;
            case Descriptor.TASK_GATE:
                checkGate(cpu, sel, d);
                TaskSwitch.throughTaskGate(cpu, d, TaskSwitch.CALL, ret);
                cpu.nextEip = cpu.eip;
                return;
            case Descriptor.TSS16_AVAILABLE:
            case Descriptor.TSS32_AVAILABLE:
            case Descriptor.TSS16_BUSY:
            case Descriptor.TSS32_BUSY:
                checkGate(cpu, sel, d);
                TaskSwitch.toTss(cpu, sel, d, TaskSwitch.CALL, ret);
                cpu.nextEip = cpu.eip;
                return;
            default:
                throw cpu.gp(err);
        }
    }

    /**
     * CALL through a call gate. A non-conforming target more privileged than the CPL runs on
     * its own stack: SS:ESP come from the TSS, and the old SS:ESP, the gate's parameter count of
     * words (286 gate) or dwords (386 gate), and the return address are pushed there.
     */
    private static void callGate(Cpu cpu, long gate, int ret) {
        int csSel = Descriptor.gateSelector(gate);
        long cd = gateCode(cpu, csSel);
        int csErr = csSel & 0xFFFC;
        if (!Descriptor.present(cd)) {
            throw cpu.fault(Exceptions.NP, csErr);
        }
        int size = Descriptor.gate32(gate) ? 4 : 2;
        int eip = Descriptor.gateOffset(gate);
        int dpl = Descriptor.dpl(cd);
        int oldSs = cpu.seg[Cpu.SS].selector;
        int oldCs = cpu.seg[Cpu.CS].selector;
        if (!Descriptor.conformingCode(cd) && dpl < cpu.cpl) {
            long inner = Stacks.innerStack(cpu, dpl, 0);
            int ss = (int) (inner >>> 32);
            long sd = Stacks.checkInnerStack(cpu, ss, dpl, 0);
            int ssErr = ss & 0xFFFC;
            checkLimit(cpu, eip, cd);
            int oldSp = cpu.reg[Cpu.ESP];
            int sp = (int) inner;
            sp = Stacks.pushTo(cpu, sd, dpl, sp, size, oldSs, ssErr);
            sp = Stacks.pushTo(cpu, sd, dpl, sp, size, oldSp, ssErr);
            // The parameters keep their order: the deepest one is copied first.
            for (int i = Descriptor.gateParams(gate) - 1; i >= 0; i--) {
                int v = Stacks.read(cpu, oldSp, i * size, size);
                sp = Stacks.pushTo(cpu, sd, dpl, sp, size, v, ssErr);
            }
            sp = Stacks.pushTo(cpu, sd, dpl, sp, size, oldCs, ssErr);
            sp = Stacks.pushTo(cpu, sd, dpl, sp, size, ret, ssErr);
            SegmentLoad.markAccessed(cpu, ss, sd);
            SegmentLoad.markAccessed(cpu, csSel, cd);
            SegmentLoad.cache(cpu, Cpu.SS, ss, sd);
            cpu.setSp(sp);
            SegmentLoad.loadCs(cpu, csSel, cd, dpl);
        } else {
            if (!Descriptor.conformingCode(cd) && dpl != cpu.cpl) {
                throw cpu.gp(csErr);
            }
            checkLimit(cpu, eip, cd);
            int sp = cpu.reg[Cpu.ESP];
            sp = Stacks.pushCurrent(cpu, sp, size, oldCs, 0);
            sp = Stacks.pushCurrent(cpu, sp, size, ret, 0);
            SegmentLoad.markAccessed(cpu, csSel, cd);
            cpu.setSp(sp);
            SegmentLoad.loadCs(cpu, csSel, cd, cpu.cpl);
        }
        cpu.nextEip = eip;
    }

    // ---------------------------------------------------------------- checks

    /** A code segment named directly by JMP or CALL: no privilege change is possible. */
    private static void checkCodeTarget(Cpu cpu, int sel, long d) {
        int err = sel & 0xFFFC;
        if (!Descriptor.code(d)) {
            throw cpu.gp(err);
        }
        int dpl = Descriptor.dpl(d);
        if (Descriptor.conformingCode(d) ? dpl > cpu.cpl : (sel & 3) > cpu.cpl || dpl != cpu.cpl) {
            throw cpu.gp(err);
        }
        if (!Descriptor.present(d)) {
            throw cpu.fault(Exceptions.NP, err);
        }
    }

    /** Call gates, task gates and TSSs named by JMP or CALL: DPL >= max(CPL, RPL), present. */
    private static void checkGate(Cpu cpu, int sel, long d) {
        int err = sel & 0xFFFC;
        if (Descriptor.dpl(d) < Math.max(cpu.cpl, sel & 3)) {
            throw cpu.gp(err);
        }
        if (!Descriptor.present(d)) {
            throw cpu.fault(Exceptions.NP, err);
        }
    }

    /** The code segment a call gate names: not null, a code segment with DPL <= CPL. */
    private static long gateCode(Cpu cpu, int csSel) {
        if ((csSel & 0xFFFC) == 0) {
            throw cpu.gp(0);
        }
        long cd = SegmentLoad.descriptor(cpu, csSel);
        if (!Descriptor.code(cd) || Descriptor.dpl(cd) > cpu.cpl) {
            throw cpu.gp(csSel & 0xFFFC);
        }
        return cd;
    }

    static void checkLimit(Cpu cpu, int eip, long cd) {
        if (Integer.compareUnsigned(eip, Descriptor.limit(cd)) > 0) {
            throw cpu.gp(0);
        }
    }

    /** Real and virtual-8086 mode: the offset must lie within the (cached or 64 KiB) CS limit. */
    static void checkRealLimit(Cpu cpu, int eip) {
        long hi = cpu.v86() ? 0xFFFF : cpu.seg[Cpu.CS].hi;
        if ((eip & 0xFFFFFFFFL) > hi) {
            throw cpu.gp(0);
        }
    }

    static void loadRealCs(Cpu cpu, int sel) {
        if (cpu.v86()) {
            cpu.seg[Cpu.CS].loadV86(sel);
        } else {
            cpu.seg[Cpu.CS].loadReal(sel);
        }
    }
}
