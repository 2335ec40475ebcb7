package org.jinx.tools.lockstep;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * The one list of known differences between QEMU 7.2 (TCG, {@code qemu32} CPU) and the 80386
 * as its manual describes it, which the lockstep therefore tolerates. Two kinds:
 * <ul>
 *   <li><b>deviations</b>: QEMU does something the 386 manual says the 386 does not;</li>
 *   <li><b>choices</b>: the 386 manual leaves a result undefined (or lists a flag as unaffected
 *       where the SDM calls it undefined) and QEMU's model picks a value that Jinx does not.</li>
 * </ul>
 * Jinx follows the manual in each case. Each entry names, for an instruction, the register bits
 * that may differ; a divergence entirely inside those bits is counted as explained and Jinx
 * takes QEMU's value for them, so the runs stay comparable. RESET entries are applied once,
 * the other way round: QEMU's reset value is overwritten with the 386's through the stub.
 * Anything not covered here is reported as a divergence.
 *
 * <p>"386 manual" is the Intel 80386 Programmer's Reference Manual (1986); "SDM" is the Intel
 * 64 and IA-32 Architectures Software Developer's Manual. docs/cpu-lockstep.md shows this table
 * to readers.
 */
public enum QemuDeviation {
    RESET_EDX(Kind.DEVIATION, "RESET leaves a family-6 signature (0x663) in EDX, not the 386's 0x0303",
            "386 manual 10.1 (processor state after reset: DH = 3, DL = stepping)") {
        @Override
        int resetTolerance(int register) {
            return register == Registers.EDX ? -1 : 0;
        }
    },
    RESET_CR0(Kind.DEVIATION, "RESET sets CR0.CD and CR0.NW (bits 30 and 29), which the 386 does not have",
            "386 manual 10.1 and 4.1.3 (CR0 bits 4-30 reserved); SDM 9.1.1 (CD/NW from the 486 on)") {
        @Override
        int resetTolerance(int register) {
            return register == Registers.CR0 ? 0x60000000 : 0;
        }
    },
    DR6_RESERVED_BITS(Kind.DEVIATION, "MOV r32,DR6 reads reserved bits 4-12 and 16-31 as QEMU's P6 model fixes them "
            + "(4-11 and 16-31 set, 12 clear); Jinx returns what was written",
            "386 manual 12.2.3 (DR6, reserved bits); SDM 17.2.3 (set to 1 on later processors)") {
        @Override
        int tolerance(Step s, int register) {
            DecodedInsn d = s.insn();
            return d.opcode == 0x121 && d.reg == 6 && register == d.rm ? 0xFFFF1FF0 : 0;
        }
    },
    STORE_SELECTOR_HIGH_HALF(Kind.CHOICE, "SLDT, STR and SMSW to a 32-bit register: the upper 16 bits are "
            + "undefined on the 386; QEMU clears them (SMSW: writes all of CR0)",
            "SDM SLDT/STR/SMSW (upper 16 bits undefined on the Intel386); 386 manual SLDT/STR/SMSW") {
        @Override
        int tolerance(Step s, int register) {
            DecodedInsn d = s.insn();
            boolean selector = d.opcode == 0x100 && (d.reg == 0 || d.reg == 1) || d.opcode == 0x101 && d.reg == 4;
            return selector && d.o32 && d.mod == 3 && register == d.rm ? 0xFFFF0000 : 0;
        }
    },
    BIT_SCAN_FLAGS(Kind.CHOICE, "BSF/BSR change CF, OF, SF, AF, PF (the 386 manual lists only ZF), and leave the "
            + "destination unchanged when the source is 0",
            "386 manual BSF/BSR (destination undefined for a zero source); SDM BSF/BSR (CF OF SF AF PF undefined)") {
        @Override
        int tolerance(Step s, int register) {
            DecodedInsn d = s.insn();
            if (d.opcode != 0x1BC && d.opcode != 0x1BD) {
                return 0;
            }
            if (register == Registers.EFLAGS) {
                return Cpu.CF | Cpu.OF | Cpu.SF | Cpu.AF | Cpu.PF;
            }
            boolean zeroSource = (s.jinxAfter().get(Registers.EFLAGS) & Cpu.ZF) != 0;
            return zeroSource && register == d.reg ? -1 : 0;
        }
    },
    BIT_TEST_FLAGS(Kind.CHOICE, "BT/BTS/BTR/BTC change OF, SF, AF, PF (the 386 manual lists only CF)",
            "386 manual BT/BTC/BTR/BTS (flags affected: CF); SDM BT/BTC/BTR/BTS (OF SF AF PF undefined)") {
        @Override
        int tolerance(Step s, int register) {
            int op = s.insn().opcode;
            boolean bt = op == 0x1A3 || op == 0x1AB || op == 0x1B3 || op == 0x1BB || op == 0x1BA;
            return bt && register == Registers.EFLAGS ? Cpu.OF | Cpu.SF | Cpu.AF | Cpu.PF : 0;
        }
    };

    /** Whether QEMU contradicts the manual, or picks a value where the manual gives none. */
    public enum Kind { DEVIATION, CHOICE }

    /**
     * One compared instruction: what was executed, Jinx's registers after it, and whether it
     * completed (rather than faulting).
     */
    public record Step(DecodedInsn insn, Registers jinxAfter, boolean completed) {
    }

    public final Kind kind;
    /** What differs, in one line. */
    public final String summary;
    /** Where the manuals say what the 386 does. */
    public final String reference;

    QemuDeviation(Kind kind, String summary, String reference) {
        this.kind = kind;
        this.summary = summary;
        this.reference = reference;
    }

    /** The bits of {@code register} that may differ after {@code s} because of this entry. */
    int tolerance(Step s, int register) {
        return 0;
    }

    /** The bits of {@code register} in which QEMU's RESET state may differ from the 386's. */
    int resetTolerance(int register) {
        return 0;
    }

    /** Union of every entry's tolerance for {@code register} after {@code s} (0 for an undecoded step). */
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
}
