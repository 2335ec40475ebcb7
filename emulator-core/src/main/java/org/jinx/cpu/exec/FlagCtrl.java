package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/** Flag instructions: CLC STC CMC CLD STD CLI STI, LAHF SAHF, SALC. */
public final class FlagCtrl {
    /** The flags LAHF and SAHF move: SF ZF AF PF CF (bits 7, 6, 4, 2, 0). */
    private static final int AH_FLAGS = Cpu.SF | Cpu.ZF | Cpu.AF | Cpu.PF | Cpu.CF;

    private FlagCtrl() {
    }

    public static void clc(Cpu cpu, DecodedInsn d) {
        cpu.setFlag(Cpu.CF, false);
    }

    public static void stc(Cpu cpu, DecodedInsn d) {
        cpu.setFlag(Cpu.CF, true);
    }

    public static void cmc(Cpu cpu, DecodedInsn d) {
        cpu.setFlag(Cpu.CF, !cpu.cf());
    }

    public static void cld(Cpu cpu, DecodedInsn d) {
        cpu.setFlag(Cpu.DF, false);
    }

    public static void std(Cpu cpu, DecodedInsn d) {
        cpu.setFlag(Cpu.DF, true);
    }

    /**
     * Whether this privilege level may change IF: always in real mode; in protected mode when
     * CPL &lt;= IOPL; in virtual-8086 mode only with IOPL 3 (the 386 has no VME).
     */
    private static void checkIfPrivilege(Cpu cpu) {
        if (!cpu.protectedMode()) {
            return;
        }
        if (cpu.v86() ? cpu.iopl() < 3 : cpu.cpl > cpu.iopl()) {
            throw cpu.gp(0);
        }
    }

    public static void cli(Cpu cpu, DecodedInsn d) {
        checkIfPrivilege(cpu);
        cpu.setFlag(Cpu.IF, false);
    }

    /**
     * STI. When it sets IF from 0, interrupts stay held off until after the next instruction,
     * so that STI; HLT and STI; RET cannot be split by an interrupt.
     */
    public static void sti(Cpu cpu, DecodedInsn d) {
        checkIfPrivilege(cpu);
        if (!cpu.ifFlag()) {
            cpu.inhibitInterrupts = true;
            cpu.setFlag(Cpu.IF, true);
        }
    }

    /** LAHF: AH = SF ZF 0 AF 0 PF 1 CF. */
    public static void lahf(Cpu cpu, DecodedInsn d) {
        cpu.setReg8(4, cpu.getEflags() & AH_FLAGS | 0x02);
    }

    /** SAHF: SF ZF AF PF CF from AH; the other flags are unchanged. */
    public static void sahf(Cpu cpu, DecodedInsn d) {
        int ah = cpu.reg8(4);
        cpu.setEflags(cpu.getEflags() & ~AH_FLAGS | ah & AH_FLAGS);
    }

    /** SALC (undocumented D6): AL = 0xFF if CF is set, else 0; flags unchanged. */
    public static void salc(Cpu cpu, DecodedInsn d) {
        cpu.setReg8(Cpu.EAX, cpu.cf() ? 0xFF : 0);
    }
}
