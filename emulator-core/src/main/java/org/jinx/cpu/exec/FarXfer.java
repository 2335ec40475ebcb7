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
 *
 * <p>Clocks ({@link FarClocks} has the manual's counts): real and virtual-8086 mode pay the
 * row's count, plus m for JMP, CALL and RETF. In protected mode the handlers tell the form from
 * the state before and after the transfer (a new TR is a task switch, a new CPL a change of
 * level), and {@link #jump} and {@link #call} return the count of a call gate, which the state
 * cannot show.
 */
public final class FarXfer {
    private FarXfer() {
    }

    public static void jmpFar(Cpu cpu, DecodedInsn d) {
        jmpOrCall(cpu, d, d.imm2 & 0xFFFF, d.imm, false);
    }

    public static void jmpFarIndirect(Cpu cpu, DecodedInsn d) {
        jmpOrCallIndirect(cpu, d, false);
    }

    public static void callFar(Cpu cpu, DecodedInsn d) {
        jmpOrCall(cpu, d, d.imm2 & 0xFFFF, d.imm, true);
    }

    public static void callFarIndirect(Cpu cpu, DecodedInsn d) {
        jmpOrCallIndirect(cpu, d, true);
    }

    /** Far JMP or CALL through the m16:16 or m16:32 pointer at the memory operand (Ep). */
    private static void jmpOrCallIndirect(Cpu cpu, DecodedInsn d, boolean isCall) {
        int ea = cpu.ea(d);
        int off = cpu.read(d.osize, d.seg, ea);
        int sel = cpu.read16(d.seg, selectorOffset(d, ea));
        jmpOrCall(cpu, d, sel, off, isCall);
    }

    /** Far JMP or CALL to sel:off, then its clocks (the old task is noted before the transfer). */
    private static void jmpOrCall(Cpu cpu, DecodedInsn d, int sel, int off, boolean isCall) {
        int tr = cpu.tr.selector;
        int task = FarClocks.taskKind(cpu);
        int gate = isCall ? call(cpu, sel, off, d.osize) : jump(cpu, sel, off, d.osize);
        chargeJmpCall(cpu, d, tr, task, gate);
    }

    /**
     * Far JMP and CALL: the row's count + m in real and virtual-8086 mode; in protected mode
     * its {@code clkAlt} + m to a code segment, the {@code gate}'s count + m through a call gate,
     * ts to a task ({@code tr} and {@code task} are the old task's). The m16:32 forms take 4
     * more through a gate (and their row's count holds the difference for a code segment), 5
     * more to a task.
     */
    private static void chargeJmpCall(Cpu cpu, DecodedInsn d, int tr, int task, int gate) {
        boolean indirect = d.opcode == 0xFF;
        int clocks;
        // A task switch first: only it can change the mode (to a task in virtual-8086 mode).
        if (cpu.tr.selector != tr) {
            clocks = FarClocks.taskSwitch(cpu, task) + (indirect ? FarClocks.INDIRECT_TASK : 0);
        } else if (!protectedNotV86(cpu)) {
            clocks = rowClocks(d) + FarClocks.M;
        } else if (gate != 0) {
            clocks = gate + (indirect ? FarClocks.INDIRECT_GATE : 0) + FarClocks.M;
        } else {
            clocks = d.row.clkAlt + FarClocks.M;
        }
        FarClocks.charge(cpu, d, clocks);
    }

    /** RETF: 18+m in real mode, 32+m to the same level, 68 to an outer level. */
    public static void retFar(Cpu cpu, DecodedInsn d) {
        int cpl = cpu.cpl;
        FarReturn.retf(cpu, d.opcode == 0xCA ? d.imm & 0xFFFF : 0, d.osize);
        int clocks;
        if (!protectedNotV86(cpu)) {
            clocks = rowClocks(d) + FarClocks.M;
        } else if (cpu.cpl != cpl) {
            clocks = FarClocks.RETF_OUTER;
        } else {
            clocks = d.row.clkAlt + FarClocks.M;
        }
        FarClocks.charge(cpu, d, clocks);
    }

    /**
     * IRET: 22 in real and virtual-8086 mode; in protected mode 38 to the same level, 82 to an
     * outer level, 60 to virtual-8086 mode, ts to the linked task.
     */
    public static void iret(Cpu cpu, DecodedInsn d) {
        boolean pm = protectedNotV86(cpu);
        boolean nested = (cpu.getEflags() & Cpu.NT) != 0;
        int cpl = cpu.cpl;
        int task = FarClocks.taskKind(cpu);
        FarReturn.iret(cpu, d.osize);
        if (!pm) {
            return;
        }
        int clocks;
        if (nested) {
            clocks = FarClocks.taskSwitch(cpu, task);
        } else if (cpu.v86()) {
            clocks = FarClocks.IRET_TO_V86;
        } else if (cpu.cpl != cpl) {
            clocks = FarClocks.IRET_OUTER;
        } else {
            clocks = d.row.clkAlt;
        }
        FarClocks.charge(cpu, d, clocks);
    }

    /** INT n. In virtual-8086 mode it is IOPL-sensitive, so a monitor can emulate it. */
    public static void intN(Cpu cpu, DecodedInsn d) {
        if (cpu.v86() && cpu.iopl() < 3) {
            throw cpu.gp(0);
        }
        software(cpu, d, d.imm & 0xFF, d.row.clkReg);
    }

    /** INT3 is not IOPL-sensitive; the gate's DPL still applies. */
    public static void int3(Cpu cpu, DecodedInsn d) {
        software(cpu, d, Exceptions.BP, d.row.clkReg);
    }

    /** INTO: 3 clocks when OF is clear (the row); when it is set, 35 in real mode (the row's alt). */
    public static void into(Cpu cpu, DecodedInsn d) {
        if (cpu.of()) {
            software(cpu, d, Exceptions.OF, d.row.clkAlt);
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

    /** Delivers INT n, INT3 or INTO, with the clocks of {@link FarClocks#delivery}. */
    private static void software(Cpu cpu, DecodedInsn d, int vector, int realClocks) {
        boolean pm = cpu.protectedMode();
        boolean fromV86 = cpu.v86();
        int cpl = cpu.cpl;
        int tr = cpu.tr.selector;
        int task = FarClocks.taskKind(cpu);
        Interrupts.software(cpu, vector, cpu.nextEip);
        cpu.nextEip = cpu.eip;
        int clocks = FarClocks.delivery(cpu, pm, fromV86, cpl, tr, task, realClocks);
        FarClocks.charge(cpu, d, clocks);
    }

    private static boolean protectedNotV86(Cpu cpu) {
        return cpu.protectedMode() && !cpu.v86();
    }

    /** The count the step loop charges for the row. */
    private static int rowClocks(DecodedInsn d) {
        return d.mod != 3 ? d.row.clkMem : d.row.clkReg;
    }

    /** The selector of an Mp operand follows the offset; 16-bit addressing wraps within the segment. */
    private static int selectorOffset(DecodedInsn d, int ea) {
        int a = ea + d.osize;
        return d.a32 ? a : a & 0xFFFF;
    }

    // ---------------------------------------------------------------- JMP

    /** Far JMP to {@code sel:off}. Returns the clocks of a call gate (without m), 0 for any other target. */
    static int jump(Cpu cpu, int sel, int off, int osize) {
        int eip = osize == 2 ? off & 0xFFFF : off;
        if (!cpu.protectedMode() || cpu.v86()) {
            checkRealLimit(cpu, eip);
            loadRealCs(cpu, sel);
            cpu.nextEip = eip;
            return 0;
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
            return 0;
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
                return FarClocks.JMP_GATE;
            }
            case Descriptor.TASK_GATE:
                checkGate(cpu, sel, d);
                TaskSwitch.throughTaskGate(cpu, d, TaskSwitch.JMP, cpu.nextEip);
                cpu.nextEip = cpu.eip;
                return 0;
            case Descriptor.TSS16_AVAILABLE:
            case Descriptor.TSS32_AVAILABLE:
            case Descriptor.TSS16_BUSY:
            case Descriptor.TSS32_BUSY:
                checkGate(cpu, sel, d);
                TaskSwitch.toTss(cpu, sel, d, TaskSwitch.JMP, cpu.nextEip);
                cpu.nextEip = cpu.eip;
                return 0;
            default:
                throw cpu.gp(err);
        }
    }

    // ---------------------------------------------------------------- CALL

    /** Far CALL to {@code sel:off}. Returns the clocks of a call gate (without m), 0 for any other target. */
    static int call(Cpu cpu, int sel, int off, int osize) {
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
            return 0;
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
            return 0;
        }
        switch (Descriptor.type(d)) {
            case Descriptor.CALL_GATE16:
            case Descriptor.CALL_GATE32:
                checkGate(cpu, sel, d);
                return callGate(cpu, d, ret);
            case Descriptor.TASK_GATE:
                checkGate(cpu, sel, d);
                TaskSwitch.throughTaskGate(cpu, d, TaskSwitch.CALL, ret);
                cpu.nextEip = cpu.eip;
                return 0;
            case Descriptor.TSS16_AVAILABLE:
            case Descriptor.TSS32_AVAILABLE:
            case Descriptor.TSS16_BUSY:
            case Descriptor.TSS32_BUSY:
                checkGate(cpu, sel, d);
                TaskSwitch.toTss(cpu, sel, d, TaskSwitch.CALL, ret);
                cpu.nextEip = cpu.eip;
                return 0;
            default:
                throw cpu.gp(err);
        }
    }

    /**
     * CALL through a call gate. A non-conforming target more privileged than the CPL runs on
     * its own stack: SS:ESP come from the TSS, and the old SS:ESP, the gate's parameter count of
     * words (286 gate) or dwords (386 gate), and the return address are pushed there. Returns
     * the clocks without m: 52 to the same level, 86 to an inner level without parameters,
     * 94+4x with x parameters.
     */
    private static int callGate(Cpu cpu, long gate, int ret) {
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
        int clocks;
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
            int params = Descriptor.gateParams(gate);
            clocks = params == 0 ? FarClocks.CALL_GATE_INNER
                    : FarClocks.CALL_GATE_INNER_PARAMS + FarClocks.PER_PARAM * params;
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
            clocks = FarClocks.CALL_GATE;
        }
        cpu.nextEip = eip;
        return clocks;
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
