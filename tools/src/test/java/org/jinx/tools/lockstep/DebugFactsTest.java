package org.jinx.tools.lockstep;

import static org.assertj.core.api.Assertions.assertThat;

import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The debug-register facts the lockstep steps around, decoded from DR7 as the 386 manual
 * (12.2.4) lays it out: Ln/Gn in bits 2n and 2n+1, R/Wn in bits 16+4n.
 */
class DebugFactsTest {
    private Cpu cpu;
    private int pc;

    @BeforeEach
    void setUp() {
        cpu = new Machine(1 << 20, 1_000_000).cpu;
        pc = cpu.seg[Cpu.CS].base + cpu.eip; // the reset vector, 0xFFFFFFF0
    }

    @Test
    void anEnabledExecuteBreakpointAtThePcFires() {
        cpu.dr[2] = pc;
        cpu.dr[7] = 1 << 5; // G2, R/W2 = 00
        assertThat(DebugFacts.breakpointAt(cpu)).isTrue();
        assertThat(DebugFacts.suppressedBreakpointAt(cpu)).isFalse();
    }

    @Test
    void rfSuppressesIt() {
        cpu.dr[0] = pc;
        cpu.dr[7] = 1;
        cpu.setEflags(cpu.getEflags() | Cpu.RF);
        assertThat(DebugFacts.breakpointAt(cpu)).isFalse();
        assertThat(DebugFacts.suppressedBreakpointAt(cpu)).isTrue();
    }

    @Test
    void aDisabledOrDataBreakpointAtThePcDoesNot() {
        cpu.dr[0] = pc;
        cpu.dr[7] = 0; // L0 = G0 = 0
        assertThat(DebugFacts.breakpointAt(cpu)).isFalse();
        cpu.dr[7] = 1 | 1 << 16; // enabled, but R/W0 = 01: data writes
        assertThat(DebugFacts.breakpointAt(cpu)).isFalse();
        assertThat(DebugFacts.dataBreakpointsArmed(cpu)).isTrue();
    }

    @Test
    void dataBreakpointsCountOnlyWhenEnabled() {
        cpu.dr[7] = 3 << 28; // R/W3 = 11 but L3 = G3 = 0
        assertThat(DebugFacts.dataBreakpointsArmed(cpu)).isFalse();
        cpu.dr[7] |= 1 << 6;
        assertThat(DebugFacts.dataBreakpointsArmed(cpu)).isTrue();
    }
}
