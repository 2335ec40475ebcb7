package org.jinx.tools.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small programs ({@code src/test/guest/lockstep}) under QEMU (skipped without it). Each entry
 * of the deviation table that a program can provoke is provoked: the lockstep explains it (and,
 * for STOP entries, ends there). A difference that is in no table is reported as a divergence.
 * The ways a run can end together: exit, HLT with nothing to wake the CPU, triple fault.
 */
class SmallProgramsLockstepTest {
    static Stream<Arguments> programs() {
        return Stream.of(
                Arguments.of("lock_mov", LockstepResult.End.STOPPED_AT_DEVIATION, QemuDeviation.LOCK_MOV),
                Arguments.of("segment_wrap", LockstepResult.End.STOPPED_AT_DEVIATION, QemuDeviation.DATA_SEGMENT_CHECKS),
                Arguments.of("cr0_pg_without_pe", LockstepResult.End.STOPPED_AT_DEVIATION, QemuDeviation.CR0_PG_WITHOUT_PE),
                Arguments.of("dr7_general_detect", LockstepResult.End.STOPPED_AT_DEVIATION,
                        QemuDeviation.DR7_GENERAL_DETECT),
                Arguments.of("cpuid", LockstepResult.End.STOPPED_AT_DEVIATION, QemuDeviation.LATER_PROCESSOR_OPCODES),
                Arguments.of("sidt_after_reset", LockstepResult.End.EXITED, QemuDeviation.IDTR_LIMIT_AFTER_RESET),
                Arguments.of("cr0_et_write", LockstepResult.End.EXITED, QemuDeviation.CR0_WRITE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void isExplainedByItsEntry(String program, LockstepResult.End end, QemuDeviation deviation) throws Exception {
        TestRoms.assumeToolsAndQemu();
        LockstepResult r = Lockstep.run(TestRoms.deviation(program), Lockstep.Options.defaults());
        assertThat(r.divergence()).as(r.summary()).isNull();
        assertThat(r.end()).as(r.summary()).isEqualTo(end);
        assertThat(r.explained()).as(r.summary()).containsKey(deviation);
        assertThat(r.agrees()).isTrue();
    }

    @Test
    void aCleanProgramEndsTogetherWithTheSameOutput() throws Exception {
        TestRoms.assumeToolsAndQemu();
        LockstepResult r = Lockstep.run(TestRoms.deviation("clean_exit"), Lockstep.Options.defaults());
        assertThat(r.end()).as(r.divergence()).isEqualTo(LockstepResult.End.EXITED);
        assertThat(r.jinxOutput()).isEqualTo("ok\n").isEqualTo(r.qemuOutput());
        assertThat(r.jinxStatus()).isEqualTo(1).isEqualTo(r.qemuStatus());
        assertThat(r.explained().keySet()).containsOnly(QemuDeviation.RESET_EDX, QemuDeviation.RESET_CR0);
    }

    @Test
    void aDifferenceInNoTableIsReportedWithTheInstructionAndBothRegisterSets() throws Exception {
        TestRoms.assumeToolsAndQemu();
        LockstepResult r = Lockstep.run(TestRoms.deviation("pic_mask_read"), Lockstep.Options.defaults());
        assertThat(r.end()).isEqualTo(LockstepResult.End.DIVERGED);
        assertThat(r.agrees()).isFalse();
        assertThat(r.divergence())
                .contains("eax: jinx 000000ff, qemu 00000000")
                .contains(">> ")
                .contains("in     al,0x21")
                .contains("jinx:").contains("qemu:");
    }

    @Test
    void bothHaltOnTheSameHlt() throws Exception {
        TestRoms.assumeToolsAndQemu();
        LockstepResult r = Lockstep.run(TestRoms.deviation("halt"), Lockstep.Options.defaults());
        assertThat(r.end()).as(r.divergence()).isEqualTo(LockstepResult.End.HALTED);
        assertThat(r.agrees()).isTrue();
    }

    @Test
    void bothShutDownOnTheSameTripleFault() throws Exception {
        TestRoms.assumeToolsAndQemu();
        LockstepResult r = Lockstep.run(TestRoms.deviation("triple_fault"), Lockstep.Options.defaults());
        assertThat(r.end()).as(r.divergence()).isEqualTo(LockstepResult.End.SHUTDOWN);
        assertThat(r.agrees()).isTrue();
    }

    @Test
    void theStepLimitEndsARunInAgreement() throws Exception {
        TestRoms.assumeToolsAndQemu();
        LockstepResult r = Lockstep.run(TestRoms.deviation("clean_exit"),
                new Lockstep.Options(QemuTarget.DEFAULT_BINARY, 5, 12));
        assertThat(r.end()).isEqualTo(LockstepResult.End.STEP_LIMIT);
        assertThat(r.steps()).isEqualTo(5);
        assertThat(r.explained()).isEqualTo(Map.of(QemuDeviation.RESET_EDX, 1, QemuDeviation.RESET_CR0, 1));
    }
}
