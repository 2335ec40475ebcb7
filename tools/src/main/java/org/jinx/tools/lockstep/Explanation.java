package org.jinx.tools.lockstep;

import java.util.ArrayList;
import java.util.List;
import org.jinx.cpu.Cpu;

/**
 * Whether the ADOPT entries of {@link QemuDeviation} explain a difference after a step, and
 * the adoption itself: Jinx takes QEMU's values for exactly the differing bits.
 */
final class Explanation {
    private Explanation() {
    }

    /**
     * The entries that explain {@code diff}, one per register each covers some of; null when
     * any differing bit (outside {@code ignoredFlags} in EFLAGS) is covered by none. Only the
     * general registers, EFLAGS and CR0 can be explained: Jinx could not take another register
     * (EIP, a selector) from QEMU without its hidden state.
     */
    static List<QemuDeviation> of(QemuDeviation.Step step, List<RegisterComparison.Mismatch> diff, int ignoredFlags) {
        List<QemuDeviation> by = new ArrayList<>();
        for (RegisterComparison.Mismatch m : diff) {
            int r = m.register();
            boolean adoptable = r <= Registers.EDI || r == Registers.EFLAGS || r == Registers.CR0;
            int bits = differing(m, ignoredFlags);
            if (!adoptable || (bits & ~QemuDeviation.tolerated(step, r)) != 0) {
                return null;
            }
            for (QemuDeviation dev : QemuDeviation.values()) {
                if ((dev.tolerance(step, r) & bits) != 0) {
                    by.add(dev);
                }
            }
        }
        return by;
    }

    /** Gives Jinx QEMU's value for every differing bit of {@code diff}. */
    static void adopt(Cpu cpu, List<RegisterComparison.Mismatch> diff, int ignoredFlags) {
        for (RegisterComparison.Mismatch m : diff) {
            int bits = differing(m, ignoredFlags);
            if (m.register() == Registers.EFLAGS) {
                cpu.setEflags(m.jinx() ^ bits);
            } else if (m.register() == Registers.CR0) {
                cpu.cr0 ^= bits;
            } else {
                cpu.reg[m.register()] ^= bits;
            }
        }
    }

    private static int differing(RegisterComparison.Mismatch m, int ignoredFlags) {
        int bits = m.jinx() ^ m.qemu();
        return m.register() == Registers.EFLAGS ? bits & ~ignoredFlags : bits;
    }
}
