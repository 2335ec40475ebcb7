package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.exec.AluAssert.C;
import static org.jinx.cpu.exec.AluAssert.O;
import static org.jinx.cpu.exec.AluAssert.OSZAPC;
import static org.jinx.cpu.exec.AluAssert.P;
import static org.jinx.cpu.exec.AluAssert.S;
import static org.jinx.cpu.exec.AluAssert.Z;
import static org.jinx.cpu.exec.AluAssert.assertFlags;
import static org.jinx.cpu.exec.AluAssert.bytes;
import static org.jinx.cpu.exec.AluAssert.flat;
import static org.jinx.cpu.exec.AluAssert.le16;
import static org.jinx.cpu.exec.AluAssert.le32;

import java.util.stream.Stream;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MUL, IMUL (one, two and three operands), DIV, IDIV: products and quotients worked out by hand,
 * CF and OF per the manual (the only flags MUL and IMUL define), #DE as a fault that changes
 * nothing, and the early-out multiply clocks of the 80386 manual.
 */
class MulDivTest {
    private static final int DATA = CpuRig.DATA;

    /** EAX, EBX, EDX in; EAX, EDX and CF=OF out. */
    static Stream<Arguments> multiplies() {
        return Stream.of(
            // what, code, eax, ebx, edx, eax out, edx out, CF=OF
            Arguments.of("MUL BL high byte set", bytes(0xF6, 0xE3), 0x12340080, 2, 0xD, 0x12340100, 0xD, true),
            Arguments.of("MUL BL fits in AL", bytes(0xF6, 0xE3), 0x0F, 0x11, 0, 0x00FF, 0, false),
            Arguments.of("MUL BX largest", bytes(0x66, 0xF7, 0xE3), 0xAAAAFFFF, 0xFFFF, 0x55550000, 0xAAAA0001,
                0x5555FFFE, true),
            Arguments.of("MUL EBX largest", bytes(0xF7, 0xE3), 0xFFFFFFFF, 0xFFFFFFFF, 0, 1, 0xFFFFFFFE, true),
            Arguments.of("MUL EBX into EDX", bytes(0xF7, 0xE3), 0x10000, 0x10000, 0, 0, 1, true),
            Arguments.of("MUL EBX clears EDX", bytes(0xF7, 0xE3), 3, 4, 0xDEAD, 12, 0, false),
            Arguments.of("IMUL BL -1*-128 does not fit", bytes(0xF6, 0xEB), 0xFF, 0x80, 0, 0x0080, 0, true),
            Arguments.of("IMUL BL -2*3 fits", bytes(0xF6, 0xEB), 0xFE, 3, 0, 0xFFFA, 0, false),
            Arguments.of("IMUL BX 8000h squared", bytes(0x66, 0xF7, 0xEB), 0x8000, 0x8000, 0, 0, 0x4000, true),
            Arguments.of("IMUL EBX -1*-1", bytes(0xF7, 0xEB), -1, -1, 0x77, 1, 0, false),
            Arguments.of("IMUL EBX most negative * -1", bytes(0xF7, 0xEB), 0x80000000, -1, 0, 0x80000000, 0, true),
            Arguments.of("IMUL EBX 7FFFFFFFh*2", bytes(0xF7, 0xEB), 0x7FFFFFFF, 2, 0, 0xFFFFFFFE, 0, true),
            Arguments.of("IMUL EBX -3*5 sign-extends into EDX", bytes(0xF7, 0xEB), -3, 5, 0, -15, -1, false),
            Arguments.of("IMUL EAX,EBX truncates", bytes(0x0F, 0xAF, 0xC3), 0x10000, 0x10000, 0x99, 0, 0x99, true),
            Arguments.of("IMUL EAX,EBX negative fits", bytes(0x0F, 0xAF, 0xC3), -4, 5, 0x99, -20, 0x99, false),
            Arguments.of("IMUL AX,BX truncates", bytes(0x66, 0x0F, 0xAF, 0xC3), 0x12340100, 0x100, 0, 0x12340000, 0,
                true),
            Arguments.of("IMUL EAX,EBX,Ibs", bytes(0x6B, 0xC3, 0xFF), 0x1111, 5, 0, -5, 0, false),
            Arguments.of("IMUL EAX,EBX,Iv overflows", bytes(0x69, 0xC3, le32(4)), 0x1111, 0x40000000, 0, 0, 0, true),
            Arguments.of("IMUL AX,BX,Iv", bytes(0x66, 0x69, 0xC3, le16(0xFFFF)), 0xABCD1111, 0x7FFF, 0, 0xABCD8001, 0,
                false),
            Arguments.of("IMUL AX,BX,Ibs", bytes(0x66, 0x6B, 0xC3, 0x80), 0, 2, 0, 0xFF00, 0, false),
            Arguments.of("IMUL AX,BX,Ibs -32768 fits", bytes(0x66, 0x6B, 0xC3, 0x80), 0, 0x100, 0, 0x8000, 0, false),
            Arguments.of("IMUL AX,BX,Ibs overflows", bytes(0x66, 0x6B, 0xC3, 0x80), 0, 0x101, 0, 0x7F80, 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiplies")
    void multiply(String what, int[] code, int eax, int ebx, int edx, int eaxOut, int edxOut, boolean overflow) {
        CpuRig r = flat(overflow ? 0 : O | C).set(Cpu.EAX, eax).set(Cpu.EBX, ebx).set(Cpu.EDX, edx).code(code).run();
        assertThat(r.reg(Cpu.EAX)).as("EAX").isEqualTo(eaxOut);
        assertThat(r.reg(Cpu.EDX)).as("EDX").isEqualTo(edxOut);
        assertThat(r.reg(Cpu.EBX)).as("EBX").isEqualTo(ebx);
        assertFlags(r, O | C, overflow ? O | C : 0);
    }

    @Test
    void mulMemoryOperand() {
        CpuRig r = flat(0).poke32(DATA, 0x80000000).set(Cpu.EAX, 2).code(0xF7, 0x25).code(le32(DATA)).run();
        assertThat(r.reg(Cpu.EAX)).isZero();
        assertThat(r.reg(Cpu.EDX)).isEqualTo(1);
        assertFlags(r, O | C, O | C);
    }

    /** EAX, EDX, EBX in; EAX, EDX out. */
    static Stream<Arguments> divides() {
        return Stream.of(
            Arguments.of("DIV BL", bytes(0xF6, 0xF3), 0xABCD0107, 0x10, 0x55, 0xABCD0710, 0x55),
            Arguments.of("DIV BX", bytes(0x66, 0xF7, 0xF3), 0x11110000, 3, 0x22220001, 0x11115555, 0x22220001),
            Arguments.of("DIV EBX", bytes(0xF7, 0xF3), 0, 2, 1, 0x80000000, 0),
            Arguments.of("DIV EBX largest quotient", bytes(0xF7, 0xF3), 0xFFFFFFFF, 0xFFFFFFFF, 0xFFFFFFFE,
                0xFFFFFFFF, 0xFFFFFFFE),
            Arguments.of("IDIV BL rounds toward zero", bytes(0xF6, 0xFB), 0xFFF9, 2, 0, 0xFFFD, 0),
            Arguments.of("IDIV BL most negative quotient fits", bytes(0xF6, 0xFB), 0xFF80, 1, 0, 0x0080, 0),
            Arguments.of("IDIV BX negative by negative", bytes(0x66, 0xF7, 0xFB), 0xFFF9, 0xFFFE, 0xFFFF, 3, 0xFFFF),
            Arguments.of("IDIV EBX most negative quotient fits", bytes(0xF7, 0xFB), 0x80000000, 1, -1, 0x80000000, 0),
            Arguments.of("IDIV EBX remainder takes the dividend's sign", bytes(0xF7, 0xFB), 100, -7, 0, -14, 2),
            Arguments.of("IDIV EBX negative dividend", bytes(0xF7, 0xFB), -100, 7, -1, -14, -2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divides")
    void divide(String what, int[] code, int eax, int ebx, int edx, int eaxOut, int edxOut) {
        CpuRig r = flat(0).set(Cpu.EAX, eax).set(Cpu.EBX, ebx).set(Cpu.EDX, edx).code(code).run();
        assertThat(r.reg(Cpu.EAX)).as("EAX").isEqualTo(eaxOut);
        assertThat(r.reg(Cpu.EDX)).as("EDX").isEqualTo(edxOut);
        assertThat(r.reg(Cpu.EBX)).as("EBX").isEqualTo(ebx);
    }

    /** Divisions that must raise #DE: EAX, EDX, EBX in. */
    static Stream<Arguments> divideErrors() {
        return Stream.of(
            Arguments.of("DIV BL by zero", bytes(0xF6, 0xF3), 0x1234, 0, 0),
            Arguments.of("DIV BL quotient too wide", bytes(0xF6, 0xF3), 0x1000, 0, 0x10),
            Arguments.of("DIV BX by zero", bytes(0x66, 0xF7, 0xF3), 5, 0, 0),
            Arguments.of("DIV BX quotient too wide", bytes(0x66, 0xF7, 0xF3), 0, 1, 1),
            Arguments.of("DIV EBX by zero", bytes(0xF7, 0xF3), 5, 0, 0),
            Arguments.of("DIV EBX quotient too wide", bytes(0xF7, 0xF3), 0, 7, 7),
            Arguments.of("IDIV BL by zero", bytes(0xF6, 0xFB), 5, 0, 0),
            Arguments.of("IDIV BL quotient 128", bytes(0xF6, 0xFB), 0x0080, 0, 1),
            Arguments.of("IDIV BL 8000h by -1", bytes(0xF6, 0xFB), 0x8000, 0, 0xFF),
            Arguments.of("IDIV BX 80000000h by -1", bytes(0x66, 0xF7, 0xFB), 0x0000, 0x8000, 0xFFFF),
            Arguments.of("IDIV EBX by zero", bytes(0xF7, 0xFB), 5, 0, 0),
            Arguments.of("IDIV EBX most negative by -1", bytes(0xF7, 0xFB), 0, 0x80000000, -1),
            Arguments.of("IDIV EBX quotient 2^31", bytes(0xF7, 0xFB), 0x80000000, -1, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divideErrors")
    void divideErrorIsAFaultThatChangesNothing(String what, int[] code, int eax, int edx, int ebx) {
        CpuRig r = flat(S | P | C).set(Cpu.EAX, eax).set(Cpu.EDX, edx).set(Cpu.EBX, ebx).code(code);
        AluAssert.FaultCatcher f = AluAssert.FaultCatcher.install(r);
        r.step(1);
        assertThat(f.vector).isEqualTo(Exceptions.DE);
        assertThat(f.eip).as("EIP at the faulting instruction").isEqualTo(CpuRig.CODE);
        assertThat(r.reg(Cpu.EAX)).isEqualTo(eax);
        assertThat(r.reg(Cpu.EDX)).isEqualTo(edx);
        assertThat(r.reg(Cpu.EBX)).isEqualTo(ebx);
        assertFlags(r, OSZAPC, S | P | C);
    }

    @Test
    void divideByZeroInMemory() {
        CpuRig r = flat(0).poke32(DATA, 0).set(Cpu.EAX, 9).code(0xF7, 0x35).code(le32(DATA));
        AluAssert.FaultCatcher f = AluAssert.FaultCatcher.install(r);
        r.step(1);
        assertThat(f.vector).isEqualTo(Exceptions.DE);
        assertThat(r.reg(Cpu.EAX)).isEqualTo(9);
    }

    @Test
    void realModeDivideErrorGoesThroughTheIvt() {
        CpuRig r = CpuRig.real().set(Cpu.EAX, 0x1234).set(Cpu.EBX, 0).code(0xF6, 0xF3);
        r.cpu.mem.write16(0, 0x2000); // IVT[0] = 0000:2000
        r.cpu.mem.write16(2, 0x0000);
        r.cpu.setEflags(Z);
        r.step(1);
        assertThat(r.cpu.eip).isEqualTo(0x2000);
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0x1234);
        int sp = r.reg(Cpu.ESP);
        assertThat(sp).isEqualTo(CpuRig.STACK_TOP - 6);
        assertThat(r.cpu.mem.read16(sp)).as("return IP: the DIV itself").isEqualTo(CpuRig.CODE);
        assertThat(r.cpu.mem.read16(sp + 2)).as("CS").isZero();
        assertThat(r.cpu.mem.read16(sp + 4) & Z).as("FLAGS pushed").isEqualTo(Z);
    }

    /**
     * Clocks: the manual's early-out formula, max(ceiling(log2 |m|), 3) + 6 (9 for m = 0), plus
     * 3 for a memory operand; m is the r/m operand, or the immediate of the three-operand form.
     */
    static Stream<Arguments> multiplyClocks() {
        return Stream.of(
            Arguments.of("MUL EBX, m = 0", bytes(0xF7, 0xE3), 0, 9),
            Arguments.of("MUL EBX, m = 1", bytes(0xF7, 0xE3), 1, 9),
            Arguments.of("MUL EBX, m = 8", bytes(0xF7, 0xE3), 8, 9),
            Arguments.of("MUL EBX, m = 9", bytes(0xF7, 0xE3), 9, 10),
            Arguments.of("MUL BL, m = FFh", bytes(0xF6, 0xE3), 0xFF, 14),
            Arguments.of("MUL BX, m = FFFFh", bytes(0x66, 0xF7, 0xE3), 0xFFFF, 22),
            Arguments.of("MUL EBX, m = FFFFFFFFh", bytes(0xF7, 0xE3), 0xFFFFFFFF, 38),
            Arguments.of("IMUL EBX, m = -1", bytes(0xF7, 0xEB), -1, 9),
            Arguments.of("IMUL EBX, m = -2^31", bytes(0xF7, 0xEB), 0x80000000, 37),
            Arguments.of("IMUL BL, m = -128", bytes(0xF6, 0xEB), 0x80, 13),
            Arguments.of("IMUL EAX,EBX, m = 1000h", bytes(0x0F, 0xAF, 0xC3), 0x1000, 18),
            Arguments.of("IMUL EAX,EBX,Ibs, m = -128", bytes(0x6B, 0xC3, 0x80), 0x7FFFFFFF, 13),
            Arguments.of("IMUL EAX,EBX,Iv, m = 100h", bytes(0x69, 0xC3, le32(0x100)), 0x7FFFFFFF, 14));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multiplyClocks")
    void multiplyTakesEarlyOutClocks(String what, int[] code, int ebx, int clocks) {
        CpuRig r = flat(0).set(Cpu.EAX, 3).set(Cpu.EBX, ebx).code(code);
        long before = r.cpu.clock.cycles();
        r.step(1);
        assertThat(r.cpu.clock.cycles() - before).isEqualTo(clocks);
    }

    @Test
    void memoryMultiplyAddsThreeClocks() {
        CpuRig r = flat(0).poke32(DATA, 0xFFFF).set(Cpu.EAX, 3).code(0xF7, 0x25).code(le32(DATA));
        long before = r.cpu.clock.cycles();
        r.step(1);
        assertThat(r.cpu.clock.cycles() - before).isEqualTo(16 + 6 + 3);
    }
}
