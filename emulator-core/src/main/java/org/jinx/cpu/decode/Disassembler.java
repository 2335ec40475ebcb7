package org.jinx.cpu.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Intel-syntax listings from the opcode table, in the style of GNU objdump's {@code -M intel}:
 * lower-case mnemonics padded to a column, operands separated by commas, {@code DWORD PTR}
 * size words on memory operands, hexadecimal numbers with {@code 0x}, segment-relative absolute
 * addresses as {@code ds:0x1234}. Mnemonics are the table's (SDM) names, so condition codes read
 * {@code jnb}, {@code setnle}, and the string instructions keep their short forms ({@code movsb},
 * {@code rep stosd}) with a segment override shown as a prefix word ({@code fs movsb}). Each
 * operand is printed from its SDM letter, so the disassembler knows nothing the table does not say.
 */
public final class Disassembler {
    private static final String[] R32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    private static final String[] R16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    private static final String[] R8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    private static final String[] SREG = {"es", "cs", "ss", "ds", "fs", "gs", "?6", "?7"};
    private static final String[] R16_MEM = {"bx+si", "bx+di", "bp+si", "bp+di", "si", "di", "bp", "bx"};
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** objdump pads the mnemonic to this width before the operands. */
    private static final int MNEMONIC_COLUMN = 6;

    private Disassembler() {
    }

    /**
     * One instruction as text; {@code address} resolves relative branch targets. The address
     * size of the code is taken to be the instruction's own, so no {@code addr16} marker appears.
     */
    public static String format(DecodedInsn d, int address) {
        return format(d, address, d.a32);
    }

    /**
     * One instruction as text. {@code code32} is the default size of the code segment: string
     * and XLAT instructions whose address size differs from it (a 67 prefix) are marked
     * {@code addr16} or {@code addr32}, since their memory operands are not printed.
     */
    public static String format(DecodedInsn d, int address, boolean code32) {
        OpcodeRow row = d.row;
        if (row.has(Attr.INVALID)) {
            return row.mnemonic;
        }
        StringBuilder sb = new StringBuilder();
        if (d.lock) {
            sb.append("lock ");
        }
        if (d.rep != 0) {
            if (d.rep == 0xF2) {
                sb.append("repnz ");
            } else {
                // REP before MOVS/STOS/LODS/INS/OUTS; REPE (repz) before CMPS/SCAS and elsewhere.
                sb.append(row.has(Attr.REP) && row.flagsWritten() == 0 ? "rep " : "repz ");
            }
        }
        boolean implicitMemory = row.has(Attr.REP) || row.opcode == 0xD7;
        if (d.segOverride && !showsSegment(d)) {
            sb.append(SREG[d.seg]).append(' ');
        }
        if (implicitMemory && d.a32 != code32) {
            sb.append(d.a32 ? "addr32 " : "addr16 ");
        }
        sb.append(mnemonic(d));
        List<String> ops = new ArrayList<>(3);
        if (row.opcode >= 0xD8 && row.opcode <= 0xDF) {
            // x87 escape without a coprocessor: the opcode bits and the operand, nothing more.
            ops.add(String.format("0x%x", (row.opcode & 7) << 3 | d.reg));
            ops.add(d.mod == 3 ? "st(" + d.rm + ")" : memory(d));
        } else {
            int immSlot = 0;
            for (Operand o : row.operands) {
                if (row.has(Attr.REP) && (o.method == 'X' || o.method == 'Y' || o == Operand.DX)) {
                    continue; // implied by the mnemonic
                }
                if (row.has(Attr.REP) && o.method == 'r') {
                    continue; // AL/eAX of STOS, LODS, SCAS
                }
                ops.add(operand(d, o, address, immSlot));
                if (o.method == 'I' || o.method == 'J') {
                    immSlot++;
                }
            }
        }
        if (!ops.isEmpty()) {
            while (sb.length() < MNEMONIC_COLUMN) {
                sb.append(' ');
            }
            sb.append(' ').append(String.join(",", ops));
        }
        return sb.toString();
    }

    private static String mnemonic(DecodedInsn d) {
        OpcodeRow row = d.row;
        if (row.opcode == 0xE3) {
            // JCXZ tests CX or ECX by the address size, not the operand size.
            return d.a32 ? "jecxz" : "jcxz";
        }
        return row.mnemonic(d.o32).toLowerCase();
    }

    /** Whether the segment override appears inside a printed memory operand. */
    private static boolean showsSegment(DecodedInsn d) {
        for (Operand o : d.row.operands) {
            if (o.method == 'M' || o.method == 'O' || o.method == 'E' && d.mod != 3) {
                return true;
            }
        }
        return d.row.opcode >= 0xD8 && d.row.opcode <= 0xDF && d.mod != 3;
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

    /**
     * Register forms of {@code Ew} that read or write a whole register of the operand size:
     * MOV r32,Sreg and MOV Sreg,r32, SLDT, STR and SMSW into a register, LAR and LSL.
     */
    private static boolean wordOperandFollowsSize(DecodedInsn d) {
        int op = d.row.opcode;
        if (op == 0x8C || op == 0x8E || op == 0x102 || op == 0x103) {
            return true;
        }
        return op == 0x100 && (d.reg == 0 || d.reg == 1) || op == 0x101 && d.reg == 4;
    }

    private static String operand(DecodedInsn d, Operand o, int address, int immSlot) {
        switch (o.method) {
            case 'E':
                if (d.mod == 3) {
                    int size = o.size == 'w' && wordOperandFollowsSize(d) ? (d.o32 ? 4 : 2) : size(d, o);
                    return reg(size, d.rm);
                }
                return sizeWord(size(d, o)) + memory(d);
            case 'M':
                if (o.size == 'p') {
                    return (d.o32 ? "FWORD PTR " : "DWORD PTR ") + memory(d);
                }
                if (o.size == 'a') {
                    return (d.o32 ? "QWORD PTR " : "DWORD PTR ") + memory(d);
                }
                return memory(d);
            case 'O':
                return memory(d);
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
                return immediate(immSlot == 0 ? d.imm : d.imm2, o.size, d);
            case 'J':
                return hex((address + d.length + d.imm) & (d.o32 ? 0xFFFFFFFFL : 0xFFFFL));
            case 'A':
                return hex(d.imm2 & 0xFFFF) + ":" + hex(d.o32 ? d.imm & 0xFFFFFFFFL : d.imm & 0xFFFF);
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

    /** Ib and Iw as unsigned; Ibs sign-extended to the operand size; Iv at the operand size. */
    private static String immediate(int v, char size, DecodedInsn d) {
        switch (size) {
            case 'b': return hex(v & 0xFF);
            case 'w': return hex(v & 0xFFFF);
            default: return hex(d.o32 ? v & 0xFFFFFFFFL : v & 0xFFFF);
        }
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private static String sizeWord(int size) {
        return size == 1 ? "BYTE PTR " : size == 2 ? "WORD PTR " : "DWORD PTR ";
    }

    /**
     * A memory operand: {@code seg:[base+index*scale+disp]}, the segment shown only when
     * overridden. A displacement is printed whenever the encoding has one, even 0, so the
     * form of the encoding can be read back; an address with no register reads {@code ds:0x1234}.
     */
    private static String memory(DecodedInsn d) {
        StringBuilder sb = new StringBuilder();
        // A moffs has no ModRM, so its rm field means nothing.
        boolean sib = d.a32 && d.rm == 4 && d.row.needsModrm();
        if (d.base < 0 && d.index < 0 && !sib) {
            sb.append(SREG[d.seg]).append(':');
            return sb.append(hex(d.a32 ? d.disp & 0xFFFFFFFFL : d.disp & 0xFFFF)).toString();
        }
        if (d.segOverride) {
            sb.append(SREG[d.seg]).append(':');
        }
        sb.append('[');
        boolean hasDisp = d.mod == 1 || d.mod == 2 || d.base < 0;
        if (!d.a32) {
            // The eight 8086 forms; [bp] exists only with a displacement.
            sb.append(d.base < 0 ? "" : R16_MEM[d.rm]);
        } else {
            if (d.base >= 0) {
                sb.append(R32[d.base]);
            }
            if (d.index >= 0) {
                if (d.base >= 0) {
                    sb.append('+');
                }
                sb.append(R32[d.index]).append('*').append(1 << d.scale);
            }
        }
        if (hasDisp) {
            boolean regs = d.base >= 0 || d.index >= 0;
            long disp = d.a32 ? d.disp : (short) d.disp;
            if (!regs) {
                sb.append(hex(d.a32 ? disp & 0xFFFFFFFFL : disp & 0xFFFF));
            } else if (disp < 0) {
                sb.append('-').append(hex(-disp));
            } else {
                sb.append('+').append(hex(disp));
            }
        }
        return sb.append(']').toString();
    }

    /** A listing of a whole buffer: address, bytes, text, one line each. */
    public static List<String> listing(byte[] code, int origin, boolean code32) {
        List<String> lines = new ArrayList<>();
        int off = 0;
        while (off < code.length) {
            int len;
            String text;
            try {
                DecodedInsn d = Decoder.decode(code, off, code32);
                len = d.length;
                text = format(d, origin + off, code32);
            } catch (Decoder.EndOfBytes e) {
                len = Math.min(code.length - off, Decoder.MAX_LENGTH);
                text = code.length - off > Decoder.MAX_LENGTH ? "(bad)" : "(truncated)";
            }
            StringBuilder line = new StringBuilder(64);
            String address = Integer.toHexString(origin + off);
            for (int i = address.length(); i < 8; i++) {
                line.append(' ');
            }
            line.append(address).append(":\t");
            int start = line.length();
            for (int i = 0; i < len; i++) {
                int b = code[off + i] & 0xFF;
                line.append(HEX[b >>> 4]).append(HEX[b & 15]).append(' ');
            }
            while (line.length() < start + 21) {
                line.append(' ');
            }
            lines.add(line.append('\t').append(text).toString());
            off += len;
        }
        return lines;
    }
}
