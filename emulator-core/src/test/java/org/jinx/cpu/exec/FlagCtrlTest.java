package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.Cpu.EAX;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;

class FlagCtrlTest {
    private static int flagsAfter(int initial, int... code) {
        CpuRig r = CpuRig.flat32().code(code);
        r.cpu.setEflags(initial);
        return r.run().flags();
    }

    @Test
    void carryAndDirectionInstructions() {
        assertThat(flagsAfter(Cpu.CF | Cpu.ZF, 0xF8) & (Cpu.CF | Cpu.ZF)).as("CLC").isEqualTo(Cpu.ZF);
        assertThat(flagsAfter(0, 0xF9) & Cpu.CF).as("STC").isEqualTo(Cpu.CF);
        assertThat(flagsAfter(0, 0xF5) & Cpu.CF).as("CMC from 0").isEqualTo(Cpu.CF);
        assertThat(flagsAfter(Cpu.CF, 0xF5) & Cpu.CF).as("CMC from 1").isZero();
        assertThat(flagsAfter(0, 0xFD) & Cpu.DF).as("STD").isEqualTo(Cpu.DF);
        assertThat(flagsAfter(Cpu.DF, 0xFC) & Cpu.DF).as("CLD").isZero();
    }

    @Test
    void cliAndStiInRealMode() {
        assertThat(flagsAfter(Cpu.IF, 0xFA) & Cpu.IF).isZero();
        CpuRig r = CpuRig.real().code(0xFB).run();
        assertThat(r.flags() & Cpu.IF).isEqualTo(Cpu.IF);
    }

    @Test
    void cliAboveIoplIsGeneralProtection() {
        CpuRig r = CpuRig.flat32().code(0xFA);
        r.cpu.setEflags(Cpu.IF | 0x1000); // IOPL 1
        r.cpu.cpl = 2;
        TrapLog t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(t.errorCode).isZero();
        assertThat(r.flags() & Cpu.IF).isEqualTo(Cpu.IF);
    }

    @Test
    void cliAtIoplIsAllowed() {
        CpuRig r = CpuRig.flat32().code(0xFA);
        r.cpu.setEflags(Cpu.IF | Cpu.IOPL);
        r.cpu.cpl = 3;
        r.run();
        assertThat(r.flags() & Cpu.IF).isZero();
    }

    @Test
    void stiInV86NeedsIopl3() {
        for (int iopl = 0; iopl < 4; iopl++) {
            CpuRig r = CpuRig.flat32().code(0xFB);
            for (int s = 0; s < 6; s++) {
                r.cpu.seg[s].loadV86(0);
            }
            r.cpu.setEflags(Cpu.VM | iopl << 12);
            r.cpu.cpl = 3;
            TrapLog t = TrapLog.on(r.cpu);
            r.step(1);
            if (iopl < 3) {
                assertThat(t.vector).as("IOPL %d", iopl).isEqualTo(Exceptions.GP);
                assertThat(r.flags() & Cpu.IF).isZero();
            } else {
                assertThat(t.vector).isEqualTo(-1);
                assertThat(r.flags() & Cpu.IF).isEqualTo(Cpu.IF);
            }
        }
    }

    @Test
    void stiHoldsOffInterruptsOnlyWhenIfWasClear() {
        CpuRig r = CpuRig.real().code(0xFB, 0x90, 0x90); // sti; nop; nop
        TrapLog t = TrapLog.on(r.cpu);
        r.poke32(0x20 * 4, 0x00003000);
        t.irqPending = true;
        r.step(2);
        assertThat(r.cpu.eip).as("the instruction after STI runs first").isEqualTo(CpuRig.CODE + 2);
        r.step(1);
        assertThat(r.cpu.eip).isEqualTo(0x3000);

        r = CpuRig.real().code(0xFB, 0x90);
        r.cpu.setEflags(Cpu.IF);
        r.step(1);
        assertThat(r.cpu.inhibitInterrupts).as("IF was already set").isFalse();
    }

    @Test
    void lahfAndSahfMoveTheLowFlags() {
        CpuRig r = CpuRig.flat32().code(0x9F); // lahf
        r.cpu.setEflags(Cpu.SF | Cpu.ZF | Cpu.AF | Cpu.PF | Cpu.CF | Cpu.OF | Cpu.DF);
        r.set(EAX, 0x12340078).run();
        assertThat(r.reg(EAX)).isEqualTo(0x1234D778);

        r = CpuRig.flat32().code(0x9E); // sahf
        r.cpu.setEflags(Cpu.OF | Cpu.DF | Cpu.ZF);
        r.set(EAX, 0xBFFF).run(); // AH: every bit but ZF
        assertThat(r.flags()).isEqualTo(0x2 | Cpu.OF | Cpu.DF | Cpu.SF | Cpu.AF | Cpu.PF | Cpu.CF);
    }

    @Test
    void salcCopiesCarryIntoAl() {
        CpuRig r = CpuRig.flat32().code(0xD6);
        r.cpu.setEflags(Cpu.CF);
        r.set(EAX, 0x12345600).run();
        assertThat(r.reg(EAX)).isEqualTo(0x123456FF);

        r = CpuRig.flat32().code(0xD6);
        r.set(EAX, 0x123456AA).run();
        assertThat(r.reg(EAX)).isEqualTo(0x12345600);
        assertThat(r.flags() & Cpu.CF).isZero();
    }
}
