package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.Cpu.EBP;
import static org.jinx.cpu.Cpu.ESP;

import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.PageTableBuilder;
import org.junit.jupiter.api.Test;

/**
 * ENTER raises #PF when a write at the final stack pointer (after the frame allocation) would
 * fault, even though its own pushes land on a present page (386 PRM and SDM, ENTER,
 * "Protected Mode Exceptions"). The check comes first, so the fault leaves eSP, eBP and the
 * stack memory as they were and the instruction restarts cleanly. test386.asm (POST 1A) checks
 * this from ring 3.
 */
class EnterFinalStackPageFaultTest {
    private static final int PUSHED = 0x7000;   // where "push ebp" goes: a present page
    private static final int FINAL = 0x6FF8;    // final ESP after allocating 8 bytes: not present

    @Test
    void allocationReachingAnUnmappedPageFaultsBeforeAnyPush() {
        CpuRig r = CpuRig.flat32().code(0xC8, 0x08, 0x00, 0x00); // enter 8, 0
        PageTableBuilder.identity(r).unmap(FINAL);
        TrapLog t = TrapLog.on(r.cpu);
        r.set(ESP, PUSHED + 4).set(EBP, 0x12345678).poke32(PUSHED, 0xCAFEF00D).step(1);

        assertThat(t.vector).isEqualTo(Exceptions.PF);
        assertThat(t.errorCode).isEqualTo(2); // not present, write, supervisor
        assertThat(r.cpu.cr2).isEqualTo(FINAL);
        assertThat(t.eip).isEqualTo(CpuRig.CODE);
        assertThat(r.reg(ESP)).isEqualTo(PUSHED + 4);
        assertThat(r.reg(EBP)).isEqualTo(0x12345678);
        assertThat(r.peek32(PUSHED)).isEqualTo(0xCAFEF00D);
    }

    @Test
    void allocationWithinMappedPagesCompletes() {
        CpuRig r = CpuRig.flat32().code(0xC8, 0x08, 0x00, 0x00); // enter 8, 0
        PageTableBuilder.identity(r);
        r.set(ESP, PUSHED + 4).set(EBP, 0x12345678).run();

        assertThat(r.reg(ESP)).isEqualTo(FINAL);
        assertThat(r.reg(EBP)).isEqualTo(PUSHED);
        assertThat(r.peek32(PUSHED)).isEqualTo(0x12345678);
    }
}
