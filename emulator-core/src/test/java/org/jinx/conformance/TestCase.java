package org.jinx.conformance;

import java.util.List;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Decoder;

/**
 * One test: the seed of the buffer's contents, the eight general registers (EAX ECX EDX EBX
 * ESP EBP ESI EDI), EFLAGS, and the units whose bytes run at {@link Layout#CODE}.
 */
final class TestCase {
    private static final String[] REG = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};

    final int memSeed;
    final int[] regs;
    final int eflags;
    final List<Unit> units;
    private byte[] code;
    private Analysis analysis;

    TestCase(int memSeed, int[] regs, int eflags, List<Unit> units) {
        this.memSeed = memSeed;
        this.regs = regs.clone();
        this.eflags = eflags;
        this.units = List.copyOf(units);
    }

    TestCase withUnits(List<Unit> newUnits) {
        return new TestCase(memSeed, regs, eflags, newUnits);
    }

    byte[] code() {
        if (code == null) {
            code = Unit.bytesOf(units);
        }
        return code;
    }

    Analysis analysis() {
        if (analysis == null) {
            analysis = Analysis.of(units, regs[Gen.ESP]);
        }
        return analysis;
    }

    /** The whole case on one line, which {@link #parse} reads back (HostDiff --replay). */
    String line() {
        StringBuilder sb = new StringBuilder(String.format("mem=%08x", memSeed));
        for (int r = 0; r < 8; r++) {
            sb.append(String.format(" %s=%08x", REG[r], regs[r]));
        }
        sb.append(String.format(" eflags=%08x code=", eflags));
        for (byte b : code()) {
            sb.append(String.format("%02x", b & 0xFF));
        }
        return sb.toString();
    }

    /**
     * Reads a line written by {@link #line}. The code becomes a single unit, analysed without
     * what the generator knew (shift counts in CL, which branches skip what), so flags are
     * masked more cautiously than in the original run.
     */
    static TestCase parse(String line) {
        int mem = 0;
        int flags = 0x202;
        int[] regs = new int[8];
        regs[Gen.ESP] = Layout.ESP_START;
        byte[] code = new byte[0];
        for (String field : line.trim().split("\\s+")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("expected name=value, got '" + field + "'");
            }
            String name = field.substring(0, eq);
            String value = field.substring(eq + 1);
            if (name.equals("code")) {
                code = hex(value);
                continue;
            }
            int v = (int) Long.parseLong(value, 16);
            if (name.equals("mem")) {
                mem = v;
            } else if (name.equals("eflags")) {
                flags = v;
            } else {
                int r = List.of(REG).indexOf(name);
                if (r < 0) {
                    throw new IllegalArgumentException("unknown field '" + name + "'");
                }
                regs[r] = v;
            }
        }
        Unit.Builder b = new Unit.Builder("replayed code");
        int off = 0;
        while (off < code.length) {
            DecodedInsn d;
            try {
                d = Decoder.decode(code, off, true);
            } catch (Decoder.EndOfBytes e) {
                throw new IllegalArgumentException("code ends inside an instruction at offset " + off);
            }
            int[] insn = new int[d.length];
            for (int i = 0; i < d.length; i++) {
                insn[i] = code[off + i] & 0xFF;
            }
            b.insn(insn);
            off += d.length;
        }
        return new TestCase(mem, regs, flags, List.of(b.build()));
    }

    private static byte[] hex(String s) {
        if (s.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits in code");
        }
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
