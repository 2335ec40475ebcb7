package org.jinx.tools.lockstep;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * The one list of known differences between QEMU 7.2 (TCG, {@code qemu32} CPU) and the 80386
 * as its manual describes it, which the lockstep therefore tolerates. Two kinds:
 * <ul>
 *   <li><b>deviations</b>: QEMU does something the 386 manual says the 386 does not;</li>
 *   <li><b>choices</b>: the 386 manual leaves a result undefined and QEMU's model picks a value
 *       that Jinx does not. (Undefined flags are not here: the opcode table's
 *       {@code flagsUndefined} names them, and {@link UndefinedFlags} leaves them uncompared.)</li>
 * </ul>
 * Jinx follows the manual in each case. How each is tolerated ({@link Handling}):
 * <ul>
 *   <li>{@code ALIGN_QEMU}: QEMU's reset value (or a value QEMU stores to memory) is replaced
 *       with the 386's through the stub, once, before it can matter;</li>
 *   <li>{@code ADOPT}: after the instruction, the named register bits may differ; a divergence
 *       entirely inside them is explained and Jinx takes QEMU's bits, so the runs stay aligned;</li>
 *   <li>{@code STOP}: Jinx raises an exception that QEMU does not; the run cannot continue in
 *       lockstep, so it ends there, explained, when the condition was seen before the step.</li>
 * </ul>
 * Anything not covered here is reported as a divergence. docs/cpu-lockstep.md shows this
 * table to readers; "386 manual" is the Intel 80386 Programmer's Reference Manual (1986), "SDM"
 * the Intel 64 and IA-32 Architectures Software Developer's Manual.
 */
public enum QemuDeviation {
    RESET_EDX(Kind.DEVIATION, Handling.ALIGN_QEMU,
            "RESET leaves a family-6 signature (0x663) in EDX, not the 386's 0x0303",
            "386 manual 10.1 (processor state after reset: DH = 3, DL = stepping)") {
        @Override
        int resetTolerance(int register) {
            return register == Registers.EDX ? -1 : 0;
        }
    },
    RESET_CR0(Kind.DEVIATION, Handling.ALIGN_QEMU,
            "RESET sets CR0.CD and CR0.NW (bits 30 and 29), which the 386 does not have",
            "386 manual 10.1 and 4.1.3 (CR0 bits 4-30 reserved); SDM 9.1.1 (CD/NW from the 486 on)") {
        @Override
        int resetTolerance(int register) {
            return register == Registers.CR0 ? CR0_CD | CR0_NW : 0;
        }
    },
    IDTR_LIMIT_AFTER_RESET(Kind.DEVIATION, Handling.ALIGN_QEMU,
            "the IDTR limit after RESET is 0xFFFF, not 0x03FF: seen only when SIDT stores it; QEMU's stored "
                    + "word is rewritten to 0x03FF",
            "386 manual 10.1 (IDTR after reset: base 0, limit 03FFH); the SDM gives 0FFFFH for later processors"),
    CR0_WRITE(Kind.DEVIATION, Handling.ADOPT,
            "MOV to CR0 keeps CD and NW and forces ET to 1; on the 386 CD/NW do not exist and ET is writable",
            "386 manual 4.1.3 and 10.1 (ET selects the 80287 or 80387 protocol); SDM 9.1.1") {
        @Override
        int tolerance(Step s, int register) {
            DecodedInsn d = s.insn();
            return d.opcode == 0x122 && d.reg == 0 && register == Registers.CR0 ? CR0_CD | CR0_NW | Cpu.CR0_ET : 0;
        }
    },
    DR6_RESERVED_BITS(Kind.DEVIATION, Handling.ADOPT,
            "MOV r32,DR6 reads reserved bits as QEMU's P6 model fixes them (4-11 and 16-31 set, 12 clear); "
                    + "Jinx returns what was written",
            "386 manual 12.2.3 (DR6, reserved bits); SDM 17.2.3 (set to 1 on later processors)") {
        @Override
        int tolerance(Step s, int register) {
            DecodedInsn d = s.insn();
            return d.opcode == 0x121 && d.reg == 6 && register == d.rm ? 0xFFFF1FF0 : 0;
        }
    },
    STORE_SELECTOR_HIGH_HALF(Kind.CHOICE, Handling.ADOPT,
            "SLDT, STR and SMSW to a 32-bit register: the upper 16 bits are undefined on the 386; QEMU clears "
                    + "them (SMSW: writes all of CR0)",
            "SDM SLDT/STR/SMSW (upper 16 bits undefined on the Intel386); 386 manual SLDT/STR/SMSW") {
        @Override
        int tolerance(Step s, int register) {
            DecodedInsn d = s.insn();
            boolean selector = d.opcode == 0x100 && (d.reg == 0 || d.reg == 1) || d.opcode == 0x101 && d.reg == 4;
            return selector && d.o32 && d.mod == 3 && register == d.rm ? 0xFFFF0000 : 0;
        }
    },
    DATA_SEGMENT_CHECKS(Kind.DEVIATION, Handling.STOP,
            "no limit, type or null-selector check on a data access (and no 64 KiB wrap fault in real mode): "
                    + "the 386 raises #GP or #SS",
            "386 manual 6.3.1 and 9.8.13 (#GP/#SS for limit, type and null selector); 14.7 (real-mode wrap)") {
        @Override
        boolean predicts(DecodedInsn d, Cpu cpu) {
            if (d.mod == 3) {
                return false; // no memory operand (the decoder gives mod 3 to every instruction without one)
            }
            int off = cpu.ea(d);
            int size = d.osize;
            try {
                cpu.checkRead(d.seg, off, size);
                cpu.checkWrite(d.seg, off, size);
                return false;
            } catch (CpuFault f) {
                return true;
            }
        }
    },
    LOCK_MOV(Kind.DEVIATION, Handling.STOP,
            "LOCK on an instruction that does not allow it (MOV to memory) runs instead of raising #UD",
            "386 manual LOCK (#UD unless the instruction is one of the listed read-modify-writes to memory)") {
        @Override
        boolean predicts(DecodedInsn d, Cpu cpu) {
            return d.lock && d.mod != 3 && !d.row.has(org.jinx.cpu.decode.Attr.LOCKABLE);
        }
    },
    CR0_PG_WITHOUT_PE(Kind.DEVIATION, Handling.STOP,
            "MOV to CR0 with PG set and PE clear is accepted; the 386 raises #GP(0)",
            "386 manual MOV (control registers) and 10.4 (paging requires protected mode); SDM MOV CRn") {
        @Override
        boolean predicts(DecodedInsn d, Cpu cpu) {
            int v = cpu.reg[d.rm];
            return d.opcode == 0x122 && d.reg == 0 && (v & Cpu.CR0_PG) != 0 && (v & Cpu.CR0_PE) == 0;
        }
    },
    DR7_GENERAL_DETECT(Kind.DEVIATION, Handling.STOP,
            "DR7.GD (general detect) is not implemented: a MOV to or from a debug register does not raise #DB",
            "386 manual 12.2.4 (GD bit) and 12.3.1.3 (general detect fault)") {
        @Override
        boolean predicts(DecodedInsn d, Cpu cpu) {
            return (d.opcode == 0x121 || d.opcode == 0x123) && (cpu.dr[7] & DR7_GD) != 0;
        }
    },
    LATER_PROCESSOR_OPCODES(Kind.DEVIATION, Handling.STOP,
            "opcodes of later processors run (CPUID, BSWAP, XADD, CMPXCHG, INVD, WBINVD, INVLPG, RDTSC, "
                    + "RDMSR/WRMSR, CMOVcc, CMPXCHG8B); the 386 raises #UD",
            "386 manual appendix A (opcode map); SDM vol. 3 22.13 (instructions added by later processors)") {
        @Override
        boolean predicts(DecodedInsn d, Cpu cpu) {
            return laterOpcode(d);
        }
    };

    /** Whether QEMU contradicts the manual, or picks a value where the manual gives none. */
    public enum Kind { DEVIATION, CHOICE }

    /** How the lockstep tolerates an entry; see the class comment. */
    public enum Handling { ALIGN_QEMU, ADOPT, STOP }

    /**
     * One compared instruction: what was executed, Jinx's registers after it, and whether it
     * completed (rather than faulting).
     */
    public record Step(DecodedInsn insn, Registers jinxAfter, boolean completed) {
    }

    static final int CR0_NW = 1 << 29;
    static final int CR0_CD = 1 << 30;
    static final int DR7_GD = 1 << 13;

    public final Kind kind;
    public final Handling handling;
    /** What differs, in one line. */
    public final String summary;
    /** Where the manuals say what the 386 does. */
    public final String reference;

    QemuDeviation(Kind kind, Handling handling, String summary, String reference) {
        this.kind = kind;
        this.handling = handling;
        this.summary = summary;
        this.reference = reference;
    }

    /** ADOPT: the bits of {@code register} that may differ after {@code s} because of this entry. */
    int tolerance(Step s, int register) {
        return 0;
    }

    /** ALIGN_QEMU at reset: the bits of {@code register} in which QEMU's RESET state is not the 386's. */
    int resetTolerance(int register) {
        return 0;
    }

    /**
     * STOP: whether the instruction about to run on {@code cpu} meets the condition under which
     * Jinx raises an exception and QEMU does not. Evaluated before the step, without side effects.
     */
    boolean predicts(DecodedInsn d, Cpu cpu) {
        return false;
    }

    /** Union of every ADOPT entry's tolerance for {@code register} after {@code s}. */
    static int tolerated(Step s, int register) {
        if (s.insn() == null || !s.completed()) {
            return 0;
        }
        int t = 0;
        for (QemuDeviation d : values()) {
            t |= d.tolerance(s, register);
        }
        return t;
    }

    /** The first STOP entry whose condition holds for the instruction about to run, or null. */
    static QemuDeviation predictedStop(DecodedInsn d, Cpu cpu) {
        if (d == null) {
            return null;
        }
        for (QemuDeviation dev : values()) {
            if (dev.handling == Handling.STOP && dev.predicts(d, cpu)) {
                return dev;
            }
        }
        return null;
    }

    /**
     * The opcodes QEMU's {@code qemu32} model executes that the 386 does not have: 0F A2 CPUID,
     * 0F C8-CF BSWAP, 0F B0/B1 CMPXCHG, 0F C0/C1 XADD, 0F 08 INVD, 0F 09 WBINVD, 0F 01 /7
     * INVLPG, 0F 30-32 WRMSR/RDTSC/RDMSR, 0F 40-4F CMOVcc, 0F C7 CMPXCHG8B. Jinx decodes them
     * as invalid; only these are tolerated, so a 386 instruction Jinx failed to decode still shows.
     */
    static boolean laterOpcode(DecodedInsn d) {
        if (!d.row.has(org.jinx.cpu.decode.Attr.INVALID)) {
            return false;
        }
        int op = d.opcode;
        return op == 0x1A2 || op >= 0x1C8 && op <= 0x1CF || op == 0x1B0 || op == 0x1B1 || op == 0x1C0
                || op == 0x1C1 || op == 0x108 || op == 0x109 || op == 0x101 && d.reg == 7
                || op >= 0x130 && op <= 0x132 || op >= 0x140 && op <= 0x14F || op == 0x1C7;
    }
}
