package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.exec.AluAssert.A;
import static org.jinx.cpu.exec.AluAssert.C;
import static org.jinx.cpu.exec.AluAssert.O;
import static org.jinx.cpu.exec.AluAssert.OSZAPC;
import static org.jinx.cpu.exec.AluAssert.P;
import static org.jinx.cpu.exec.AluAssert.S;
import static org.jinx.cpu.exec.AluAssert.Z;
import static org.jinx.cpu.exec.AluAssert.assertFlags;
import static org.jinx.cpu.exec.AluAssert.bytes;
import static org.jinx.cpu.exec.AluAssert.flat;
import static org.jinx.cpu.exec.AluAssert.le32;

import java.util.stream.Stream;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BT BTS BTR BTC (register and memory operands, Gv and Ib offsets), BSF BSR, SETcc. The bit
 * instructions define only CF (BT*) or ZF (BSF/BSR); the other flags are checked to be unchanged,
 * which is what Jinx promises for them.
 */
class BitOpsTest {
    private static final int DATA = CpuRig.DATA;

    /** Register operand: EAX is the bit string, EBX the offset (taken mod the operand size). */
    static Stream<Arguments> registerBitCases() {
        return Stream.of(
            // what, code, eax, ebx, eax out, CF
            Arguments.of("BT bit 31", bytes(0x0F, 0xA3, 0xD8), 0x80000000, 31, 0x80000000, true),
            Arguments.of("BT offset 63 is bit 31", bytes(0x0F, 0xA3, 0xD8), 0x80000000, 63, 0x80000000, true),
            Arguments.of("BT clear bit", bytes(0x0F, 0xA3, 0xD8), 0x80000000, 30, 0x80000000, false),
            Arguments.of("BT negative offset is mod 32", bytes(0x0F, 0xA3, 0xD8), 0x80000000, -1, 0x80000000, true),
            Arguments.of("BTS offset 33 is bit 1", bytes(0x0F, 0xAB, 0xD8), 0, 33, 2, false),
            Arguments.of("BTR bit 0", bytes(0x0F, 0xB3, 0xD8), -1, 0, 0xFFFFFFFE, true),
            Arguments.of("BTC set bit", bytes(0x0F, 0xBB, 0xD8), 0x10, 4, 0, true),
            Arguments.of("BTC clear bit", bytes(0x0F, 0xBB, 0xD8), 0, 4, 0x10, false),
            Arguments.of("BT AX,BX offset 17 is bit 1", bytes(0x66, 0x0F, 0xA3, 0xD8), 0x00000002, 0x11, 2, true),
            Arguments.of("BTS AX,BX keeps the upper half", bytes(0x66, 0x0F, 0xAB, 0xD8), 0xFFFF0000, 15, 0xFFFF8000,
                false),
            Arguments.of("BT EAX,Ib", bytes(0x0F, 0xBA, 0xE0, 3), 8, 0, 8, true),
            Arguments.of("BTS EAX,Ib 35 is bit 3", bytes(0x0F, 0xBA, 0xE8, 35), 0, 0, 8, false),
            Arguments.of("BTR EAX,Ib", bytes(0x0F, 0xBA, 0xF0, 31), -1, 0, 0x7FFFFFFF, true),
            Arguments.of("BTC AX,Ib 16 is bit 0", bytes(0x66, 0x0F, 0xBA, 0xF8, 16), 0x12340001, 0, 0x12340000, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registerBitCases")
    void registerBitString(String what, int[] code, int eax, int ebx, int eaxOut, boolean cf) {
        int others = O | S | Z | A | P;
        CpuRig r = flat(cf ? others : others | C).set(Cpu.EAX, eax).set(Cpu.EBX, ebx).code(code).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(eaxOut);
        assertThat(r.reg(Cpu.EBX)).isEqualTo(ebx);
        assertFlags(r, OSZAPC, cf ? others | C : others);
    }

    @Test
    void memoryOffsetSelectsAFollowingDword() {
        // Bit 35 of the string at DATA is bit 3 of the dword at DATA + 4.
        CpuRig r = flat(0).poke32(DATA, 0).poke32(DATA + 4, 8).set(Cpu.EBX, 35).code(0x0F, 0xA3, 0x1D).code(le32(DATA))
                .run();
        assertFlags(r, C, C);
    }

    @Test
    void negativeMemoryOffsetReachesBelowTheOperand() {
        // Bit -1 is bit 31 of the dword at DATA - 4.
        CpuRig r = flat(C).poke32(DATA - 4, 0).poke32(DATA, 0).set(Cpu.EBX, -1).code(0x0F, 0xAB, 0x1D)
                .code(le32(DATA)).run();
        assertThat(r.peek32(DATA - 4)).isEqualTo(0x80000000);
        assertThat(r.peek32(DATA)).isZero();
        assertFlags(r, C, 0);
    }

    @Test
    void largeMemoryOffset() {
        // Bit 256 is bit 0 of the dword 32 bytes above the operand.
        CpuRig r = flat(0).poke32(DATA + 32, 1).set(Cpu.EBX, 256).code(0x0F, 0xB3, 0x1D).code(le32(DATA)).run();
        assertThat(r.peek32(DATA + 32)).isZero();
        assertFlags(r, C, C);
    }

    @Test
    void wordMemoryOffsetIsSignedAndCountsWords() {
        // BTC word [DATA], BX with BX = -16: bit 0 of the word at DATA - 2.
        CpuRig r = flat(0).poke32(DATA - 4, 0x00010000).poke32(DATA, 0).set(Cpu.EBX, 0xABCDFFF0)
                .code(0x66, 0x0F, 0xBB, 0x1D).code(le32(DATA)).run();
        assertThat(r.peek32(DATA - 4)).isZero();
        assertFlags(r, C, C);
    }

    @Test
    void immediateOffsetIntoMemoryStaysInTheOperand() {
        // BT dword [DATA], 35: bit 3 of the dword at DATA itself.
        CpuRig r = flat(0).poke32(DATA, 8).poke32(DATA + 4, 0).code(0x0F, 0xBA, 0x25).code(le32(DATA)).code(35).run();
        assertFlags(r, C, C);
        r = flat(0).poke32(DATA, 0xFF).code(0x0F, 0xBA, 0x35).code(le32(DATA)).code(7).run();
        assertThat(r.peek32(DATA)).isEqualTo(0x7F);
        assertFlags(r, C, C);
    }

    static Stream<Arguments> scans() {
        return Stream.of(
            // what, code, ebx, eax out, ZF
            Arguments.of("BSF lowest set bit", bytes(0x0F, 0xBC, 0xC3), 0x00010100, 8, false),
            Arguments.of("BSR highest set bit", bytes(0x0F, 0xBD, 0xC3), 0x00010100, 16, false),
            Arguments.of("BSF bit 0", bytes(0x0F, 0xBC, 0xC3), 1, 0, false),
            Arguments.of("BSR bit 31", bytes(0x0F, 0xBD, 0xC3), 0x80000000, 31, false),
            Arguments.of("BSF zero leaves the destination", bytes(0x0F, 0xBC, 0xC3), 0, 0xDEADBEEF, true),
            Arguments.of("BSR zero leaves the destination", bytes(0x0F, 0xBD, 0xC3), 0, 0xDEADBEEF, true),
            Arguments.of("BSF word ignores the upper half", bytes(0x66, 0x0F, 0xBC, 0xC3), 0x00018000, 0xDEAD000F,
                false),
            Arguments.of("BSR word zero despite upper bits", bytes(0x66, 0x0F, 0xBD, 0xC3), 0xFFFF0000, 0xDEADBEEF,
                true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scans")
    void bitScan(String what, int[] code, int ebx, int eaxOut, boolean zf) {
        int others = O | S | A | P | C;
        CpuRig r = flat(zf ? others : others | Z).set(Cpu.EAX, 0xDEADBEEF).set(Cpu.EBX, ebx).code(code).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(eaxOut);
        assertFlags(r, OSZAPC, zf ? others | Z : others);
    }

    @Test
    void bsfFromMemory() {
        CpuRig r = flat(0).poke32(DATA, 0x00400000).code(0x0F, 0xBC, 0x05).code(le32(DATA)).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(22);
        assertFlags(r, Z, 0);
    }

    /** The 80386 manual: 10 + 3n clocks, n the number of zero bits scanned before the set bit. */
    static Stream<Arguments> scanClocks() {
        return Stream.of(
            Arguments.of("BSF finds bit 0 at once", bytes(0x0F, 0xBC, 0xC3), 1, 10),
            Arguments.of("BSF scans 31 zeros", bytes(0x0F, 0xBC, 0xC3), 0x80000000, 10 + 3 * 31),
            Arguments.of("BSR finds bit 31 at once", bytes(0x0F, 0xBD, 0xC3), 0x80000000, 10),
            Arguments.of("BSR scans 31 zeros", bytes(0x0F, 0xBD, 0xC3), 1, 10 + 3 * 31),
            Arguments.of("BSF of zero scans every bit", bytes(0x0F, 0xBC, 0xC3), 0, 10 + 3 * 32));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scanClocks")
    void bitScanClocks(String what, int[] code, int ebx, int clocks) {
        CpuRig r = flat(0).set(Cpu.EBX, ebx).code(code);
        long before = r.cpu.clock.cycles();
        r.step(1);
        assertThat(r.cpu.clock.cycles() - before).isEqualTo(clocks);
    }

    /**
     * The SDM's condition table: O, NO, B, NB, E, NE, BE, NBE, S, NS, P, NP, L, NL, LE, NLE.
     * Conditions come in pairs, the odd one the negation of the even one.
     */
    private static boolean expected(int cc, int f) {
        boolean o = (f & O) != 0;
        boolean c = (f & C) != 0;
        boolean z = (f & Z) != 0;
        boolean s = (f & S) != 0;
        boolean p = (f & P) != 0;
        boolean[] even = {o, c, z, c || z, s, p, s != o, z || s != o};
        return (cc & 1) == 0 ? even[cc >> 1] : !even[cc >> 1];
    }

    @Test
    void setccMatchesEveryConditionForManyFlagStates() {
        int[] states = {0, O, C, Z, S, P, S | O, Z | C, Z | S, OSZAPC, O | C | P};
        for (int f : states) {
            for (int cc = 0; cc < 16; cc++) {
                CpuRig r = flat(f).set(Cpu.EAX, 0xFFFFFF55).code(0x0F, 0x90 + cc, 0xC0).run();
                int al = expected(cc, f) ? 1 : 0;
                assertThat(r.reg(Cpu.EAX)).as("SETcc %X with %s", cc, AluAssert.names(f)).isEqualTo(0xFFFFFF00 | al);
                assertFlags(r, OSZAPC, f);
            }
        }
    }

    @Test
    void setccToMemoryWritesOneByte() {
        CpuRig r = flat(Z).poke32(DATA, 0xAAAAAAAA).code(0x0F, 0x94, 0x05).code(le32(DATA)).run();
        assertThat(r.peek32(DATA)).isEqualTo(0xAAAAAA01);
    }

    @Test
    void setccReadsFlagsLeftByCmp() {
        // CMP EAX,EBX with EAX = -1, EBX = 1: less (signed), not below (unsigned).
        CpuRig r = flat(0).set(Cpu.EAX, -1).set(Cpu.EBX, 1)
                .code(0x39, 0xD8, 0x0F, 0x9C, 0xC1, 0x0F, 0x92, 0xC2).run();
        assertThat(r.reg(Cpu.ECX) & 0xFF).as("SETL CL").isEqualTo(1);
        assertThat(r.reg(Cpu.EDX) & 0xFF).as("SETB DL").isZero();
    }

    @Test
    void realModeWordBitStringInMemory() {
        // BTS word [8000h], BX with BX = 20h: bit 0 of the word two words up, at 8004h.
        CpuRig r = CpuRig.real().poke32(DATA, 0).poke32(DATA + 4, 0).set(Cpu.EBX, 0x20)
                .code(0x0F, 0xAB, 0x1E).code(AluAssert.le16(DATA)).run();
        assertThat(r.peek32(DATA)).isZero();
        assertThat(r.peek32(DATA + 4)).isEqualTo(1);
        assertFlags(r, C, 0);
    }
}
