package org.jinx.conformance;

import java.util.ArrayList;
import java.util.List;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Decoder;

/**
 * Compares the host's outcome of a case with Jinx's: the exception (vector, and the error code
 * and CR2 where they mean something at CPL 3), the eight registers, EIP, EFLAGS less the flags
 * that are undefined at that point of the sequence, and the bytes written to the buffer.
 */
final class Comparison {
    /** EFLAGS bits compared besides OSZAPC: DF, IF, IOPL, NT. RF is left out (set in fault frames). */
    static final int SYSTEM_FLAGS = Cpu.DF | Cpu.IF | Cpu.IOPL | Cpu.NT | Cpu.TF;
    static final String[] REG = {"EAX", "ECX", "EDX", "EBX", "ESP", "EBP", "ESI", "EDI"};

    /** One difference: which part of the state (for the shrinker) and the details (for people). */
    record Mismatch(String field, String detail) {
        @Override
        public String toString() {
            return field + ": " + detail;
        }
    }

    private Comparison() {
    }

    /** EFLAGS bits compared for an outcome that stopped at {@code eip}. */
    static int comparedFlags(TestCase tc, int eip) {
        int undefined = tc.analysis().undefinedAt(eip - Layout.CODE);
        return UndefinedFlags.OSZAPC & ~undefined | SYSTEM_FLAGS;
    }

    static List<Mismatch> compare(TestCase tc, Outcome host, Outcome jinx) {
        List<Mismatch> out = new ArrayList<>();
        if (host.problem != null) {
            out.add(new Mismatch("host", host.problem));
            return out;
        }
        if (jinx.problem != null) {
            out.add(new Mismatch("jinx", jinx.problem));
        }
        if (host.vector != jinx.vector) {
            out.add(new Mismatch("exception", "host " + event(host) + ", Jinx " + event(jinx)));
        } else if (host.vector == Exceptions.PF) {
            // Bits 0-2 (P, W/R, U/S) are the 386's; later processors add more. They also read
            // the operand of a read-modify-write with write intent and report W/R = 1 for a
            // fault on that read, where the 386 reports the read.
            int bits = readModifyWrite(tc, host.eip) ? 5 : 7;
            if ((host.errorCode & bits) != (jinx.errorCode & bits)) {
                out.add(new Mismatch("error code", String.format("host %X, Jinx %X", host.errorCode & 7,
                        jinx.errorCode & 7)));
            }
            if (host.cr2 != jinx.cr2) {
                out.add(new Mismatch("CR2", String.format("host %08X, Jinx %08X", host.cr2, jinx.cr2)));
            }
        } else if (host.vector >= Exceptions.TS && host.vector <= Exceptions.GP && host.errorCode != jinx.errorCode) {
            out.add(new Mismatch("error code", String.format("host %X, Jinx %X", host.errorCode, jinx.errorCode)));
        }
        for (int r = 0; r < 8; r++) {
            if (host.regs[r] != jinx.regs[r]) {
                out.add(new Mismatch(REG[r], String.format("host %08X, Jinx %08X", host.regs[r], jinx.regs[r])));
            }
        }
        if (host.eip != jinx.eip) {
            out.add(new Mismatch("EIP", String.format("host %08X, Jinx %08X", host.eip, jinx.eip)));
        }
        int mask = comparedFlags(tc, host.eip) & comparedFlags(tc, jinx.eip);
        int diff = (host.eflags ^ jinx.eflags) & mask;
        if (diff != 0) {
            out.add(new Mismatch("flags", String.format("%s differ: host %s, Jinx %s (compared: %s)", Flags.names(diff),
                    Flags.names(host.eflags & mask), Flags.names(jinx.eflags & mask), Flags.names(mask))));
        }
        String mem = memory(tc, host.changes, jinx.changes);
        if (mem != null) {
            out.add(new Mismatch("memory", mem));
        }
        return out;
    }

    private static final java.util.Set<String> RMW = java.util.Set.of("ADD", "OR", "ADC", "SBB", "AND", "SUB", "XOR",
            "INC", "DEC", "NOT", "NEG", "ROL", "ROR", "RCL", "RCR", "SHL", "SHR", "SAL", "SAR", "SHLD", "SHRD", "XCHG",
            "BTS", "BTR", "BTC");

    /** Whether the instruction at {@code eip} reads and then writes its memory operand. */
    static boolean readModifyWrite(TestCase tc, int eip) {
        int off = eip - Layout.CODE;
        byte[] code = tc.code();
        if (off < 0 || off >= code.length) {
            return false;
        }
        try {
            DecodedInsn d = Decoder.decode(code, off, true);
            return d.isMem() && d.k1 == DecodedInsn.K_E && RMW.contains(d.row.mnemonic);
        } catch (Decoder.EndOfBytes e) {
            return false;
        }
    }

    static String event(Outcome o) {
        return o.vector < 0 ? "no exception" : Exceptions.name(o.vector) + String.format(" at %08X", o.eip);
    }

    /** Null if both wrote the same bytes, else the first few differences. */
    private static String memory(TestCase tc, int[] host, int[] jinx) {
        byte[] initial = null;
        StringBuilder sb = new StringBuilder();
        int shown = 0;
        int total = 0;
        int i = 0;
        int j = 0;
        while (i < host.length || j < jinx.length) {
            int ho = i < host.length ? host[i] >>> 8 : Integer.MAX_VALUE;
            int jo = j < jinx.length ? jinx[j] >>> 8 : Integer.MAX_VALUE;
            int off = Math.min(ho, jo);
            if (initial == null) {
                initial = Layout.fill(tc.memSeed);
            }
            int was = initial[off] & 0xFF;
            int hv = ho == off ? host[i++] & 0xFF : was;
            int jv = jo == off ? jinx[j++] & 0xFF : was;
            if (hv != jv) {
                total++;
                if (shown++ < 8) {
                    sb.append(String.format("%s[%08X] host %02X Jinx %02X (was %02X)", shown > 1 ? ", " : "",
                            Layout.BUF + off, hv, jv, was));
                }
            }
        }
        if (total == 0) {
            return null;
        }
        return total > shown ? sb + String.format(", ... %d bytes in all", total) : sb.toString();
    }
}
