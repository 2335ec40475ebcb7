package org.jinx.tools.lockstep;

import java.util.ArrayList;
import java.util.List;

/**
 * Compares Jinx's registers with QEMU's after a step. EFLAGS bits the instruction leaves
 * undefined are not compared (the caller passes them as {@code ignoredFlags}); every other
 * register must be equal bit for bit.
 */
public final class RegisterComparison {
    /** One register that differs: its index in {@link Registers}, Jinx's value and QEMU's. */
    public record Mismatch(int register, int jinx, int qemu) {
        public String name() {
            return Registers.NAMES[register];
        }

        @Override
        public String toString() {
            String f = Registers.isSegment(register) ? "%s: jinx %04x, qemu %04x" : "%s: jinx %08x, qemu %08x";
            String s = String.format(f, name(), jinx, qemu);
            if (register == Registers.EFLAGS) {
                s += " (differ in " + EflagsNames.describe(jinx ^ qemu) + ")";
            }
            return s;
        }
    }

    private RegisterComparison() {
    }

    /** Every register that differs, in index order; empty when the two sets agree. */
    public static List<Mismatch> compare(Registers jinx, Registers qemu, int ignoredFlags) {
        List<Mismatch> out = new ArrayList<>(2);
        for (int i = 0; i < Registers.COUNT; i++) {
            int a = jinx.get(i);
            int b = qemu.get(i);
            int diff = a ^ b;
            if (i == Registers.EFLAGS) {
                diff &= ~ignoredFlags;
            }
            if (diff != 0) {
                out.add(new Mismatch(i, a, b));
            }
        }
        return out;
    }
}
