package org.jinx.cpu.decode;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Instruction encodings built from the opcode table for tests that compare against a peer
 * decoder: one per table row and ModRM form, and random ones from a fixed seed. An encoding is
 * prefixes, opcode, ModRM and SIB, then random bytes; our decoder decides how many of those
 * bytes belong to the instruction and the rest is cut off, so the generator needs no knowledge
 * of immediate sizes (the peer checks that part).
 */
final class EncodingGenerator {
    /** One generated instruction: its bytes and the row it was built from. */
    record Encoding(byte[] bytes, OpcodeRow row) {
    }

    private final boolean code32;
    private final Random random;

    EncodingGenerator(boolean code32, long seed) {
        this.code32 = code32;
        this.random = new Random(seed);
    }

    /**
     * Every row, with and without a 67 prefix, in every ModRM form (mod 0-3, rm 0-7; for 32-bit
     * addressing a random SIB byte with rm 4), and with a 66 prefix in one register and one
     * memory form. Rows without ModRM appear with each of the four prefix combinations.
     */
    List<Encoding> everyRowAndForm() {
        List<Encoding> out = new ArrayList<>();
        for (OpcodeRow row : OpcodeTable.rows()) {
            for (int prefixes = 0; prefixes < 4; prefixes++) {
                boolean p66 = (prefixes & 1) != 0;
                boolean p67 = (prefixes & 2) != 0;
                if (!row.needsModrm()) {
                    add(out, row, pre(p66, p67), -1, -1);
                    continue;
                }
                for (int mod = 0; mod < 4; mod++) {
                    for (int rm = 0; rm < 8; rm++) {
                        if (p66 && !(mod == 3 && rm == 1 || mod == 0 && rm == 0)) {
                            continue;
                        }
                        int reg = regField(row, mod * 8 + rm);
                        boolean a32 = code32 ^ p67;
                        int sib = a32 && mod != 3 && rm == 4 ? random.nextInt(256) : -1;
                        add(out, row, pre(p66, p67), mod << 6 | reg << 3 | rm, sib);
                    }
                }
            }
        }
        return out;
    }

    /** MOV Gv,Ev with each of the 256 SIB bytes under mod 0, 1 and 2 (32-bit addressing). */
    List<Encoding> everySib() {
        List<Encoding> out = new ArrayList<>();
        OpcodeRow mov = OpcodeTable.oneByte(0x8B);
        byte[] pre = code32 ? new byte[0] : new byte[] {0x67};
        for (int mod = 0; mod < 3; mod++) {
            for (int sib = 0; sib < 256; sib++) {
                add(out, mov, pre, mod << 6 | (sib & 7) << 3 | 4, sib);
            }
        }
        return out;
    }

    /**
     * Random valid encodings: a random row, random operand- and address-size prefixes, a segment
     * override where there is a memory operand, REP on string rows, LOCK on lockable rows with a
     * memory destination, and a random ModRM that the row accepts.
     */
    List<Encoding> random(int count) {
        List<OpcodeRow> rows = OpcodeTable.rows();
        List<Encoding> out = new ArrayList<>();
        while (out.size() < count) {
            OpcodeRow row = rows.get(random.nextInt(rows.size()));
            int modrm = -1;
            int sib = -1;
            boolean p67 = random.nextInt(4) == 0;
            if (row.needsModrm()) {
                int mod = random.nextInt(4);
                int rm = random.nextInt(8);
                modrm = mod << 6 | regField(row, random.nextInt(8)) << 3 | rm;
                if ((code32 ^ p67) && mod != 3 && rm == 4) {
                    sib = random.nextInt(256);
                }
            }
            boolean memory = hasMemoryOperand(row, modrm);
            ByteArrayOutputStream pre = new ByteArrayOutputStream();
            // Prefix order matters only for how objdump prints stray prefixes; keep one order.
            if (row.has(Attr.LOCKABLE) && memory && random.nextInt(3) == 0) {
                pre.write(0xF0);
            }
            if (row.has(Attr.REP) && random.nextBoolean()) {
                pre.write(random.nextBoolean() ? 0xF3 : 0xF2);
            }
            if (memory && random.nextInt(3) == 0) {
                pre.write(new int[] {0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65}[random.nextInt(6)]);
            }
            if (random.nextInt(4) == 0) {
                pre.write(0x66);
            }
            if (p67) {
                pre.write(0x67);
            }
            add(out, row, pre.toByteArray(), modrm, sib);
        }
        return out;
    }

    private static boolean hasMemoryOperand(OpcodeRow row, int modrm) {
        for (Operand o : row.operands) {
            if (o.method == 'M' || o.method == 'O' || o.method == 'X' || o.method == 'Y'
                    || o.method == 'E' && modrm >= 0 && modrm >>> 6 != 3) {
                return true;
            }
        }
        return row.opcode == 0xD7;
    }

    /**
     * ModRM.reg for a row: the group's entry, or {@code seed} adjusted so that a segment
     * register operand names one of ES CS SS DS FS GS (and MOV Sreg,Ew never names CS).
     */
    private static int regField(OpcodeRow row, int seed) {
        if (row.groupReg >= 0) {
            return row.groupReg;
        }
        int reg = seed & 7;
        for (Operand o : row.operands) {
            if (o.method == 'S' && (reg > 5 || row.opcode == 0x8E && reg == 1)) {
                reg = 3;
            }
        }
        return reg;
    }

    private static byte[] pre(boolean p66, boolean p67) {
        if (p66 && p67) {
            return new byte[] {0x66, 0x67};
        }
        return p66 ? new byte[] {0x66} : p67 ? new byte[] {0x67} : new byte[0];
    }

    private void add(List<Encoding> out, OpcodeRow row, byte[] prefixes, int modrm, int sib) {
        byte[] buf = new byte[Decoder.MAX_LENGTH + 8];
        int n = 0;
        for (byte p : prefixes) {
            buf[n++] = p;
        }
        if (row.opcode >= 0x100) {
            buf[n++] = 0x0F;
        }
        buf[n++] = (byte) row.opcode;
        if (modrm >= 0) {
            buf[n++] = (byte) modrm;
        }
        if (sib >= 0) {
            buf[n++] = (byte) sib;
        }
        while (n < buf.length) {
            buf[n++] = (byte) random.nextInt(256);
        }
        DecodedInsn d;
        try {
            d = Decoder.decode(buf, 0, code32);
        } catch (Decoder.EndOfBytes e) {
            return; // longer than 15 bytes: not an instruction
        }
        if (d.row != row) {
            return; // e.g. a memory-only operand with mod 3: not an encoding of this row
        }
        byte[] insn = new byte[d.length];
        System.arraycopy(buf, 0, insn, 0, d.length);
        out.add(new Encoding(insn, row));
    }
}
