package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.Cpu.EAX;
import static org.jinx.cpu.Cpu.ECX;
import static org.jinx.cpu.Cpu.ESP;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;

class BranchTest {
    private static final int CODE = CpuRig.CODE;
    private static final int TOP = CpuRig.STACK_TOP;

    private final CpuRig jccRig = CpuRig.flat32();

    /** Runs Jcc +0x10 with the given flags and reports whether it jumped. */
    private boolean jccTaken(int cc, int flags) {
        CpuRig r = jccRig;
        r.cpu.mem.write8(CODE, 0x70 + cc);
        r.cpu.mem.write8(CODE + 1, 0x10);
        r.cpu.eip = CODE;
        r.cpu.setEflags(flags);
        r.step(1);
        assertThat(r.cpu.eip).isIn(CODE + 2, CODE + 2 + 0x10);
        return r.cpu.eip == CODE + 2 + 0x10;
    }

    @Test
    void jccTestsTheConditionInTheOpcodesLowNibble() {
        // Expected outcomes in condition-code order: O NO B NB E NE BE NBE S NS P NP L NL LE NLE.
        boolean[] zfCf = {false, true, true, false, true, false, true, false, false, true, false, true, false, true, true, false};
        boolean[] sfPf = {false, true, false, true, false, true, false, true, true, false, true, false, true, false, true, false};
        boolean[] ofOnly = {true, false, false, true, false, true, false, true, false, true, false, true, true, false, true, false};
        for (int cc = 0; cc < 16; cc++) {
            assertThat(jccTaken(cc, Cpu.ZF | Cpu.CF)).as("cc %X with ZF CF", cc).isEqualTo(zfCf[cc]);
            assertThat(jccTaken(cc, Cpu.SF | Cpu.PF)).as("cc %X with SF PF", cc).isEqualTo(sfPf[cc]);
            assertThat(jccTaken(cc, Cpu.OF)).as("cc %X with OF", cc).isEqualTo(ofOnly[cc]);
        }
    }

    @Test
    void nearJccWithThirtyTwoBitDisplacementGoesBackwards() {
        CpuRig r = CpuRig.flat32().code(0x0F, 0x85, 0xF0, 0xFF, 0xFF, 0xFF); // jne -16
        r.step(1);
        assertThat(r.cpu.eip).isEqualTo(CODE + 6 - 16);
    }

    @Test
    void takenJccCostsTheTakenCountPlusOne() {
        CpuRig r = CpuRig.flat32().code(0x74, 0x00); // je +0
        r.cpu.setEflags(Cpu.ZF);
        long t0 = r.cpu.clock.cycles();
        r.step(1);
        assertThat(r.cpu.clock.cycles() - t0).isEqualTo(7 + 1);

        r = CpuRig.flat32().code(0x74, 0x00);
        t0 = r.cpu.clock.cycles();
        r.step(1);
        assertThat(r.cpu.clock.cycles() - t0).isEqualTo(3);
    }

    @Test
    void realModeJumpWrapsWithinSixtyFourKilobytes() {
        CpuRig r = CpuRig.real().code(0xE9, 0x00, 0xF0); // jmp near +0xF000
        r.step(1);
        assertThat(r.cpu.eip).isEqualTo(CODE + 3 + 0xF000 & 0xFFFF);
    }

    @Test
    void sixteenBitOperandSizeTruncatesTargets() {
        CpuRig r = CpuRig.flat32().code(0x66, 0xE9, 0x00, 0xE0); // jmp -0x2000 (16-bit)
        r.step(1);
        assertThat(r.cpu.eip).isEqualTo(CODE + 4 - 0x2000 & 0xFFFF);

        r = CpuRig.flat32().code(0x66, 0xFF, 0xE0); // jmp ax
        r.set(EAX, 0x12345678).step(1);
        assertThat(r.cpu.eip).isEqualTo(0x5678);
    }

    @Test
    void shortJumpToItself() {
        CpuRig r = CpuRig.flat32().code(0xEB, 0xFE); // jmp $
        r.step(3);
        assertThat(r.cpu.eip).isEqualTo(CODE);
    }

    @Test
    void callPushesTheReturnAddressAndRetPopsIt() {
        CpuRig r = CpuRig.flat32().code(
                0xE8, 0x05, 0x00, 0x00, 0x00,  // call +5
                0x90, 0x90, 0x90, 0x90, 0x90,
                0xC3);                         // ret
        r.step(1);
        assertThat(r.cpu.eip).isEqualTo(CODE + 10);
        assertThat(r.reg(ESP)).isEqualTo(TOP - 4);
        assertThat(r.peek32(TOP - 4)).isEqualTo(CODE + 5);
        r.step(1);
        assertThat(r.cpu.eip).isEqualTo(CODE + 5);
        assertThat(r.reg(ESP)).isEqualTo(TOP);
    }

    @Test
    void retImmediateReleasesParameters() {
        CpuRig r = CpuRig.flat32().code(0xC2, 0x08, 0x00); // ret 8
        r.set(ESP, TOP - 12).poke32(TOP - 12, 0x2000).step(1);
        assertThat(r.cpu.eip).isEqualTo(0x2000);
        assertThat(r.reg(ESP)).isEqualTo(TOP);
    }

    @Test
    void realModeCallAndRetUseSixteenBitSlots() {
        CpuRig r = CpuRig.real().code(
                0xE8, 0x01, 0x00,         // call +1
                0x90,
                0xC3);                    // ret
        r.poke32(TOP - 4, 0xAAAAAAAA).step(1);
        assertThat(r.reg(ESP)).isEqualTo(TOP - 2);
        assertThat(r.peek32(TOP - 4)).isEqualTo(CODE + 3 << 16 | 0xAAAA);
        assertThat(r.cpu.eip).isEqualTo(CODE + 4);
        r.step(1);
        assertThat(r.cpu.eip).isEqualTo(CODE + 3);
        assertThat(r.reg(ESP)).isEqualTo(TOP);
    }

    @Test
    void indirectCallsAndJumps() {
        CpuRig r = CpuRig.flat32().code(0xFF, 0xD0); // call eax
        r.set(EAX, 0x3000).step(1);
        assertThat(r.cpu.eip).isEqualTo(0x3000);
        assertThat(r.peek32(TOP - 4)).isEqualTo(CODE + 2);

        r = CpuRig.flat32().code(0xFF, 0x15, 0x00, 0x80, 0, 0); // call [0x8000]
        r.poke32(0x8000, 0x4000).step(1);
        assertThat(r.cpu.eip).isEqualTo(0x4000);
        assertThat(r.peek32(TOP - 4)).isEqualTo(CODE + 6);

        r = CpuRig.flat32().code(0xFF, 0x54, 0x24, 0x04); // call [esp+4]: read before the push
        r.poke32(TOP + 4, 0x5000).step(1);
        assertThat(r.cpu.eip).isEqualTo(0x5000);

        r = CpuRig.flat32().code(0xFF, 0x25, 0x00, 0x80, 0, 0); // jmp [0x8000]
        r.poke32(0x8000, 0x6000).step(1);
        assertThat(r.cpu.eip).isEqualTo(0x6000);
        assertThat(r.reg(ESP)).isEqualTo(TOP);
    }

    @Test
    void callOutsideTheCsLimitFaultsBeforePushing() {
        CpuRig r = CpuRig.flat32().code(0xE8, 0x00, 0x20, 0x00, 0x00); // call +0x2000
        r.cpu.seg[Cpu.CS].set(0x08, 0, 0x1FFF, 0x9B, true);
        TrapLog t = TrapLog.on(r.cpu);
        r.poke32(TOP - 4, 0x77777777).step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(t.errorCode).isZero();
        assertThat(t.eip).isEqualTo(CODE);
        assertThat(r.reg(ESP)).isEqualTo(TOP);
        assertThat(r.peek32(TOP - 4)).isEqualTo(0x77777777);
    }

    @Test
    void retOutsideTheCsLimitFaultsWithoutPopping() {
        CpuRig r = CpuRig.flat32().code(0xC3);
        r.cpu.seg[Cpu.CS].set(0x08, 0, 0x1FFF, 0x9B, true);
        TrapLog t = TrapLog.on(r.cpu);
        r.poke32(TOP, 0x2000).step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(r.reg(ESP)).isEqualTo(TOP);
    }

    @Test
    void thirtyTwoBitJumpPastSixtyFourKilobytesInRealModeFaults() {
        CpuRig r = CpuRig.real().code(0x66, 0xE9, 0x00, 0x00, 0x01, 0x00); // jmp +0x10000
        TrapLog t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
    }

    @Test
    void loopCountsEcxDownToZero() {
        CpuRig r = CpuRig.flat32().code(0xE2, 0xFE); // loop $
        r.set(ECX, 5).run();
        assertThat(r.reg(ECX)).isZero();
        assertThat(r.cpu.instructions).isEqualTo(5);
    }

    @Test
    void loopWithZeroCountWrapsAndJumps() {
        CpuRig r = CpuRig.flat32().code(0xE2, 0xFE);
        r.step(1);
        assertThat(r.reg(ECX)).isEqualTo(0xFFFFFFFF);
        assertThat(r.cpu.eip).isEqualTo(CODE);
    }

    @Test
    void loopWithSixteenBitAddressSizeCountsCx() {
        CpuRig r = CpuRig.flat32().code(0x67, 0xE2, 0xFD); // loop $ with CX
        r.set(ECX, 0x10002).run();
        assertThat(r.reg(ECX)).isEqualTo(0x10000);
        assertThat(r.cpu.instructions).isEqualTo(2);
    }

    @Test
    void loopeAndLoopneStopOnZf() {
        CpuRig r = CpuRig.flat32().code(0xE1, 0xFE); // loope $
        r.cpu.setEflags(Cpu.ZF);
        r.set(ECX, 3).run();
        assertThat(r.cpu.instructions).isEqualTo(3);

        r = CpuRig.flat32().code(0xE1, 0xFE); // loope $ with ZF clear: falls through
        r.set(ECX, 3).run();
        assertThat(r.cpu.instructions).isEqualTo(1);
        assertThat(r.reg(ECX)).isEqualTo(2);

        r = CpuRig.flat32().code(0xE0, 0xFE); // loopne $ with ZF set: falls through
        r.cpu.setEflags(Cpu.ZF);
        r.set(ECX, 3).run();
        assertThat(r.cpu.instructions).isEqualTo(1);

        r = CpuRig.flat32().code(0xE0, 0xFE); // loopne $ with ZF clear
        r.set(ECX, 3).run();
        assertThat(r.cpu.instructions).isEqualTo(3);
    }

    @Test
    void loopTargetOutsideCsLimitLeavesEcx() {
        CpuRig r = CpuRig.flat32().code(0xE2, 0x7F); // loop +0x7F
        r.cpu.seg[Cpu.CS].set(0x08, 0, 0x1010, 0x9B, true);
        TrapLog t = TrapLog.on(r.cpu);
        r.set(ECX, 5).step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(r.reg(ECX)).isEqualTo(5);
    }

    @Test
    void jcxzAndJecxzTestTheCountByAddressSize() {
        CpuRig r = CpuRig.flat32().code(0xE3, 0x10); // jecxz
        r.set(ECX, 0x10000).step(1);
        assertThat(r.cpu.eip).isEqualTo(CODE + 2);

        r = CpuRig.flat32().code(0x67, 0xE3, 0x10); // jcxz
        r.set(ECX, 0x10000).step(1);
        assertThat(r.cpu.eip).isEqualTo(CODE + 3 + 0x10);

        r = CpuRig.real().code(0xE3, 0x10); // jcxz in real mode
        r.set(ECX, 0).step(1);
        assertThat(r.cpu.eip).isEqualTo(CODE + 2 + 0x10);
    }
}
