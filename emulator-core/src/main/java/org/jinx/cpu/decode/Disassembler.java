package org.jinx.cpu.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Intel-syntax listings from the opcode table. Each operand is printed from its SDM letter, so
 * the disassembler knows nothing the table does not say.
 */
public final class Disassembler {
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    private static final String[] SREG = {"es", "cs", "ss", "ds", "fs", "gs", "?6", "?7"};

    private Disassembler() {
    }

    /** One instruction as text; {@code address} resolves relative branch targets. */
    public static String format(DecodedInsn d, int address) {
        StringBuilder sb = new StringBuilder();
        if (d.lock) {
            sb.append("lock ");
        }
        if (d.rep != 0 && d.row.has(Attr.REP)) {
            boolean cmp = d.row.flagsWritten() != 0;
            sb.append(d.rep == 0xF3 ? (cmp ? "repe " : "rep ") : "repne ");
        }
        sb.append(d.row.mnemonic(d.o32).toLowerCase());
        List<String> ops = new ArrayList<>();
        int immSlot = 0;
        for (Operand o : d.row.operands) {
            if (d.row.has(Attr.REP) && (o.method == 'X' || o.method == 'Y')) {
                continue; // string operands are implied by the mnemonic
            }
            ops.add(operand(d, o, address, immSlot));
            if (o.method == 'I' || o.method == 'J') {
                immSlot++;
            }
        }
        if (!ops.isEmpty()) {
            sb.append(' ').append(String.join(", ", ops));
        }
        return sb.toString();
    }

    private static String reg(int size, int r) {
        return size == 1 ? R8[r] : size == 2 ? R16[r] : R32[r];
    }

    private static int size(DecodedInsn d, Operand o) {
        switch (o.size) {
            case 'b': return 1;
            case 'w': return 2;
            case 'd': return 4;
            default: return d.o32 ? 4 : 2;
        }
    }

    private static String operand(DecodedInsn d, Operand o, int address, int immSlot) {
        switch (o.method) {
            case 'E':
                return d.mod == 3 ? reg(size(d, o), d.rm) : sizePrefix(size(d, o)) + memory(d);
            case 'M':
                return memory(d);
            case 'O':
                return sizePrefix(size(d, o)) + memory(d);
            case 'G':
                return reg(size(d, o), d.reg);
            case 'R':
                return R32[d.rm];
            case 'S':
                return SREG[d.reg];
            case 'C':
                return "cr" + d.reg;
            case 'D':
                return "dr" + d.reg;
            case 'T':
                return "tr" + d.reg;
            case 'I':
                return hex(immSlot == 0 ? d.imm : d.imm2, o.size, d);
            case 'J':
                return String.format("0x%x", (address + d.length + d.imm) & (d.o32 ? 0xFFFFFFFFL : 0xFFFFL));
            case 'A':
                return String.format("0x%x:0x%x", d.imm2 & 0xFFFF, d.o32 ? d.imm & 0xFFFFFFFFL : d.imm & 0xFFFF);
            case 'X':
                return "[" + (d.a32 ? "esi" : "si") + "]";
            case 'Y':
                return "es:[" + (d.a32 ? "edi" : "di") + "]";
            case 'r':
                return o.size == 'v' ? reg(d.o32 ? 4 : 2, o.fixedRegister()) : o.name().toLowerCase();
            case 's':
                return o.name().toLowerCase();
            case '1':
                return "1";
            default:
                return o.name();
        }
    }

    private static String hex(int v, char size, DecodedInsn d) {
        long u;
        switch (size) {
            case 'b': u = v & 0xFF; break;
            case 'w': u = v & 0xFFFF; break;
            case 'B': return v < 0 ? String.format("-0x%x", -(long) v) : String.format("0x%x", v);
            default: u = d.o32 ? v & 0xFFFFFFFFL : v & 0xFFFF; break;
        }
        return String.format("0x%x", u);
    }

    private static String sizePrefix(int size) {
        return size == 1 ? "byte " : size == 2 ? "word " : "dword ";
    }

    private static String memory(DecodedInsn d) {
        StringBuilder sb = new StringBuilder();
        if (d.segOverride) {
            sb.append(SREG[d.seg]).append(':');
        }
        sb.append('[');
        String[] regs = d.a32 ? R32 : R16;
        boolean any = false;
        if (d.base >= 0) {
            sb.append(regs[d.base]);
            any = true;
        }
        if (d.index >= 0) {
            if (any) {
                sb.append('+');
            }
            sb.append(regs[d.index]);
            if (d.scale != 0) {
                sb.append('*').append(1 << d.scale);
            }
            any = true;
        }
        if (!any) {
            sb.append(String.format("0x%x", d.a32 ? d.disp & 0xFFFFFFFFL : d.disp & 0xFFFF));
        } else if (d.disp != 0) {
            sb.append(d.disp < 0 ? String.format("-0x%x", -(long) d.disp) : String.format("+0x%x", d.disp));
        }
        return sb.append(']').toString();
    }

    /** A listing of a whole buffer: address, bytes, text, one line each. */
    public static List<String> listing(byte[] code, int origin, boolean code32) {
        List<String> lines = new ArrayList<>();
        int off = 0;
        while (off < code.length) {
            DecodedInsn d;
            int len;
            String text;
            try {
                d = Decoder.decode(code, off, code32);
                len = d.length;
                text = format(d, origin + off);
            } catch (Decoder.EndOfBytes e) {
                len = code.length - off;
                text = "(truncated)";
            }
            StringBuilder hexBytes = new StringBuilder();
            for (int i = 0; i < len; i++) {
                hexBytes.append(String.format("%02x", code[off + i] & 0xFF));
            }
            lines.add(String.format("%08x  %-20s %s", origin + off, hexBytes, text));
            off += len;
        }
        return lines;
    }
}
