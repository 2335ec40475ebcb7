package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.Cpu.EAX;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;

class MiscTest {
    @Test
    void nopChangesOnlyEip() {
        CpuRig r = CpuRig.flat32().code(0x90);
        r.set(EAX, 0x1234).run();
        assertThat(r.cpu.eip).isEqualTo(CpuRig.CODE + 1);
        assertThat(r.reg(EAX)).isEqualTo(0x1234);
        assertThat(r.flags()).isEqualTo(0x2);
    }

    /** BOUND eax, [0x8000] (or BOUND ax with a 66 prefix) with the given index and bounds. */
    private static TrapLog bound(boolean o16, int index, int lower, int upper) {
        CpuRig r = o16 ? CpuRig.flat32().code(0x66, 0x62, 0x05, 0x00, 0x80, 0, 0)
                : CpuRig.flat32().code(0x62, 0x05, 0x00, 0x80, 0, 0);
        if (o16) {
            r.poke32(0x8000, upper << 16 | lower & 0xFFFF);
        } else {
            r.poke32(0x8000, lower).poke32(0x8004, upper);
        }
        TrapLog t = TrapLog.on(r.cpu);
        r.set(EAX, index).step(1);
        return t;
    }

    @Test
    void boundRaisesBrOutsideTheSignedRange() {
        assertThat(bound(false, 5, 0, 10).vector).isEqualTo(-1);
        assertThat(bound(false, 10, 0, 10).vector).as("upper bound is inclusive").isEqualTo(-1);
        assertThat(bound(false, 11, 0, 10).vector).isEqualTo(Exceptions.BR);
        assertThat(bound(false, -1, 0, 10).vector).as("signed").isEqualTo(Exceptions.BR);
        assertThat(bound(false, -5, -10, -1).vector).isEqualTo(-1);
        TrapLog t = bound(false, 20, 0, 10);
        assertThat(t.errorCode).as("no error code").isEqualTo(-1);
        assertThat(t.eip).isEqualTo(CpuRig.CODE);
    }

    @Test
    void sixteenBitBoundUsesWordBoundsAndTheLowWordOfTheIndex() {
        assertThat(bound(true, 0x7FFF0003, -2, 4).vector).isEqualTo(-1);
        assertThat(bound(true, 0xFFFD, -2, 4).vector).as("-3 < -2").isEqualTo(Exceptions.BR);
        assertThat(bound(true, 0xFFFE, -2, 4).vector).isEqualTo(-1);
    }

    private static TrapLog run(int cr0, int... code) {
        CpuRig r = CpuRig.flat32().code(code);
        r.cpu.cr0 |= cr0;
        TrapLog t = TrapLog.on(r.cpu);
        r.step(1);
        if (t.vector < 0) {
            assertThat(r.cpu.eip).isEqualTo(CpuRig.CODE + code.length);
        }
        return t;
    }

    @Test
    void waitFaultsOnlyWithMpAndTs() {
        assertThat(run(0, 0x9B).vector).isEqualTo(-1);
        assertThat(run(Cpu.CR0_TS, 0x9B).vector).isEqualTo(-1);
        assertThat(run(Cpu.CR0_MP, 0x9B).vector).isEqualTo(-1);
        assertThat(run(Cpu.CR0_MP | Cpu.CR0_TS, 0x9B).vector).isEqualTo(Exceptions.NM);
    }

    @Test
    void escapeFaultsWithEmOrTsAndIsIgnoredOtherwise() {
        int[] fldMem = {0xD9, 0x05, 0x00, 0x80, 0, 0}; // fld dword [0x8000]
        assertThat(run(0, fldMem).vector).isEqualTo(-1);
        assertThat(run(Cpu.CR0_EM, fldMem).vector).isEqualTo(Exceptions.NM);
        assertThat(run(Cpu.CR0_TS, fldMem).vector).isEqualTo(Exceptions.NM);
        assertThat(run(0, 0xDB, 0xE3).vector).as("fninit").isEqualTo(-1);
    }

    @Test
    void undefinedOpcodeIsInvalid() {
        assertThat(run(0, 0x0F, 0xFF).vector).isEqualTo(Exceptions.UD);
    }
}
