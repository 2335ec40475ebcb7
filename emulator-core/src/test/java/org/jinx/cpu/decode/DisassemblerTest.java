package org.jinx.cpu.decode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our decoder and disassembler against GNU objdump ({@code -b binary -mi386 -Mintel}, plus
 * {@code addr16,data16} for 16-bit code) on encodings built from every table row: lengths must
 * agree exactly, text after the normalisation documented in {@link ObjdumpSyntax}. The x87
 * escapes are compared by length only (we have no coprocessor to name), and SALC (D6), which
 * objdump does not know, likewise. Skipped when objdump is missing.
 */
class DisassemblerTest {
    private static final int RANDOM_COUNT = 4000;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "code32={0}")
    @ValueSource(booleans = {true, false})
    void everyRowInEveryModrmFormMatchesObjdump(boolean code32) {
        EncodingGenerator gen = new EncodingGenerator(code32, 0x386);
        List<EncodingGenerator.Encoding> encodings = gen.everyRowAndForm();
        encodings.addAll(gen.everySib());
        assertThat(encodings.size()).isGreaterThan(OpcodeTable.rows().size() * 4);
        assertAgreesWithObjdump(encodings, code32);
    }

    @ParameterizedTest(name = "code32={0}")
    @ValueSource(booleans = {true, false})
    void randomValidEncodingsMatchObjdump(boolean code32) {
        List<EncodingGenerator.Encoding> encodings = new EncodingGenerator(code32, 80386L).random(RANDOM_COUNT);
        assertAgreesWithObjdump(encodings, code32);
    }

    private void assertAgreesWithObjdump(List<EncodingGenerator.Encoding> encodings, boolean code32) {
        Assumptions.assumeTrue(Objdump.available(), "objdump is not installed");
        List<byte[]> bytes = new ArrayList<>();
        for (EncodingGenerator.Encoding e : encodings) {
            bytes.add(e.bytes());
        }
        Objdump.Line[] peer = Objdump.disassemble(bytes, code32, tmp);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < encodings.size(); i++) {
            EncodingGenerator.Encoding e = encodings.get(i);
            int address = i * Objdump.SLOT;
            DecodedInsn d = Decoder.decode(e.bytes(), 0, code32);
            String ours = Disassembler.format(d, address, code32);
            Objdump.Line theirs = peer[i];
            String where = String.format("%s [%s] %s", e.row(), hex(e.bytes()), code32 ? "code32" : "code16");
            if (theirs == null) {
                problems.add(where + ": objdump printed no line at 0x" + Integer.toHexString(address));
                continue;
            }
            if (theirs.length() != d.length) {
                problems.add(where + ": length " + d.length + ", objdump " + theirs.length() + " (" + theirs.text() + ")");
                continue;
            }
            if (lengthOnly(e.row())) {
                continue;
            }
            String a = ObjdumpSyntax.canonical(ours, e.bytes(), code32);
            String b = ObjdumpSyntax.canonical(theirs.text(), e.bytes(), code32);
            if (!a.equals(b)) {
                problems.add(where + ": ours '" + ours + "' objdump '" + theirs.text() + "' (canonical '" + a
                        + "' vs '" + b + "')");
            }
        }
        assertThat(problems).as("%d of %d encodings disagree; first ones:%n%s", problems.size(), encodings.size(),
                String.join("\n", problems.subList(0, Math.min(40, problems.size())))).isEmpty();
    }

    private static boolean lengthOnly(OpcodeRow row) {
        return row.opcode >= 0xD8 && row.opcode <= 0xDF || row.opcode == 0xD6;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }

    // Expectations below are written from the Intel manual's operand forms, in objdump's layout.

    private static String dis(boolean code32, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Disassembler.format(Decoder.decode(b, 0, code32), 0, code32).replaceAll("\\s+", " ");
    }

    @Test
    void memoryOperandsReadAsBaseIndexScaleDisplacement() {
        assertThat(dis(true, 0x8B, 0x44, 0xB3, 0x10)).isEqualTo("mov eax,DWORD PTR [ebx+esi*4+0x10]");
        assertThat(dis(true, 0x8B, 0x45, 0xFC)).isEqualTo("mov eax,DWORD PTR [ebp-0x4]");
        assertThat(dis(true, 0x8A, 0x05, 0x78, 0x56, 0x34, 0x12)).isEqualTo("mov al,BYTE PTR ds:0x12345678");
        assertThat(dis(false, 0x8B, 0x42, 0x02)).isEqualTo("mov ax,WORD PTR [bp+si+0x2]");
        assertThat(dis(true, 0x64, 0x89, 0x18)).isEqualTo("mov DWORD PTR fs:[eax],ebx");
    }

    @Test
    void stringInstructionsUseShortFormsWithPrefixWords() {
        assertThat(dis(true, 0xF3, 0xA5)).isEqualTo("rep movsd");
        assertThat(dis(true, 0xF3, 0xA6)).isEqualTo("repz cmpsb");
        assertThat(dis(true, 0xF2, 0xAF)).isEqualTo("repnz scasd");
        assertThat(dis(false, 0x26, 0xAC)).isEqualTo("es lodsb");
        assertThat(dis(true, 0x67, 0xAA)).isEqualTo("addr16 stosb");
    }

    @Test
    void immediatesAndBranchTargetsAreHexAtOperandSize() {
        assertThat(dis(true, 0x83, 0xC0, 0xFF)).isEqualTo("add eax,0xffffffff");
        assertThat(dis(false, 0x6A, 0xFE)).isEqualTo("push 0xfffe");
        assertThat(dis(true, 0xEB, 0xFE)).isEqualTo("jmp 0x0");
        assertThat(dis(false, 0xE9, 0xFD, 0xFF)).isEqualTo("jmp 0x0");
        assertThat(dis(true, 0xEA, 0x78, 0x56, 0x34, 0x12, 0x08, 0x00)).isEqualTo("jmpf 0x8:0x12345678");
        assertThat(dis(true, 0xC8, 0x10, 0x00, 0x01)).isEqualTo("enter 0x10,0x1");
    }

    @Test
    void jcxzIsNamedByAddressSize() {
        assertThat(dis(true, 0xE3, 0x00)).startsWith("jecxz");
        assertThat(dis(true, 0x66, 0xE3, 0x00)).startsWith("jecxz");
        assertThat(dis(true, 0x67, 0xE3, 0x00)).startsWith("jcxz");
    }

    @Test
    void invalidEncodingsReadBad() {
        assertThat(dis(true, 0x0F, 0x0B)).isEqualTo("(bad)");
        assertThat(dis(true, 0x8D, 0xC0)).isEqualTo("(bad)");
    }

    @Test
    void listingShowsAddressBytesAndText() {
        List<String> lines = Disassembler.listing(new byte[] {(byte) 0x90, (byte) 0xC3}, 0x7C00, false);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("7c00").contains("90").endsWith("nop");
        assertThat(lines.get(1)).contains("7c01").contains("c3").endsWith("ret");
    }

    @Test
    void listingOfTruncatedInstructionSaysSo() {
        List<String> lines = Disassembler.listing(new byte[] {(byte) 0xB8, 0x01}, 0, true);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).endsWith("(truncated)");
    }
}
