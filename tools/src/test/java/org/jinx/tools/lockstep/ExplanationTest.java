package org.jinx.tools.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Decoder;
import org.junit.jupiter.api.Test;

/**
 * A difference is explained only when every differing bit is tolerated by some entry for the
 * instruction just run; then Jinx takes exactly those bits from QEMU.
 */
class ExplanationTest {
    private static final Registers AFTER = Registers.of(new int[Registers.COUNT]).with(Registers.EFLAGS, 0x2);
    /** MOV CR0, EAX: CR0_WRITE tolerates CD, NW and ET in CR0. */
    private static final DecodedInsn MOV_CR0 = Decoder.decode(new byte[] {0x0F, 0x22, (byte) 0xC0}, 0, true);
    private static final QemuDeviation.Step STEP = new QemuDeviation.Step(MOV_CR0, AFTER, true);
    private static final int ET = Cpu.CR0_ET, NW = 1 << 29;

    private static RegisterComparison.Mismatch flags(int jinx, int qemu) {
        return new RegisterComparison.Mismatch(Registers.EFLAGS, 0x2 | jinx, 0x2 | qemu);
    }

    private static RegisterComparison.Mismatch cr0(int jinx, int qemu) {
        return new RegisterComparison.Mismatch(Registers.CR0, Cpu.CR0_PE | jinx, Cpu.CR0_PE | qemu);
    }

    @Test
    void bitsTheEntryToleratesAreExplainedByIt() {
        assertThat(Explanation.of(STEP, List.of(cr0(0, NW | ET)), 0)).containsExactly(QemuDeviation.CR0_WRITE);
    }

    @Test
    void oneUncoveredBitLeavesTheWholeDifferenceUnexplained() {
        assertThat(Explanation.of(STEP, List.of(cr0(0, ET | Cpu.CR0_TS)), 0)).as("TS is not excused").isNull();
        assertThat(Explanation.of(STEP, List.of(cr0(0, ET), flags(Cpu.CF, 0)), 0)).as("nor are MOV's flags").isNull();
    }

    @Test
    void undefinedFlagsPassedAsIgnoredAreNotHeldAgainstIt() {
        assertThat(Explanation.of(STEP, List.of(cr0(0, ET), flags(Cpu.CF, 0)), Cpu.CF))
                .containsExactly(QemuDeviation.CR0_WRITE);
    }

    @Test
    void registersJinxCannotTakeFromQemuAreNeverExplained() {
        RegisterComparison.Mismatch eip = new RegisterComparison.Mismatch(Registers.EIP, 0x100, 0x104);
        assertThat(Explanation.of(STEP, List.of(eip), 0)).isNull();
    }

    @Test
    void adoptionCopiesOnlyTheDifferingBits() {
        Cpu cpu = new Machine(1 << 20, 1_000_000).cpu;
        cpu.setEflags(0x2 | Cpu.SF | Cpu.CF | Cpu.IF);
        cpu.reg[Cpu.EAX] = 0x0000_1234;
        Explanation.adopt(cpu, List.of(
                flags(Cpu.SF | Cpu.CF | Cpu.IF, Cpu.PF | Cpu.CF | Cpu.IF),
                new RegisterComparison.Mismatch(Registers.EAX, 0x0000_1234, 0xFFFF_1234)), 0);
        assertThat(cpu.getEflags()).isEqualTo(0x2 | Cpu.PF | Cpu.CF | Cpu.IF);
        assertThat(cpu.reg[Cpu.EAX]).isEqualTo(0xFFFF_1234);
    }
}
