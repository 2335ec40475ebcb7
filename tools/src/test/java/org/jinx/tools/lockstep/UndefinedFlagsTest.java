package org.jinx.tools.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Decoder;
import org.junit.jupiter.api.Test;

/**
 * Which flags the lockstep leaves uncompared: the opcode table's undefined flags, and for
 * shifts and rotates the count rules of the 386 manual (a zero count changes nothing; OF is
 * defined only for a count of 1; the count is taken modulo 32).
 */
class UndefinedFlagsTest {
    private static final int O = Cpu.OF, S = Cpu.SF, Z = Cpu.ZF, A = Cpu.AF, P = Cpu.PF, C = Cpu.CF;

    private static DecodedInsn insn(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Decoder.decode(b, 0, true);
    }

    @Test
    void arithmeticWithEveryFlagDefinedIgnoresNothing() {
        assertThat(UndefinedFlags.of(insn(0x01, 0xC8), 0)).isZero(); // ADD EAX, ECX
    }

    @Test
    void multiplyAndDivideLeaveTheManualsFlagsUndefined() {
        assertThat(UndefinedFlags.of(insn(0xF7, 0xE1), 0)).isEqualTo(S | Z | A | P); // MUL ECX
        assertThat(UndefinedFlags.of(insn(0xF7, 0xF1), 0)).isEqualTo(O | S | Z | A | P | C); // DIV ECX
    }

    @Test
    void aSingleBitShiftDefinesOverflow() {
        assertThat(UndefinedFlags.of(insn(0xD1, 0xE0), 0)).isEqualTo(A); // SHL EAX, 1
    }

    @Test
    void aMultiBitShiftOrRotateLeavesOverflowUndefined() {
        assertThat(UndefinedFlags.of(insn(0xC1, 0xE0, 0x03), 0)).isEqualTo(A | O); // SHL EAX, 3
        assertThat(UndefinedFlags.of(insn(0xC1, 0xC0, 0x02), 0)).isEqualTo(O); // ROL EAX, 2
        assertThat(UndefinedFlags.of(insn(0x0F, 0xA4, 0xD8, 0x05), 0)).isEqualTo(O | A); // SHLD EAX, EBX, 5
    }

    @Test
    void theCountComesFromClAndIsTakenModulo32() {
        DecodedInsn shlCl = insn(0xD3, 0xE0); // SHL EAX, CL
        assertThat(UndefinedFlags.of(shlCl, 0)).as("count 0: no flag changes").isZero();
        assertThat(UndefinedFlags.of(shlCl, 32)).as("32 is 0 after masking").isZero();
        assertThat(UndefinedFlags.of(shlCl, 33)).as("33 is 1").isEqualTo(A);
        assertThat(UndefinedFlags.of(shlCl, 4)).isEqualTo(A | O);
    }

    @Test
    void anImmediateCountOfZeroChangesNothing() {
        assertThat(UndefinedFlags.of(insn(0xC1, 0xE8, 0x00), 0)).isZero(); // SHR EAX, 0
    }
}
