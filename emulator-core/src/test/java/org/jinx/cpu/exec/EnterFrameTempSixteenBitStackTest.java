package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.Cpu.EBP;
import static org.jinx.cpu.Cpu.ESP;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.junit.jupiter.api.Test;

/**
 * ENTER with a 32-bit operand on a 16-bit stack (SS.B = 0): the pushes move only SP, and the
 * frame pointer ENTER pushes at the end of the nested copy is the eSP register after the first
 * push, high half included, the same value that lands in EBP. test386.asm (POST 1A,
 * "testENTER32 8,36,16") expects this; the SDM's "FrameTemp := SP" leaves the width open.
 */
class EnterFrameTempSixteenBitStackTest {

    @Test
    void pushedFramePointerKeepsTheHighHalfOfEsp() {
        CpuRig r = CpuRig.flat32().code(0x66, 0xC8, 0x00, 0x00, 0x01); // o32 enter 0, 1 (16-bit code)
        Cpu c = r.cpu;
        c.seg[Cpu.CS].set(0x08, 0, 0xFFFF, 0x9B, false);
        c.seg[Cpu.SS].set(0x10, 0, 0xFFFF, 0x93, false);
        r.set(ESP, 0x00010000).set(EBP, 0x00015555).run();

        // SP wrapped 0 -> FFFC -> FFF8; the high half of ESP (1) is untouched by 16-bit stack pushes.
        assertThat(r.reg(ESP)).isEqualTo(0x0001FFF8);
        assertThat(r.reg(EBP)).isEqualTo(0x0001FFFC);
        assertThat(r.peek32(0xFFFC)).isEqualTo(0x00015555);
        assertThat(r.peek32(0xFFF8)).isEqualTo(0x0001FFFC);
    }
}
