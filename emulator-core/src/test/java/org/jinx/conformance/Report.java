package org.jinx.conformance;

import java.util.List;
import org.jinx.cpu.decode.Disassembler;

/** The reproducer printed for a failing case: state, code with disassembly, both outcomes, the differences. */
final class Report {
    private Report() {
    }

    /** A key that identifies the failure's kind: the units left after shrinking. */
    static String signature(Runner.Verdict v) {
        StringBuilder sb = new StringBuilder();
        describe(v.tc.units, sb);
        sb.append(" ->");
        for (Comparison.Mismatch m : v.mismatches) {
            sb.append(' ').append(m.field());
        }
        return sb.toString();
    }

    private static void describe(List<Unit> units, StringBuilder sb) {
        for (Unit u : units) {
            sb.append(sb.length() == 0 || sb.charAt(sb.length() - 1) == '{' ? "" : "; ").append(u.what);
            if (u.isBranch()) {
                sb.append(" {");
                describe(u.body, sb);
                sb.append('}');
            }
        }
    }

    static String format(String origin, Runner.Verdict original, Runner.Verdict shrunk) {
        StringBuilder sb = new StringBuilder();
        TestCase tc = shrunk.tc;
        sb.append(shrunk.failed() ? "MISMATCH " : "AGREE ").append(origin).append(": ").append(signature(shrunk))
                .append('\n');
        sb.append(String.format("  shrunk from %d units (%d bytes) to %d units (%d bytes)%n", original.tc.units.size(),
                original.tc.code().length, tc.units.size(), tc.code().length));
        sb.append("  replay: ").append(tc.line()).append('\n');
        sb.append("  initial:");
        for (int r = 0; r < 8; r++) {
            sb.append(String.format(" %s=%08X", Comparison.REG[r], tc.regs[r]));
        }
        sb.append(String.format(" EFLAGS=%08X (%s); buffer %08X-%08X from seed %08X%n", tc.eflags,
                Flags.names(tc.eflags), Layout.BUF, Layout.BUF + Layout.BUF_SIZE - 1, tc.memSeed));
        sb.append("  code:\n");
        for (String line : Disassembler.listing(tc.code(), Layout.CODE, true)) {
            sb.append("    ").append(line).append('\n');
        }
        sb.append("  host: ").append(outcome(shrunk.host)).append('\n');
        sb.append("  Jinx: ").append(outcome(shrunk.jinx)).append('\n');
        for (Comparison.Mismatch m : shrunk.mismatches) {
            sb.append("  ").append(m).append('\n');
        }
        return sb.toString();
    }

    private static String outcome(Outcome o) {
        if (o.problem != null) {
            return o.problem;
        }
        StringBuilder sb = new StringBuilder(o.vector < 0 ? "ran to the end" : Comparison.event(o));
        if (o.vector >= 10 && o.vector <= 14) {
            sb.append(String.format(" code %X", o.errorCode));
        }
        if (o.vector == 14) {
            sb.append(String.format(" CR2 %08X", o.cr2));
        }
        sb.append(';');
        for (int r = 0; r < 8; r++) {
            sb.append(String.format(" %s=%08X", Comparison.REG[r], o.regs[r]));
        }
        sb.append(String.format(" EIP=%08X EFLAGS=%08X (%s), %d bytes changed", o.eip, o.eflags, Flags.names(o.eflags),
                o.changes.length));
        return sb.toString();
    }
}
