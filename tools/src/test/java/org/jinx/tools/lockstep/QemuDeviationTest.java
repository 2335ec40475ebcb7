package org.jinx.tools.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Decoder;
import org.junit.jupiter.api.Test;

/**
 * The deviation table's conditions: each entry tolerates exactly the register bits of the
 * instructions it names, nothing after a faulting step, and the STOP entries recognise their
 * condition from the state before the instruction.
 */
class QemuDeviationTest {
    private static final Registers AFTER = Registers.of(new int[Registers.COUNT]).with(Registers.EFLAGS, 0x2);

    private static DecodedInsn insn(boolean code32, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Decoder.decode(b, 0, code32);
    }

    private static int tolerated(DecodedInsn d, int register) {
        return QemuDeviation.tolerated(new QemuDeviation.Step(d, AFTER, true), register);
    }

    @Test
    void dr6ReservedBitsOnlyForMovFromDr6IntoItsDestination() {
        DecodedInsn movEaxDr6 = insn(true, 0x0F, 0x21, 0xF0);
        assertThat(tolerated(movEaxDr6, Registers.EAX)).isEqualTo(0xFFFF1FF0);
        assertThat(tolerated(movEaxDr6, Registers.ECX)).isZero();
        assertThat(tolerated(insn(true, 0x0F, 0x21, 0xF8), Registers.EAX)).as("MOV EAX, DR7").isZero();
    }

    @Test
    void selectorStoresToA32BitRegisterToleranceIsTheUpperHalf() {
        assertThat(tolerated(insn(true, 0x0F, 0x00, 0xC8), Registers.EAX)).as("STR EAX").isEqualTo(0xFFFF0000);
        assertThat(tolerated(insn(true, 0x66, 0x0F, 0x00, 0xC8), Registers.EAX)).as("STR AX").isZero();
        assertThat(tolerated(insn(true, 0x0F, 0x01, 0xE3), Registers.EBX)).as("SMSW EBX").isEqualTo(0xFFFF0000);
    }

    @Test
    void nothingIsToleratedAfterAFaultOrForOrdinaryInstructions() {
        DecodedInsn movEaxDr6 = insn(true, 0x0F, 0x21, 0xF0);
        assertThat(QemuDeviation.tolerated(new QemuDeviation.Step(movEaxDr6, AFTER, false), Registers.EAX)).isZero();
        for (int r = 0; r < Registers.COUNT; r++) {
            assertThat(tolerated(insn(true, 0x01, 0xC8), r)).as(Registers.NAMES[r]).isZero(); // ADD EAX, ECX
        }
    }

    @Test
    void cr0WritesTolerateCdNwAndEt() {
        int bits = tolerated(insn(true, 0x0F, 0x22, 0xC0), Registers.CR0); // MOV CR0, EAX
        assertThat(bits).isEqualTo(1 << 30 | 1 << 29 | Cpu.CR0_ET);
    }

    @Test
    void stopConditionsAreRecognisedBeforeTheInstruction() {
        Cpu cpu = new Machine(1 << 20, 1_000_000).cpu; // real mode, DS limit 0xFFFF
        assertThat(QemuDeviation.predictedStop(insn(false, 0xF0, 0x89, 0x06, 0x00, 0x05), cpu))
                .as("LOCK MOV [0x500], AX").isEqualTo(QemuDeviation.LOCK_MOV);
        assertThat(QemuDeviation.predictedStop(insn(false, 0xF0, 0x01, 0x06, 0x00, 0x05), cpu))
                .as("LOCK ADD [0x500], AX is legal").isNull();
        assertThat(QemuDeviation.predictedStop(insn(false, 0xA1, 0xFF, 0xFF), cpu))
                .as("MOV AX, [0xFFFF] runs past the limit").isEqualTo(QemuDeviation.DATA_SEGMENT_CHECKS);
        assertThat(QemuDeviation.predictedStop(insn(false, 0xA1, 0xFE, 0xFF), cpu)).as("[0xFFFE] fits").isNull();
        assertThat(QemuDeviation.predictedStop(insn(false, 0x0F, 0xA2), cpu)).isEqualTo(QemuDeviation.LATER_PROCESSOR_OPCODES);
        cpu.reg[Cpu.EAX] = 0x80000010;
        assertThat(QemuDeviation.predictedStop(insn(false, 0x0F, 0x22, 0xC0), cpu))
                .isEqualTo(QemuDeviation.CR0_PG_WITHOUT_PE);
        cpu.reg[Cpu.EAX] = 0x80000011;
        assertThat(QemuDeviation.predictedStop(insn(false, 0x0F, 0x22, 0xC0), cpu)).isNull();
        cpu.dr[7] = 1 << 13;
        assertThat(QemuDeviation.predictedStop(insn(false, 0x0F, 0x21, 0xC0), cpu)).isEqualTo(QemuDeviation.DR7_GENERAL_DETECT);
    }

    @Test
    void onlyOpcodesOfLaterProcessorsAreExcused() {
        assertThat(QemuDeviation.laterOpcode(insn(true, 0x0F, 0xC8))).as("BSWAP EAX").isTrue();
        assertThat(QemuDeviation.laterOpcode(insn(true, 0x0F, 0x0B))).as("UD2 is #UD everywhere").isFalse();
        assertThat(QemuDeviation.laterOpcode(insn(true, 0xD7))).as("XLAT is a 386 instruction").isFalse();
    }
}
