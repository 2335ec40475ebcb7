package org.jinx.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jinx.cpu.Cpu;
import org.junit.jupiter.api.Test;

/**
 * The comparison ignores exactly the flags the manuals leave undefined at the point where a
 * case stopped, and nothing else. No host processor needed.
 */
class ComparisonMaskTest {
    private static Outcome endingAt(TestCase tc, int eflags) {
        Outcome o = new Outcome();
        o.regs[Gen.ESP] = Layout.ESP_START;
        o.eip = Layout.CODE + tc.code().length;
        o.eflags = eflags;
        return o;
    }

    private static List<String> fields(TestCase tc, int hostFlags, int jinxFlags) {
        return Comparison.compare(tc, endingAt(tc, hostFlags), endingAt(tc, jinxFlags)).stream()
                .map(Comparison.Mismatch::field).toList();
    }

    private static TestCase code(int... bytes) {
        return new TestCase(1, new int[] {0, 0, 0, 0, Layout.ESP_START, 0, 0, 0}, 0x202,
                List.of(new Unit.Builder("test").insn(bytes).build()));
    }

    @Test
    void mulLeavesSignZeroAuxiliaryAndParityUndefined() {
        TestCase mul = code(0xF7, 0xE3); // mul ebx
        assertThat(fields(mul, 0x202, 0x202 | Cpu.SF | Cpu.ZF | Cpu.AF | Cpu.PF)).isEmpty();
        assertThat(fields(mul, 0x202, 0x202 | Cpu.CF)).containsExactly("flags");
    }

    @Test
    void overflowIsComparedAfterAShiftByOneOnly() {
        TestCase byOne = new TestCase(1, new int[] {0, 0, 0, 0, Layout.ESP_START, 0, 0, 0}, 0x202,
                List.of(new Unit.Builder("shl").insn(0xB1, 1).counted(1, 0xD3, 0xE0).build()));
        TestCase byThree = new TestCase(1, new int[] {0, 0, 0, 0, Layout.ESP_START, 0, 0, 0}, 0x202,
                List.of(new Unit.Builder("shl").insn(0xB1, 3).counted(3, 0xD3, 0xE0).build()));
        assertThat(fields(byOne, 0x202, 0x202 | Cpu.OF)).containsExactly("flags");
        assertThat(fields(byThree, 0x202, 0x202 | Cpu.OF)).isEmpty();
    }

    @Test
    void aShiftByZeroChangesNoFlagSoAllAreCompared() {
        TestCase byZero = new TestCase(1, new int[] {0, 0, 0, 0, Layout.ESP_START, 0, 0, 0}, 0x202,
                List.of(new Unit.Builder("shl").insn(0xB1, 0x20).counted(0x20, 0xD3, 0xE0).build()));
        assertThat(fields(byZero, 0x202, 0x202 | Cpu.OF | Cpu.AF)).containsExactly("flags");
    }

    @Test
    void directionInterruptAndNestedTaskFlagsAreAlwaysCompared() {
        TestCase div = code(0xF7, 0xF3); // div ebx: every arithmetic flag undefined
        assertThat(fields(div, 0x202, 0x202 | UndefinedFlags.OSZAPC)).isEmpty();
        assertThat(fields(div, 0x202, 0x202 | Cpu.DF)).containsExactly("flags");
        assertThat(fields(div, 0x202 | Cpu.NT, 0x202)).containsExactly("flags");
    }

    @Test
    void writtenBytesMustMatch() {
        TestCase tc = code(0x90);
        Outcome host = endingAt(tc, 0x202);
        Outcome jinx = endingAt(tc, 0x202);
        host.changes = new int[] {0x10 << 8 | 0xAB};
        jinx.changes = new int[] {0x10 << 8 | 0xAC};
        assertThat(Comparison.compare(tc, host, jinx)).extracting(Comparison.Mismatch::field).containsExactly("memory");
        jinx.changes = host.changes.clone();
        assertThat(Comparison.compare(tc, host, jinx)).isEmpty();
    }
}
