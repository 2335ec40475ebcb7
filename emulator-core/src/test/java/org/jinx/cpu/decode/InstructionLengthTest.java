package org.jinx.cpu.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;

/**
 * The length of every opcode of the table in every ModRM form, against a length model written
 * here from the 80386 opcode map (appendix A of the manual), independently of the table: for
 * each opcode, whether a ModRM byte follows and what immediate. Also the 15-byte limit.
 */
class InstructionLengthTest {
    // One character per opcode, sixteen per line:
    //   .  nothing after the opcode     m  ModRM                 r  ModRM, always a register
    //   b  imm8                         w  imm16                 v  imm16/32 by operand size
    //   M  ModRM + imm8                 V  ModRM + imm16/32      a  moffs by address size
    //   p  ptr16:16/32                  e  ENTER's imm16 + imm8  t  ModRM, + imm for /0 and /1
    //   P  prefix                       x  0F escape             -  undefined on the 386
    private static final String ONE_BYTE_MAP = ""
            + "mmmmbv..mmmmbv.x" // 0x
            + "mmmmbv..mmmmbv.." // 1x
            + "mmmmbvP.mmmmbvP." // 2x
            + "mmmmbvP.mmmmbvP." // 3x
            + "................" // 4x
            + "................" // 5x
            + "..mmPPPPvVbM...." // 6x
            + "bbbbbbbbbbbbbbbb" // 7x
            + "MVMMmmmmmmmmmmmm" // 8x
            + "..........p....." // 9x
            + "aaaa....bv......" // Ax
            + "bbbbbbbbvvvvvvvv" // Bx
            + "MMw.mmMVe.w..b.." // Cx
            + "mmmmbb..mmmmmmmm" // Dx
            + "bbbbbbbbvvpb...." // Ex
            + "P.PP..tt......mm"; // Fx
    private static final String TWO_BYTE_MAP = ""
            + "mmmm--.---------" // 0F 0x
            + "----------------" // 0F 1x
            + "rrrrr-r---------" // 0F 2x
            + "----------------" // 0F 3x
            + "----------------" // 0F 4x
            + "----------------" // 0F 5x
            + "----------------" // 0F 6x
            + "----------------" // 0F 7x
            + "vvvvvvvvvvvvvvvv" // 0F 8x
            + "mmmmmmmmmmmmmmmm" // 0F 9x
            + "..-mMm--..-mMm-m" // 0F Ax
            + "--mmmmmm--Mmmmmm" // 0F Bx
            + "----------------" // 0F Cx
            + "----------------" // 0F Dx
            + "----------------" // 0F Ex
            + "----------------"; // 0F Fx

    private static char kind(int mapOpcode) {
        return mapOpcode >= 0x100 ? TWO_BYTE_MAP.charAt(mapOpcode & 0xFF) : ONE_BYTE_MAP.charAt(mapOpcode);
    }

    /** Bytes of ModRM, SIB and displacement for a ModRM byte, by the manual's tables 17-2/17-3. */
    private static int addressingBytes(int modrm, int sib, boolean a32) {
        int mod = modrm >>> 6;
        int rm = modrm & 7;
        if (mod == 3) {
            return 1;
        }
        if (!a32) {
            return 1 + (mod == 0 && rm == 6 ? 2 : mod == 1 ? 1 : mod == 2 ? 2 : 0);
        }
        int n = 1;
        if (rm == 4) {
            n++;
            if (mod == 0 && (sib & 7) == 5) {
                n += 4;
            }
        }
        if (mod == 0 && rm == 5) {
            n += 4;
        }
        return n + (mod == 1 ? 1 : mod == 2 ? 4 : 0);
    }

    /** The length the model predicts for opcode bytes plus ModRM/SIB (if any) plus prefixes. */
    private static int expectedLength(int mapOpcode, int prefixes, int modrm, int sib, boolean o32, boolean a32) {
        int n = prefixes + (mapOpcode >= 0x100 ? 2 : 1);
        int v = o32 ? 4 : 2;
        switch (kind(mapOpcode)) {
            case '.': return n;
            case 'm': return n + addressingBytes(modrm, sib, a32);
            case 'r': return n + 1;
            case 'b': return n + 1;
            case 'w': return n + 2;
            case 'v': return n + v;
            case 'M': return n + addressingBytes(modrm, sib, a32) + 1;
            case 'V': return n + addressingBytes(modrm, sib, a32) + v;
            case 'a': return n + (a32 ? 4 : 2);
            case 'p': return n + v + 2;
            case 'e': return n + 3;
            case 't': {
                int reg = modrm >>> 3 & 7;
                int imm = reg > 1 ? 0 : mapOpcode == 0xF6 ? 1 : v;
                return n + addressingBytes(modrm, sib, a32) + imm;
            }
            default: throw new AssertionError("no length for opcode " + Integer.toHexString(mapOpcode));
        }
    }

    @Test
    void theTableDefinesExactlyTheOpcodesOfThe386Map() {
        List<String> problems = new ArrayList<>();
        for (int op = 0; op < 0x200; op++) {
            if (op == 0x0F) {
                continue;
            }
            char k = kind(op);
            boolean inTable = (op >= 0x100 ? OpcodeTable.twoByte(op & 0xFF) : OpcodeTable.oneByte(op)) != null
                    || OpcodeTable.isGroup(op);
            boolean defined = k != '-' && k != 'P' && k != 'x';
            if (inTable != defined) {
                problems.add(String.format("%s%02X: map says %s, table %s", op >= 0x100 ? "0F " : "", op & 0xFF,
                        defined ? "defined" : "undefined", inTable ? "has a row" : "has none"));
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyRowHasTheManualLengthInEveryFormAndSize() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (OpcodeRow row : OpcodeTable.rows()) {
            for (boolean code32 : new boolean[] {true, false}) {
                for (int pre = 0; pre < 4; pre++) {
                    List<Integer> prefix = new ArrayList<>();
                    if ((pre & 1) != 0) {
                        prefix.add(0x66);
                    }
                    if ((pre & 2) != 0) {
                        prefix.add(0x67);
                    }
                    boolean o32 = code32 ^ (pre & 1) != 0;
                    boolean a32 = code32 ^ (pre & 2) != 0;
                    for (int modrm : modrmForms(row)) {
                        for (int sib : new int[] {0x00, 0x25}) {
                            byte[] b = encode(prefix, row, modrm, sib);
                            DecodedInsn d = Decoder.decode(b, 0, code32);
                            if (d.row != row) {
                                // Only memory-only operands with mod 3 may fall out of the row.
                                if (!(modrm >>> 6 == 3 && hasMemoryOnlyOperand(row))) {
                                    problems.add(row + " decoded as " + d.row);
                                }
                                continue;
                            }
                            int want = expectedLength(row.opcode, prefix.size(), modrm, sib, o32, a32);
                            checked++;
                            if (d.length != want) {
                                problems.add(String.format("%s modrm %02X sib %02X code32=%b o32=%b a32=%b: %d, manual %d",
                                        row, modrm, sib, code32, o32, a32, d.length, want));
                            }
                        }
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(10_000);
        assertThat(problems).isEmpty();
    }

    private static boolean hasMemoryOnlyOperand(OpcodeRow row) {
        return row.operands.stream().anyMatch(o -> o.method == 'M');
    }

    /** ModRM bytes to try: none for rows without one, else every mod/rm with the group's reg. */
    private static int[] modrmForms(OpcodeRow row) {
        if (!row.needsModrm()) {
            return new int[] {-1};
        }
        int reg = row.groupReg >= 0 ? row.groupReg : 2;
        int[] forms = new int[32];
        for (int i = 0; i < 32; i++) {
            forms[i] = (i >>> 3) << 6 | reg << 3 | i & 7;
        }
        return forms;
    }

    private static byte[] encode(List<Integer> prefix, OpcodeRow row, int modrm, int sib) {
        byte[] b = new byte[24];
        int n = 0;
        for (int p : prefix) {
            b[n++] = (byte) p;
        }
        if (row.opcode >= 0x100) {
            b[n++] = 0x0F;
        }
        b[n++] = (byte) row.opcode;
        if (modrm >= 0) {
            b[n++] = (byte) modrm;
            b[n++] = (byte) sib;
        }
        return b; // the rest are zero bytes: displacements and immediates of any size
    }

    // ------------------------------------------------------------------ the 15-byte limit

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length + 8];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** ADD DWORD PTR ES:[EAX+EAX*1+disp32],imm32 behind {@code extra} more ES prefixes: 11 + 4 + extra bytes. */
    private static int[] longAdd(int extra) {
        int[] core = {0x81, 0x84, 0x00, 0x78, 0x56, 0x34, 0x12, 0xEF, 0xBE, 0xAD, 0xDE};
        int[] v = new int[4 + extra + core.length];
        for (int i = 0; i < 4 + extra; i++) {
            v[i] = 0x26;
        }
        System.arraycopy(core, 0, v, 4 + extra, core.length);
        return v;
    }

    @Test
    void fifteenBytesIsTheLongestInstruction() {
        assertThat(Decoder.decode(bytes(longAdd(0)), 0, true).length).isEqualTo(15);
        int[] nops = new int[15];
        java.util.Arrays.fill(nops, 0x66);
        nops[14] = 0x90;
        assertThat(Decoder.decode(bytes(nops), 0, true).length).isEqualTo(15);
    }

    @Test
    void sixteenBytesRunOutOfBytesInTheArrayDecoder() {
        assertThatThrownBy(() -> Decoder.decode(bytes(longAdd(1)), 0, true)).isInstanceOf(Decoder.EndOfBytes.class);
        int[] prefixes = new int[16];
        java.util.Arrays.fill(prefixes, 0x66);
        prefixes[15] = 0x90;
        assertThatThrownBy(() -> Decoder.decode(bytes(prefixes), 0, true)).isInstanceOf(Decoder.EndOfBytes.class);
    }

    @Test
    void sixteenBytesRaiseGeneralProtectionWhenFetched() {
        CpuRig rig = CpuRig.flat32().code(longAdd(1));
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> rig.cpu.decoder.fetch(CpuRig.CODE));
        assertThat(f).isNotNull();
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isZero();
        CpuRig ok = CpuRig.flat32().code(longAdd(0));
        assertThat(ok.cpu.decoder.fetch(CpuRig.CODE).length).isEqualTo(15);
    }

    @Test
    void anInstructionThatRunsPastOffsetFfffInRealModeRaisesGeneralProtection() {
        // 386 manual 14.7: execution past offset 0FFFFH is exception 13, not a wrap to 0.
        CpuRig rig = CpuRig.real();
        rig.cpu.mem.write8(0xFFFF, 0xB0); // MOV AL,Ib: its immediate would be at offset 10000H
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> rig.cpu.decoder.fetch(0xFFFF));
        assertThat(f).isNotNull();
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        rig.cpu.mem.write8(0xFFFF, 0x90); // NOP fits
        assertThat(rig.cpu.decoder.fetch(0xFFFF).length).isEqualTo(1);
    }

    @Test
    void anInstructionThatRunsPastTheCodeLimitRaisesGeneralProtection() {
        CpuRig rig = CpuRig.flat32();
        rig.cpu.seg[org.jinx.cpu.Cpu.CS].set(0x08, 0, 0x1001, 0x9B, true);
        rig.code(0x90, 0xB8, 1, 2, 3, 4); // NOP at 1000; MOV EAX,Iv at 1001 ends at 1005
        assertThat(rig.cpu.decoder.fetch(CpuRig.CODE).length).isEqualTo(1);
        CpuFault f = catchThrowableOfType(CpuFault.class, () -> rig.cpu.decoder.fetch(CpuRig.CODE + 1));
        assertThat(f).isNotNull();
        assertThat(f.vector).isEqualTo(Exceptions.GP);
    }

    @Test
    void anArrayThatEndsInsideAnInstructionRunsOutOfBytes() {
        assertThatThrownBy(() -> Decoder.decode(new byte[] {(byte) 0xB8, 1, 2}, 0, true))
                .isInstanceOf(Decoder.EndOfBytes.class);
        assertThatThrownBy(() -> Decoder.decode(new byte[] {0x0F}, 0, true)).isInstanceOf(Decoder.EndOfBytes.class);
        assertThatThrownBy(() -> Decoder.decode(new byte[] {(byte) 0x90}, 1, true))
                .isInstanceOf(Decoder.EndOfBytes.class);
    }
}
