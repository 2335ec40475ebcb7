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
    private static final DecodedInsn BT = Decoder.decode(new byte[] {0x0F, (byte) 0xA3, (byte) 0xC8}, 0, true);
    private static final QemuDeviation.Step STEP = new QemuDeviation.Step(BT, AFTER, true);

    private static RegisterComparison.Mismatch flags(int jinx, int qemu) {
        return new RegisterComparison.Mismatch(Registers.EFLAGS, 0x2 | jinx, 0x2 | qemu);
    }

    @Test
    void flagsTheEntryToleratesAreExplainedByIt() {
        assertThat(Explanation.of(STEP, List.of(flags(Cpu.SF, Cpu.PF)), 0)).containsExactly(QemuDeviation.BIT_TEST_FLAGS);
    }

    @Test
    void oneUncoveredBitLeavesTheWholeDifferenceUnexplained() {
        assertThat(Explanation.of(STEP, List.of(flags(Cpu.SF | Cpu.CF, 0)), 0)).as("CF is BT's result").isNull();
    }

    @Test
    void undefinedFlagsPassedAsIgnoredAreNotHeldAgainstIt() {
        assertThat(Explanation.of(STEP, List.of(flags(Cpu.SF | Cpu.CF, 0)), Cpu.CF)).isNotNull();
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
