package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/** Flag instructions: CLC STC CMC CLD STD CLI STI, LAHF SAHF, SALC. */
public final class FlagCtrl {
    private FlagCtrl() {
    }

    public static void clc(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void cld(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void cli(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void cmc(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void lahf(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void sahf(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void salc(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void stc(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void std(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }

    public static void sti(Cpu cpu, DecodedInsn d) {
        throw Unimplemented.raise(cpu, d);
    }
}
