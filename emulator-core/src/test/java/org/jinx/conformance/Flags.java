package org.jinx.conformance;

import org.jinx.cpu.Cpu;

/** EFLAGS bits by name, for reports. */
final class Flags {
    private static final int[] BITS = {Cpu.OF, Cpu.DF, Cpu.IF, Cpu.SF, Cpu.ZF, Cpu.AF, Cpu.PF, Cpu.CF, Cpu.NT,
        Cpu.TF};
    private static final String[] NAMES = {"OF", "DF", "IF", "SF", "ZF", "AF", "PF", "CF", "NT", "TF"};

    private Flags() {
    }

    static String names(int f) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < BITS.length; i++) {
            if ((f & BITS[i]) != 0) {
                sb.append(sb.length() == 0 ? "" : " ").append(NAMES[i]);
            }
        }
        if ((f & Cpu.IOPL) != 0) {
            sb.append(sb.length() == 0 ? "" : " ").append("IOPL=").append(f >>> 12 & 3);
        }
        return sb.length() == 0 ? "-" : sb.toString();
    }
}
