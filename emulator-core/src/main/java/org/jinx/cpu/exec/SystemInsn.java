package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.DebugRegisters;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * System instructions: descriptor tables, task register, MSW, control/debug/test registers, HLT,
 * ARPL, LAR LSL VERR VERW. Rows marked privileged in the opcode table reach these handlers only
 * at CPL 0 (the decoder raises #GP(0) otherwise).
 */
public final class SystemInsn {
    /** CR0 bits the 386 implements; the rest read as zero. ET is writable (287 versus 387). */
    private static final int CR0_BITS = Cpu.CR0_PE | Cpu.CR0_MP | Cpu.CR0_EM | Cpu.CR0_TS | Cpu.CR0_ET | Cpu.CR0_PG;

    // Clocks by register number (386 manual, MOV to/from special registers); the rows hold the
    // count for CR0 and DR0, and the handler adds the difference for the others.
    /** MOV CRn,r32: CR0 10, CR2 4, CR3 5. Reads (MOV r32,CRn) take 6 for all three. */
    private static final int[] MOV_TO_CR_CLOCKS = {10, 0, 4, 5};
    /** MOV r32,DRn: DR0-DR3 22, DR6 and DR7 14 (DR4 and DR5 are their aliases). */
    private static final int[] MOV_FROM_DR_CLOCKS = {22, 22, 22, 22, 14, 14, 14, 14};
    /** MOV DRn,r32: DR0-DR3 22, DR6 and DR7 16. */
    private static final int[] MOV_TO_DR_CLOCKS = {22, 22, 22, 22, 16, 16, 16, 16};
    /** LSL takes 5 clocks more when the limit is in pages (G = 1): 25/26 instead of 20/21. */
    private static final int LSL_PAGE_CLOCKS = 5;

    private SystemInsn() {
    }

    public static void hlt(Cpu cpu, DecodedInsn d) {
        cpu.state = Cpu.State.HALTED;
    }

    // ---------------------------------------------------------------- GDTR, IDTR

    public static void lgdt(Cpu cpu, DecodedInsn d) {
        int ea = cpu.ea(d);
        int limit = cpu.read16(d.seg, ea);
        int base = cpu.read32(d.seg, wrap(d, ea + 2));
        cpu.gdtrLimit = limit;
        cpu.gdtrBase = d.osize == 2 ? base & 0xFFFFFF : base;
    }

    public static void lidt(Cpu cpu, DecodedInsn d) {
        int ea = cpu.ea(d);
        int limit = cpu.read16(d.seg, ea);
        int base = cpu.read32(d.seg, wrap(d, ea + 2));
        cpu.idtrLimit = limit;
        cpu.idtrBase = d.osize == 2 ? base & 0xFFFFFF : base;
    }

    public static void sgdt(Cpu cpu, DecodedInsn d) {
        storeTableRegister(cpu, d, cpu.gdtrLimit, cpu.gdtrBase);
    }

    public static void sidt(Cpu cpu, DecodedInsn d) {
        storeTableRegister(cpu, d, cpu.idtrLimit, cpu.idtrBase);
    }

    /**
     * SGDT/SIDT write the limit and then the base. With a 16-bit operand size the 386 stores a
     * 24-bit base and zero in the sixth byte (the 286 stored ones there); the 386 manual and the
     * SDM's compatibility note agree on the zero.
     */
    private static void storeTableRegister(Cpu cpu, DecodedInsn d, int limit, int base) {
        int ea = cpu.ea(d);
        int baseOff = wrap(d, ea + 2);
        probeWrite(cpu, d.seg, ea, 2);
        probeWrite(cpu, d.seg, baseOff, 4);
        cpu.write16(d.seg, ea, limit);
        cpu.write32(d.seg, baseOff, d.osize == 2 ? base & 0xFFFFFF : base);
    }

    // ---------------------------------------------------------------- LDTR, TR

    public static void sldt(Cpu cpu, DecodedInsn d) {
        requireProtected(cpu);
        cpu.storeE(d, 2, cpu.ldtr.selector);
    }

    public static void str(Cpu cpu, DecodedInsn d) {
        requireProtected(cpu);
        cpu.storeE(d, 2, cpu.tr.selector);
    }

    /** LLDT: a null selector disables the LDT; otherwise an LDT descriptor in the GDT. */
    public static void lldt(Cpu cpu, DecodedInsn d) {
        requireProtected(cpu);
        int sel = cpu.getE(d, 2) & 0xFFFF;
        if ((sel & 0xFFFC) == 0) {
            cpu.ldtr.loadNull(sel);
            return;
        }
        int err = sel & 0xFFFC;
        if ((sel & 4) != 0) {
            throw cpu.gp(err);
        }
        long ld = SegmentLoad.descriptor(cpu, sel);
        if (!Descriptor.system(ld, Descriptor.LDT)) {
            throw cpu.gp(err);
        }
        if (!Descriptor.present(ld)) {
            throw cpu.fault(Exceptions.NP, err);
        }
        cpu.ldtr.loadDescriptor(sel, Descriptor.low(ld), Descriptor.high(ld));
    }

    /** LTR: an available TSS in the GDT, which becomes busy. */
    public static void ltr(Cpu cpu, DecodedInsn d) {
        requireProtected(cpu);
        int sel = cpu.getE(d, 2) & 0xFFFF;
        int err = sel & 0xFFFC;
        if (err == 0) {
            throw cpu.gp(0);
        }
        if ((sel & 4) != 0) {
            throw cpu.gp(err);
        }
        long td = SegmentLoad.descriptor(cpu, sel);
        if (!Descriptor.availableTss(td)) {
            throw cpu.gp(err);
        }
        if (!Descriptor.present(td)) {
            throw cpu.fault(Exceptions.NP, err);
        }
        SegmentLoad.setBusy(cpu, sel, td, true);
        cpu.tr.loadDescriptor(sel, Descriptor.low(td), Descriptor.high(td) | 0x200);
    }

    // ---------------------------------------------------------------- MSW, CRn

    public static void smsw(Cpu cpu, DecodedInsn d) {
        cpu.storeE(d, 2, cpu.cr0 & 0xFFFF);
    }

    /** LMSW loads PE, MP, EM and TS; it can set PE but never clear it. */
    public static void lmsw(Cpu cpu, DecodedInsn d) {
        int v = cpu.getE(d, 2);
        int pe = (cpu.cr0 | v) & Cpu.CR0_PE;
        cpu.cr0 = cpu.cr0 & ~0xF | v & 0xE | pe;
    }

    public static void clts(Cpu cpu, DecodedInsn d) {
        cpu.cr0 &= ~Cpu.CR0_TS;
    }

    public static void movFromCr(Cpu cpu, DecodedInsn d) {
        int v;
        switch (d.reg) {
            case 0: v = cpu.cr0; break;
            case 2: v = cpu.cr2; break;
            case 3: v = cpu.cr3; break;
            default: throw cpu.ud();
        }
        cpu.reg[d.rm] = v;
    }

    /**
     * MOV to CR0 enters or leaves protected mode without touching the segment caches: the CPL
     * stays 0 and CS keeps its cached descriptor until a far jump. Switching PG or PE, or
     * loading CR3, empties the TLB.
     */
    public static void movToCr(Cpu cpu, DecodedInsn d) {
        int v = cpu.reg[d.rm];
        switch (d.reg) {
            case 0:
                if ((v & Cpu.CR0_PG) != 0 && (v & Cpu.CR0_PE) == 0) {
                    throw cpu.gp(0);
                }
                v &= CR0_BITS;
                if (((v ^ cpu.cr0) & (Cpu.CR0_PG | Cpu.CR0_PE)) != 0) {
                    cpu.paging.flush();
                }
                cpu.cr0 = v;
                break;
            case 2:
                cpu.cr2 = v;
                break;
            case 3:
                cpu.cr3 = v & 0xFFFFF000;
                cpu.paging.flush();
                break;
            default:
                throw cpu.ud();
        }
        cpu.extraCycles += MOV_TO_CR_CLOCKS[d.reg] - d.row.clkReg;
    }

    // ---------------------------------------------------------------- DRn, TRn

    /** DR4 and DR5 are reserved on the 386; like later processors we alias them to DR6 and DR7. */
    private static int debugIndex(int n) {
        return n == 4 || n == 5 ? n + 2 : n;
    }

    public static void movFromDr(Cpu cpu, DecodedInsn d) {
        int n = debugIndex(d.reg);
        generalDetect(cpu);
        cpu.reg[d.rm] = cpu.dr[n];
        cpu.extraCycles += MOV_FROM_DR_CLOCKS[n] - d.row.clkReg;
    }

    public static void movToDr(Cpu cpu, DecodedInsn d) {
        int n = debugIndex(d.reg);
        generalDetect(cpu);
        cpu.dr[n] = cpu.reg[d.rm];
        if (n == 7) {
            DebugRegisters.update(cpu);
        }
        cpu.extraCycles += MOV_TO_DR_CLOCKS[n] - d.row.clkReg;
    }

    /**
     * DR7.GD (general detect, 386 manual 12.2.4): any MOV to or from a debug register is a #DB
     * fault. The processor clears GD on the way into the handler, so the handler can use the
     * debug registers, and sets DR6.BD to say why.
     */
    private static void generalDetect(Cpu cpu) {
        if ((cpu.dr[7] & DebugRegisters.DR7_GD) != 0) {
            cpu.dr[7] &= ~DebugRegisters.DR7_GD;
            cpu.dr[6] |= DebugRegisters.DR6_BD;
            throw cpu.fault(Exceptions.DB);
        }
    }

    /** TR6 and TR7 (the TLB test registers) hold what is written and test nothing. */
    public static void movFromTr(Cpu cpu, DecodedInsn d) {
        if (d.reg != 6 && d.reg != 7) {
            throw cpu.ud();
        }
        cpu.reg[d.rm] = cpu.testReg[d.reg];
    }

    public static void movToTr(Cpu cpu, DecodedInsn d) {
        if (d.reg != 6 && d.reg != 7) {
            throw cpu.ud();
        }
        cpu.testReg[d.reg] = cpu.reg[d.rm];
    }

    // ---------------------------------------------------------------- selector tests

    /** ARPL Ew, Gw: raises the destination selector's RPL to the source's. */
    public static void arpl(Cpu cpu, DecodedInsn d) {
        requireProtected(cpu);
        int dst = cpu.getOp1(d);
        int src = cpu.getOp2(d);
        if ((dst & 3) < (src & 3)) {
            cpu.setOp1(d, dst & ~3 | src & 3);
            cpu.setFlag(Cpu.ZF, true);
        } else {
            cpu.setFlag(Cpu.ZF, false);
        }
    }

    /**
     * LAR: the descriptor's second dword masked by 00FxFF00 (the 386 manual leaves the limit
     * nibble undefined; we pass it through). The 386's valid system types include the gates.
     */
    public static void lar(Cpu cpu, DecodedInsn d) {
        long desc = selectorDescriptor(cpu, d, LAR_TYPES);
        if (desc == 0) {
            return;
        }
        cpu.setG(d, Descriptor.high(desc) & (d.osize == 4 ? 0x00FFFF00 : 0xFF00));
        cpu.setFlag(Cpu.ZF, true);
    }

    /** LSL: the segment limit in bytes (granularity applied); a page-granular limit costs more. */
    public static void lsl(Cpu cpu, DecodedInsn d) {
        long desc = selectorDescriptor(cpu, d, LSL_TYPES);
        if (desc == 0) {
            return;
        }
        cpu.setG(d, Descriptor.limit(desc));
        cpu.setFlag(Cpu.ZF, true);
        if (Descriptor.granular(desc)) {
            cpu.extraCycles += LSL_PAGE_CLOCKS;
        }
    }

    /** VERR: ZF = 1 when the segment is readable at max(CPL, RPL). Presence is not checked. */
    public static void verr(Cpu cpu, DecodedInsn d) {
        requireProtected(cpu);
        int sel = cpu.getE(d, 2) & 0xFFFF;
        boolean ok = false;
        if (inTable(cpu, sel)) {
            long desc = SegmentLoad.descriptor(cpu, sel);
            ok = visible(cpu, sel, desc) && Descriptor.dataOrReadableCode(desc);
        }
        cpu.setFlag(Cpu.ZF, ok);
    }

    /** VERW: ZF = 1 when the segment is writable data at max(CPL, RPL). */
    public static void verw(Cpu cpu, DecodedInsn d) {
        requireProtected(cpu);
        int sel = cpu.getE(d, 2) & 0xFFFF;
        boolean ok = false;
        if (inTable(cpu, sel)) {
            long desc = SegmentLoad.descriptor(cpu, sel);
            ok = visible(cpu, sel, desc) && Descriptor.writableData(desc);
        }
        cpu.setFlag(Cpu.ZF, ok);
    }

    // Indexed by system type: which ones LAR and LSL accept (386 manual, LAR and LSL pages).
    private static final boolean[] LAR_TYPES = types(1, 2, 3, 4, 5, 6, 7, 9, 11, 12, 14, 15);
    private static final boolean[] LSL_TYPES = types(1, 2, 3, 9, 11);

    /**
     * The checks LAR and LSL share: the Ew selector must be in its table and visible at CPL and
     * RPL, and name a code or data segment or a system type in {@code types}. Returns the
     * descriptor, or 0 with ZF cleared when a check fails. 0 cannot be a descriptor that passes:
     * its S bit is clear and type 0 is in neither list.
     */
    private static long selectorDescriptor(Cpu cpu, DecodedInsn d, boolean[] types) {
        requireProtected(cpu);
        int sel = cpu.getE(d, 2) & 0xFFFF;
        if (!inTable(cpu, sel)) {
            cpu.setFlag(Cpu.ZF, false);
            return 0;
        }
        long desc = SegmentLoad.descriptor(cpu, sel);
        if (!visible(cpu, sel, desc) || !Descriptor.segment(desc) && !types[Descriptor.type(desc)]) {
            cpu.setFlag(Cpu.ZF, false);
            return 0;
        }
        return desc;
    }

    private static boolean[] types(int... t) {
        boolean[] b = new boolean[16];
        for (int x : t) {
            b[x] = true;
        }
        return b;
    }

    /** LAR, LSL, VERR and VERW never fault for a bad selector: null or out of table gives ZF = 0. */
    private static boolean inTable(Cpu cpu, int sel) {
        return (sel & 0xFFFC) != 0 && SegmentLoad.inTable(cpu, sel);
    }

    /** Visible at the CPL as modified by the RPL: conforming code always, anything else if DPL >= max(CPL, RPL). */
    private static boolean visible(Cpu cpu, int sel, long desc) {
        return Descriptor.conformingCode(desc) || Descriptor.dpl(desc) >= Math.max(cpu.cpl, sel & 3);
    }

    // ---------------------------------------------------------------- helpers

    /** Instructions that exist only in protected mode: #UD in real and virtual-8086 mode. */
    private static void requireProtected(Cpu cpu) {
        if (!cpu.protectedMode() || cpu.v86()) {
            throw cpu.ud();
        }
    }

    private static int wrap(DecodedInsn d, int off) {
        return d.a32 ? off : off & 0xFFFF;
    }

    /** Checks a write (segment limit and paging) without performing it, so a two-part store is all or nothing. */
    private static void probeWrite(Cpu cpu, int seg, int off, int size) {
        int lin = cpu.checkWrite(seg, off, size);
        boolean user = cpu.cpl == 3;
        cpu.paging.translate(lin, true, user);
        cpu.paging.translate(lin + size - 1, true, user);
    }
}
