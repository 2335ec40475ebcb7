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
 * ADD OR ADC SBB AND SUB XOR CMP, INC DEC NEG NOT TEST. Expected results and flags are worked
 * out from the manual's definitions: CF is the carry (borrow) out of the top bit, OF a signed
 * overflow, AF the carry (borrow) out of bit 3, PF the even parity of the low byte.
 */
class ArithTest {
    private static final int DATA = CpuRig.DATA;

    /** One instruction on EAX (or AL/AX) and EBX (BL/BX): EAX and EBX in, EAX and flags out. */
    static Stream<Arguments> registerCases() {
        return Stream.of(
            // what, code, eax, ebx, flags in, eax out, flags out
            Arguments.of("ADD EAX,EBX signed overflow", bytes(0x01, 0xD8), 0x7FFFFFFF, 1, 0, 0x80000000, O | S | A | P),
            Arguments.of("ADD EAX,EBX carry to zero", bytes(0x01, 0xD8), 0xFFFFFFFF, 1, 0, 0, Z | A | P | C),
            Arguments.of("ADD EAX,EBX no flags", bytes(0x01, 0xD8), 0x12345678, 0x11111111, OSZAPC, 0x23456789, 0),
            Arguments.of("ADD AL,BL keeps the upper bits", bytes(0x00, 0xD8), 0x123456FF, 1, 0, 0x12345600,
                Z | A | P | C),
            Arguments.of("ADD AX,BX", bytes(0x66, 0x01, 0xD8), 0xAAAA8000, 0x8000, 0, 0xAAAA0000, O | Z | P | C),
            Arguments.of("ADD EAX,EBX via Gv,Ev", bytes(0x03, 0xC3), 2, 3, 0, 5, P),
            Arguments.of("ADC EAX,EBX carry in wraps to zero", bytes(0x11, 0xD8), 0xFFFFFFFF, 0, C, 0, Z | A | P | C),
            Arguments.of("ADC EAX,EBX carry in overflows", bytes(0x11, 0xD8), 0x7FFFFFFF, 0, C, 0x80000000,
                O | S | A | P),
            Arguments.of("ADC EAX,EBX no carry in", bytes(0x11, 0xD8), 0xFFFFFFFF, 0, 0, 0xFFFFFFFF, S | P),
            Arguments.of("ADC AL,BL FF+FF+1", bytes(0x10, 0xD8), 0xFF, 0xFF, C, 0xFF, S | A | P | C),
            Arguments.of("SBB EAX,EBX borrow in from zero", bytes(0x19, 0xD8), 0, 0, C, 0xFFFFFFFF, S | A | P | C),
            Arguments.of("SBB AL,BL borrow in overflows", bytes(0x18, 0xD8), 0x80, 0, C, 0x7F, O | A),
            Arguments.of("SBB EAX,EBX equal operands with borrow", bytes(0x19, 0xD8), 5, 5, C, 0xFFFFFFFF,
                S | A | P | C),
            Arguments.of("SBB EAX,EBX equal operands without borrow", bytes(0x19, 0xD8), 5, 5, 0, 0, Z | P),
            Arguments.of("SUB EAX,EBX signed overflow", bytes(0x29, 0xD8), 0x80000000, 1, 0, 0x7FFFFFFF, O | A | P),
            Arguments.of("SUB EAX,EBX borrow", bytes(0x29, 0xD8), 1, 2, 0, 0xFFFFFFFF, S | A | P | C),
            Arguments.of("SUB AX,BX keeps the upper half", bytes(0x66, 0x29, 0xD8), 0xFFFF0000, 1, 0, 0xFFFFFFFF,
                S | A | P | C),
            Arguments.of("CMP EAX,EBX writes nothing", bytes(0x39, 0xD8), 5, 7, 0, 5, S | A | C),
            Arguments.of("AND EAX,EBX clears CF and OF", bytes(0x21, 0xD8), 0xF0F0F0F0, 0x0FF00FF0, O | C, 0x00F000F0, P),
            Arguments.of("OR EAX,EBX zero", bytes(0x09, 0xD8), 0, 0, O | C, 0, Z | P),
            Arguments.of("XOR AX,BX", bytes(0x66, 0x31, 0xD8), 0xAAAA00FF, 0xFF00, 0, 0xAAAAFFFF, S | P),
            Arguments.of("XOR EAX,EAX", bytes(0x31, 0xC0), 0x12345678, 0, O | C | S, 0, Z | P),
            Arguments.of("TEST EAX,EBX writes nothing", bytes(0x85, 0xD8), 0x80000000, 0xFFFFFFFF, O | C, 0x80000000,
                S | P),
            Arguments.of("NEG EAX of 1", bytes(0xF7, 0xD8), 1, 0, 0, 0xFFFFFFFF, S | A | P | C),
            Arguments.of("NEG EAX of 0 clears CF", bytes(0xF7, 0xD8), 0, 0, C, 0, Z | P),
            Arguments.of("NEG AL of 80h overflows", bytes(0xF6, 0xD8), 0x80, 0, 0, 0x80, O | S | C),
            Arguments.of("NEG AX", bytes(0x66, 0xF7, 0xD8), 0xABCD0001, 0, 0, 0xABCDFFFF, S | A | P | C),
            Arguments.of("ADD AL,Ib", bytes(0x04, 0x80), 0x80, 0, 0, 0, O | Z | P | C),
            Arguments.of("ADD EAX,Iv", bytes(0x05, le32(0x7FFFFFFF)), 1, 0, 0, 0x80000000, O | S | A | P),
            Arguments.of("ADD AX,Iv", bytes(0x66, 0x05, le16(0x0001)), 0x5555FFFF, 0, 0, 0x55550000, Z | A | P | C),
            Arguments.of("ADD Eb,Ib (80 /0)", bytes(0x80, 0xC0, 0x01), 0x7F, 0, 0, 0x80, O | S | A),
            Arguments.of("ADD Ev,Iv (81 /0)", bytes(0x81, 0xC0, le32(0x00010000)), 0xFFFF0000, 0, 0, 0, Z | P | C),
            Arguments.of("ADD Ev,Ibs (83 /0) sign-extends", bytes(0x83, 0xC0, 0xFF), 1, 0, 0, 0, Z | A | P | C),
            Arguments.of("ADD AX,Ibs (66 83 /0)", bytes(0x66, 0x83, 0xC0, 0xFF), 0x12340001, 0, 0, 0x12340000,
                Z | A | P | C),
            Arguments.of("ADD Eb,Ib via alias 82 /0", bytes(0x82, 0xC0, 0x01), 0xFF, 0, 0, 0, Z | A | P | C),
            Arguments.of("ADC Ev,Ibs (83 /2)", bytes(0x83, 0xD0, 0x00), 0x7FFFFFFF, 0, C, 0x80000000, O | S | A | P),
            Arguments.of("SBB Ev,Ibs (83 /3)", bytes(0x83, 0xD8, 0x01), 2, 0, C, 0, Z | P),
            Arguments.of("SUB AL,Ib", bytes(0x2C, 0x10), 0x10, 0, 0, 0, Z | P),
            Arguments.of("CMP AL,Ib", bytes(0x3C, 0x01), 0, 0, 0, 0, S | A | P | C),
            Arguments.of("AND Ev,Iv (81 /4)", bytes(0x81, 0xE0, le32(0x80000000)), 0xFFFFFFFF, 0, 0, 0x80000000, S | P),
            Arguments.of("OR AL,Ib", bytes(0x0C, 0x80), 1, 0, 0, 0x81, S | P),
            Arguments.of("XOR EAX,Iv", bytes(0x35, le32(0xFFFFFFFF)), 0x0000FFFF, 0, 0, 0xFFFF0000, S | P),
            Arguments.of("TEST AL,Ib", bytes(0xA8, 0x01), 2, 0, 0, 2, Z | P),
            Arguments.of("TEST EAX,Iv (F7 /0)", bytes(0xF7, 0xC0, le32(0x00000100)), 0x100, 0, 0, 0x100, P),
            Arguments.of("TEST alias F6 /1", bytes(0xF6, 0xC8, 0x80), 0x80, 0, 0, 0x80, S));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registerCases")
    void registerForms(String what, int[] code, int eax, int ebx, int flagsIn, int eaxOut, int flagsOut) {
        CpuRig r = flat(flagsIn).set(Cpu.EAX, eax).set(Cpu.EBX, ebx).code(code).run();
        assertThat(r.reg(Cpu.EAX)).as("EAX").isEqualTo(eaxOut);
        assertThat(r.reg(Cpu.EBX)).as("EBX unchanged").isEqualTo(ebx);
        assertFlags(r, OSZAPC, flagsOut);
    }

    @Test
    void addToMemoryWritesTheSum() {
        CpuRig r = flat(0).poke32(DATA, 1).set(Cpu.EAX, 0xFFFFFFFF).code(0x01, 0x05).code(le32(DATA)).run();
        assertThat(r.peek32(DATA)).isZero();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0xFFFFFFFF);
        assertFlags(r, OSZAPC, Z | A | P | C);
    }

    @Test
    void addFromMemoryWritesTheRegister() {
        CpuRig r = flat(0).poke32(DATA, 10).set(Cpu.EAX, 5).code(0x03, 0x05).code(le32(DATA)).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(15);
        assertThat(r.peek32(DATA)).isEqualTo(10);
        assertFlags(r, OSZAPC, P);
    }

    @Test
    void cmpWithMemoryChangesNothingButFlags() {
        CpuRig r = flat(0).poke32(DATA, 1).set(Cpu.EAX, 0x80000000).code(0x3B, 0x05).code(le32(DATA)).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0x80000000);
        assertThat(r.peek32(DATA)).isEqualTo(1);
        assertFlags(r, OSZAPC, O | A | P);
    }

    @Test
    void cmpByteInMemoryWithImmediate() {
        CpuRig r = flat(C).poke32(DATA, 0x11111142).code(0x80, 0x3D).code(le32(DATA)).code(0x42).run();
        assertThat(r.peek32(DATA)).isEqualTo(0x11111142);
        assertFlags(r, OSZAPC, Z | P);
    }

    @Test
    void testDwordInMemoryWithImmediate() {
        CpuRig r = flat(0).poke32(DATA, 0x00010000).code(0xF7, 0x05).code(le32(DATA)).code(le32(0x00010000)).run();
        assertThat(r.peek32(DATA)).isEqualTo(0x00010000);
        assertFlags(r, OSZAPC, P);
    }

    @Test
    void lockedAddToMemory() {
        CpuRig r = flat(0).poke32(DATA, 40).set(Cpu.EAX, 2).code(0xF0, 0x01, 0x05).code(le32(DATA)).run();
        assertThat(r.peek32(DATA)).isEqualTo(42);
    }

    @Test
    void incPreservesCarry() {
        CpuRig r = flat(C).set(Cpu.EAX, 0xFFFFFFFF).code(0x40).run();
        assertThat(r.reg(Cpu.EAX)).isZero();
        assertFlags(r, OSZAPC, Z | A | P | C);
    }

    @Test
    void incOverflowsAtTheSignBoundary() {
        CpuRig r = flat(0).set(Cpu.EAX, 0x7FFFFFFF).code(0x40).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0x80000000);
        assertFlags(r, OSZAPC, O | S | A | P);
    }

    @Test
    void incRegisterByOpcodeRow() {
        CpuRig r = flat(0).set(Cpu.EBX, 5).code(0x43).run();
        assertThat(r.reg(Cpu.EBX)).isEqualTo(6);
        assertFlags(r, OSZAPC, P);
    }

    @Test
    void incByteAndWordKeepTheRestOfTheRegister() {
        CpuRig r = flat(0).set(Cpu.EAX, 0x000012FF).code(0xFE, 0xC0).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0x00001200);
        assertFlags(r, OSZAPC, Z | A | P);
        r = flat(0).set(Cpu.EAX, 0x1234FFFF).code(0x66, 0x40).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0x12340000);
        assertFlags(r, OSZAPC, Z | A | P);
    }

    @Test
    void incMemory() {
        CpuRig r = flat(0).poke32(DATA, 0x0F).code(0xFF, 0x05).code(le32(DATA)).run();
        assertThat(r.peek32(DATA)).isEqualTo(0x10);
        assertFlags(r, OSZAPC, A);
        r = flat(C).poke32(DATA, 0x5555557F).code(0xFE, 0x05).code(le32(DATA)).run();
        assertThat(r.peek32(DATA)).isEqualTo(0x55555580);
        assertFlags(r, OSZAPC, O | S | A | C);
    }

    @Test
    void decPreservesCarry() {
        CpuRig r = flat(C).set(Cpu.EAX, 0x80000000).code(0x48).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0x7FFFFFFF);
        assertFlags(r, OSZAPC, O | A | P | C);
        r = flat(0).set(Cpu.EAX, 0xAB01).code(0xFE, 0xC8).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0xAB00);
        assertFlags(r, OSZAPC, Z | P);
    }

    @Test
    void decMemoryFromZero() {
        CpuRig r = flat(C).poke32(DATA, 0).code(0xFF, 0x0D).code(le32(DATA)).run();
        assertThat(r.peek32(DATA)).isEqualTo(0xFFFFFFFF);
        assertFlags(r, OSZAPC, S | A | P | C);
    }

    @Test
    void incAfterAddKeepsTheAddsCarry() {
        // ADD EAX,EBX carries; INC EAX then redefines everything but CF.
        CpuRig r = flat(0).set(Cpu.EAX, 0xFFFFFFFF).set(Cpu.EBX, 1).code(0x01, 0xD8, 0x40).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(1);
        assertFlags(r, OSZAPC, C);
    }

    @Test
    void addThenAdcIsADoubleWordAdd() {
        // EDX:EAX = 0x00000001_FFFFFFFF + 0x00000002_00000001 = 0x00000004_00000000
        CpuRig r = flat(0).set(Cpu.EAX, 0xFFFFFFFF).set(Cpu.EDX, 1).set(Cpu.EBX, 1).set(Cpu.ECX, 2)
                .code(0x01, 0xD8, 0x11, 0xCA).run();
        assertThat(r.reg(Cpu.EAX)).isZero();
        assertThat(r.reg(Cpu.EDX)).isEqualTo(4);
        assertFlags(r, OSZAPC, 0);
    }

    @Test
    void subThenSbbIsADoubleWordSubtract() {
        // EDX:EAX = 0x00000001_00000000 - 0x00000000_00000001 = 0x00000000_FFFFFFFF
        CpuRig r = flat(0).set(Cpu.EAX, 0).set(Cpu.EDX, 1).set(Cpu.EBX, 1).set(Cpu.ECX, 0)
                .code(0x29, 0xD8, 0x19, 0xCA).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0xFFFFFFFF);
        assertThat(r.reg(Cpu.EDX)).isZero();
        assertFlags(r, OSZAPC, Z | P);
    }

    @Test
    void negMemory() {
        CpuRig r = flat(0).poke32(DATA, 5).code(0xF7, 0x1D).code(le32(DATA)).run();
        assertThat(r.peek32(DATA)).isEqualTo(0xFFFFFFFB);
        assertFlags(r, OSZAPC, S | A | C);
    }

    @Test
    void notChangesNoFlags() {
        CpuRig r = flat(OSZAPC).set(Cpu.EAX, 0x0F0F0F0F).code(0xF7, 0xD0).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0xF0F0F0F0);
        assertFlags(r, OSZAPC, OSZAPC);
        r = flat(0).poke32(DATA, 0x12345600).code(0xF6, 0x15).code(le32(DATA)).run();
        assertThat(r.peek32(DATA)).isEqualTo(0x123456FF);
        assertFlags(r, OSZAPC, 0);
    }

    @Test
    void realModeDefaultsTo16Bits() {
        CpuRig r = CpuRig.real().set(Cpu.EAX, 0x1234FFFF).set(Cpu.EBX, 1).code(0x01, 0xD8).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0x12340000);
        assertFlags(r, OSZAPC, Z | A | P | C);
    }

    @Test
    void realModeOperandSizePrefixSelects32Bits() {
        CpuRig r = CpuRig.real().set(Cpu.EAX, 0x1234FFFF).set(Cpu.EBX, 1).code(0x66, 0x01, 0xD8).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0x12350000);
        assertFlags(r, OSZAPC, A | P);
    }

    @Test
    void realModeAddToMemoryThroughDisp16() {
        CpuRig r = CpuRig.real().poke32(DATA, 0xAAAA7FFF).set(Cpu.EAX, 1).code(0x01, 0x06).code(le16(DATA)).run();
        assertThat(r.peek32(DATA)).isEqualTo(0xAAAA8000);
        assertFlags(r, OSZAPC, O | S | A | P);
    }

    @Test
    void faultingWriteLeavesMemoryRegistersAndFlagsUnchanged() {
        CpuRig r = flat(C | Z);
        r.cpu.seg[Cpu.DS].set(0x10, 0, 0xFFFFFFFF, 0x91, true); // read-only data segment
        AluAssert.FaultCatcher f = AluAssert.FaultCatcher.install(r);
        r.poke32(DATA, 1).set(Cpu.EAX, 0xFFFFFFFF).code(0x01, 0x05).code(le32(DATA)).step(1);
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.eip).isEqualTo(CpuRig.CODE);
        assertThat(r.peek32(DATA)).isEqualTo(1);
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0xFFFFFFFF);
        assertFlags(r, OSZAPC, C | Z);
    }
}
