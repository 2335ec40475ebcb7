package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.exec.AluAssert.A;
import static org.jinx.cpu.exec.AluAssert.C;
import static org.jinx.cpu.exec.AluAssert.OSZAPC;
import static org.jinx.cpu.exec.AluAssert.P;
import static org.jinx.cpu.exec.AluAssert.S;
import static org.jinx.cpu.exec.AluAssert.Z;
import static org.jinx.cpu.exec.AluAssert.assertFlags;
import static org.jinx.cpu.exec.AluAssert.bytes;
import static org.jinx.cpu.exec.AluAssert.flat;

import java.util.stream.Stream;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DAA DAS AAA AAS AAM AAD, per the SDM's pseudo-code. Checked flags are the defined ones:
 * SZAPC for DAA/DAS, AC for AAA/AAS, SZP for AAM/AAD.
 */
class BcdTest {
    private static final int DAA_FLAGS = S | Z | A | P | C;
    private static final int AAA_FLAGS = A | C;
    private static final int AAM_FLAGS = S | Z | P;

    static Stream<Arguments> cases() {
        return Stream.of(
            // what, code, eax, ebx, flags in, eax out, flags checked, flags out
            Arguments.of("DAA low nibble", bytes(0x27), 0x0F, 0, 0, 0x15, DAA_FLAGS, A),
            Arguments.of("DAA both nibbles to 00 carry", bytes(0x27), 0x9A, 0, 0, 0x00, DAA_FLAGS, Z | A | P | C),
            Arguments.of("DAA from AF and CF", bytes(0x27), 0x00, 0, A | C, 0x66, DAA_FLAGS, A | P | C),
            Arguments.of("DAA nothing to adjust", bytes(0x27), 0x45, 0, 0, 0x45, DAA_FLAGS, 0),
            Arguments.of("DAA keeps AH", bytes(0x27), 0x1234AA, 0, 0, 0x123410, DAA_FLAGS, A | C),
            Arguments.of("ADD then DAA: 38 + 45 = 83", bytes(0x00, 0xD8, 0x27), 0x38, 0x45, 0, 0x83, DAA_FLAGS, S | A),
            Arguments.of("ADD then DAA: 99 + 01 = 00 carry", bytes(0x00, 0xD8, 0x27), 0x99, 0x01, 0, 0x00, DAA_FLAGS,
                Z | A | P | C),
            Arguments.of("DAS low nibble", bytes(0x2F), 0x0F, 0, 0, 0x09, DAA_FLAGS, A | P),
            Arguments.of("DAS borrow out of the low step sets CF", bytes(0x2F), 0x03, 0, A, 0xFD, DAA_FLAGS, S | A | C),
            Arguments.of("DAS high nibble", bytes(0x2F), 0xA0, 0, 0, 0x40, DAA_FLAGS, C),
            Arguments.of("SUB then DAS: 42 - 15 = 27", bytes(0x28, 0xD8, 0x2F), 0x42, 0x15, 0, 0x27, DAA_FLAGS, A | P),
            Arguments.of("SUB then DAS: 10 - 20 = 90 borrow", bytes(0x28, 0xD8, 0x2F), 0x10, 0x20, 0, 0x90, DAA_FLAGS,
                S | P | C),
            Arguments.of("AAA adjusts", bytes(0x37), 0x000F, 0, 0, 0x0105, AAA_FLAGS, A | C),
            Arguments.of("AAA carries out of AL into AH", bytes(0x37), 0x00FA, 0, 0, 0x0200, AAA_FLAGS, A | C),
            Arguments.of("AAA from AF", bytes(0x37), 0x0100, 0, A, 0x0206, AAA_FLAGS, A | C),
            Arguments.of("AAA masks AL only", bytes(0x37), 0xFFFF0135, 0, C, 0xFFFF0105, AAA_FLAGS, 0),
            Arguments.of("ADD then AAA: 8 + 9 = 17", bytes(0x00, 0xD8, 0x37), 0x0008, 0x09, 0, 0x0107, AAA_FLAGS, A | C),
            Arguments.of("AAS borrows out of AL", bytes(0x3F), 0x0205, 0, A, 0x000F, AAA_FLAGS, A | C),
            Arguments.of("AAS adjusts", bytes(0x3F), 0x010B, 0, 0, 0x0005, AAA_FLAGS, A | C),
            Arguments.of("AAS masks AL only", bytes(0x3F), 0x0133, 0, C, 0x0103, AAA_FLAGS, 0),
            Arguments.of("SUB then AAS: 13 - 5 = 8", bytes(0x28, 0xD8, 0x3F), 0x0103, 0x05, 0, 0x0008, AAA_FLAGS,
                A | C),
            Arguments.of("AAM base 10", bytes(0xD4, 0x0A), 0x003F, 0, 0, 0x0603, AAM_FLAGS, P),
            Arguments.of("AAM zero", bytes(0xD4, 0x0A), 0x1200, 0, 0, 0x0000, AAM_FLAGS, Z | P),
            Arguments.of("AAM base 16", bytes(0xD4, 0x10), 0x00AB, 0, 0, 0x0A0B, AAM_FLAGS, 0),
            Arguments.of("AAM largest", bytes(0xD4, 0x0A), 0xABCD00FF, 0, 0, 0xABCD1905, AAM_FLAGS, P),
            Arguments.of("AAD base 10", bytes(0xD5, 0x0A), 0x0607, 0, 0, 0x0043, AAM_FLAGS, 0),
            Arguments.of("AAD 99", bytes(0xD5, 0x0A), 0x0909, 0, 0, 0x0063, AAM_FLAGS, P),
            Arguments.of("AAD wraps AL", bytes(0xD5, 0x0A), 0x5555FFFF, 0, 0, 0x555500F5, AAM_FLAGS, S | P),
            Arguments.of("AAD base 0 just clears AH", bytes(0xD5, 0x00), 0x0100, 0, 0, 0x0000, AAM_FLAGS, Z | P),
            Arguments.of("AAD base 16", bytes(0xD5, 0x10), 0x0A0B, 0, 0, 0x00AB, AAM_FLAGS, S));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void adjust(String what, int[] code, int eax, int ebx, int flagsIn, int eaxOut, int checked, int flagsOut) {
        CpuRig r = flat(flagsIn).set(Cpu.EAX, eax).set(Cpu.EBX, ebx).code(code).run();
        assertThat(r.reg(Cpu.EAX)).as("EAX").isEqualTo(eaxOut);
        assertFlags(r, checked, flagsOut);
    }

    @Test
    void aamBaseZeroIsADivideErrorThatChangesNothing() {
        CpuRig r = flat(S | C).set(Cpu.EAX, 0x1234).code(0xD4, 0x00);
        AluAssert.FaultCatcher f = AluAssert.FaultCatcher.install(r);
        r.step(1);
        assertThat(f.vector).isEqualTo(Exceptions.DE);
        assertThat(f.eip).isEqualTo(CpuRig.CODE);
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0x1234);
        assertFlags(r, OSZAPC, S | C);
    }

    @Test
    void realModeAam() {
        CpuRig r = CpuRig.real().set(Cpu.EAX, 0x0063).code(0xD4, 0x0A).run();
        assertThat(r.reg(Cpu.EAX)).isEqualTo(0x0909);
        assertFlags(r, AAM_FLAGS, P);
    }
}
