package org.jinx.tools.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jinx.cpu.Cpu;
import org.junit.jupiter.api.Test;

/** The comparison after a step: every register bit for bit, EFLAGS less the ignored flags. */
class RegisterComparisonTest {
    private static final Registers BASE = Registers.of(new int[Registers.COUNT]).with(Registers.EFLAGS, 0x2);

    @Test
    void equalSetsHaveNoMismatch() {
        assertThat(RegisterComparison.compare(BASE, BASE.with(Registers.EFLAGS, 0x2), 0)).isEmpty();
    }

    @Test
    void ignoredFlagsDoNotCountButOthersDo() {
        Registers jinx = BASE.with(Registers.EFLAGS, 0x2 | Cpu.OF | Cpu.CF);
        Registers qemu = BASE.with(Registers.EFLAGS, 0x2 | Cpu.CF);
        assertThat(RegisterComparison.compare(jinx, qemu, Cpu.OF)).isEmpty();
        List<RegisterComparison.Mismatch> m = RegisterComparison.compare(jinx, qemu, Cpu.AF);
        assertThat(m).hasSize(1);
        assertThat(m.get(0).toString()).contains("eflags").contains("differ in OF");
    }

    @Test
    void ignoredFlagsApplyToEflagsOnly() {
        Registers jinx = BASE.with(Registers.EAX, Cpu.OF);
        assertThat(RegisterComparison.compare(jinx, BASE, Cpu.OF)).extracting(RegisterComparison.Mismatch::name)
                .containsExactly("eax");
    }

    @Test
    void reportsEveryDifferingRegisterInOrder() {
        Registers jinx = BASE.with(Registers.CR2, 0x1000).with(Registers.ESP, 0x7FFC).with(Registers.SS, 0x10);
        List<RegisterComparison.Mismatch> m = RegisterComparison.compare(jinx, BASE, 0);
        assertThat(m).extracting(RegisterComparison.Mismatch::name).containsExactly("esp", "ss", "cr2");
        assertThat(m.get(0)).isEqualTo(new RegisterComparison.Mismatch(Registers.ESP, 0x7FFC, 0));
        assertThat(m.get(1).toString()).isEqualTo("ss: jinx 0010, qemu 0000");
    }
}
