package org.jinx.tools.lockstep;

import java.util.List;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * The text a divergence is reported with: what differs, the instructions that led there (the
 * last one marked), the next instructions at Jinx's CS:EIP, and both register sets.
 */
final class DivergenceReport {
    /** Instructions listed after the point of divergence. */
    static final int AHEAD = 3;

    private DivergenceReport() {
    }

    /** {@code recent} ends with the instruction just executed; the step numbers come from its lines. */
    static String format(String headline, List<RegisterComparison.Mismatch> diff, List<String> recent,
            JinxTarget jinx, Registers j, Registers q) {
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append(headline).append(nl);
        for (RegisterComparison.Mismatch m : diff) {
            sb.append("  ").append(m).append(nl);
        }
        sb.append("instructions (>> the one just executed):").append(nl);
        for (int i = 0; i < recent.size(); i++) {
            sb.append(i == recent.size() - 1 ? ">> " : "   ").append(recent.get(i)).append(nl);
        }
        sb.append("next at Jinx's CS:EIP:").append(nl);
        Cpu cpu = jinx.cpu;
        int base = cpu.seg[Cpu.CS].base;
        int eip = cpu.eip;
        for (int k = 0; k < AHEAD; k++) {
            DecodedInsn d = jinx.peekInstruction(base, eip, cpu.code32());
            sb.append("   ").append(History.line(-1, cpu.seg[Cpu.CS].selector, eip, cpu.code32(), d)).append(nl);
            if (d == null) {
                break;
            }
            eip += d.length;
            if (!cpu.code32()) {
                eip &= 0xFFFF;
            }
        }
        sb.append("jinx:").append(nl).append(indent(j.format())).append(nl);
        if (q != null) {
            sb.append("qemu:").append(nl).append(indent(q.format())).append(nl);
        }
        return sb.toString();
    }

    private static String indent(String text) {
        return "  " + text.replace(System.lineSeparator(), System.lineSeparator() + "  ");
    }
}
