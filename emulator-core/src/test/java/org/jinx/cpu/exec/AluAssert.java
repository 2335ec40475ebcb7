package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.TrapSink;

/** Shared helpers for the ALU family tests: flag names, flag assertions and fault capture. */
final class AluAssert {
    static final int O = Cpu.OF, S = Cpu.SF, Z = Cpu.ZF, A = Cpu.AF, P = Cpu.PF, C = Cpu.CF;
    static final int OSZAPC = Cpu.ARITH_FLAGS;

    private AluAssert() {
    }

    /** Asserts that, of the flags in {@code defined}, exactly those in {@code set} are 1. */
    static void assertFlags(CpuRig r, int defined, int set) {
        int actual = r.flags() & defined;
        assertThat(names(actual)).as("flags %s", names(defined)).isEqualTo(names(set & defined));
    }

    /** Flag letters in OSZAPC order, '-' for a clear flag, for readable failures. */
    static String names(int f) {
        String letters = "OSZAPC";
        int[] bits = {O, S, Z, A, P, C};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            sb.append((f & bits[i]) != 0 ? letters.charAt(i) : '-');
        }
        return sb.toString();
    }

    /** A rig in flat 32-bit mode with EFLAGS preset to {@code flags} (bit 1 is added). */
    static CpuRig flat(int flags) {
        CpuRig r = CpuRig.flat32();
        r.cpu.setEflags(flags);
        return r;
    }

    /** Instruction bytes: any mix of single bytes and arrays (from {@link #le32}, {@link #le16}). */
    static int[] bytes(Object... parts) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (Object p : parts) {
            if (p instanceof int[]) {
                for (int b : (int[]) p) {
                    out.add(b);
                }
            } else {
                out.add((Integer) p);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    static int[] le32(int v) {
        return new int[] {v & 0xFF, v >>> 8 & 0xFF, v >>> 16 & 0xFF, v >>> 24};
    }

    static int[] le16(int v) {
        return new int[] {v & 0xFF, v >>> 8 & 0xFF};
    }

    /** Records exceptions instead of delivering them, so a test can see the faulting state. */
    static final class FaultCatcher implements TrapSink {
        int vector = -1;
        int eip;
        int count;

        static FaultCatcher install(CpuRig r) {
            FaultCatcher f = new FaultCatcher();
            r.cpu.trapSink = f;
            return f;
        }

        @Override
        public boolean trap(Cpu cpu, Kind kind, int v, boolean hasErrorCode, int errorCode) {
            if (kind == Kind.EXCEPTION) {
                vector = v;
                eip = cpu.eip;
                count++;
                return true;
            }
            return false;
        }
    }
}
