package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.Cpu.EAX;
import static org.jinx.cpu.Cpu.EDX;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;

class IoInsnTest {
    /**
     * Builds a 386 TSS at {@code base} whose I/O map starts right after the 0x68-byte TSS, with
     * the bits of {@code denied} ports set and every other bit up to {@code limit} clear, and
     * makes it the current task's TSS.
     */
    static void tss(CpuRig r, int base, int limit, int[] denied) {
        for (int a = base; a <= base + limit; a++) {
            r.cpu.mem.write8(a, 0);
        }
        r.cpu.mem.write16(base + 0x66, 0x68);
        for (int port : denied) {
            int a = base + 0x68 + (port >>> 3);
            r.cpu.mem.write8(a, r.cpu.mem.read8(a) | 1 << (port & 7));
        }
        r.cpu.tr.set(0x28, base, limit, 0x89, false);
    }

    /** Flat 32-bit mode at CPL 3, IOPL 0, with a TSS that denies {@code denied}. */
    private static CpuRig user(int limit, int... denied) {
        CpuRig r = CpuRig.flat32();
        tss(r, 0x20000, limit, denied);
        r.cpu.cpl = 3;
        return r;
    }

    private static PortLog device(CpuRig r, int port) {
        PortLog dev = new PortLog();
        r.machine.io.register(port, 8, dev, "test");
        return dev;
    }

    @Test
    void inAndOutMoveTheAccumulator() {
        CpuRig r = CpuRig.real().code(
                0xE4, 0x40,               // in al, 0x40
                0x66, 0xED,               // in eax, dx
                0xE6, 0x41,               // out 0x41, al
                0xEF);                    // out dx, ax
        PortLog low = device(r, 0x40);
        PortLog high = device(r, 0x300);
        r.set(EAX, 0x12345678).set(EDX, 0x300).step(1);
        assertThat(r.reg(EAX)).isEqualTo(0x12345601);
        r.step(1);
        assertThat(r.reg(EAX)).isEqualTo(1);
        r.set(EAX, 0xABCD).run();
        assertThat(low.writes).containsExactly(0xCD);
        assertThat(high.writes).containsExactly(0xABCD);
        assertThat(high.writeSizes).containsExactly(2);
    }

    @Test
    void unclaimedPortsReadAllOnes() {
        CpuRig r = CpuRig.flat32().code(
                0xED,                     // in eax, dx
                0xEC);                    // in al, dx
        r.set(EDX, 0x1234).step(1);
        assertThat(r.reg(EAX)).isEqualTo(0xFFFFFFFF);
        r.set(EAX, 0).run();
        assertThat(r.reg(EAX)).isEqualTo(0xFF);
    }

    @Test
    void cplAtMostIoplNeedsNoBitmap() {
        CpuRig r = CpuRig.flat32().code(0xE4, 0x60); // in al, 0x60 at CPL 0 with a 286 TSS
        r.cpu.tr.set(0x28, 0, 0x2B, 0x81, false);
        PortLog dev = device(r, 0x60);
        r.run();
        assertThat(dev.reads).isEqualTo(1);

        r = CpuRig.flat32().code(0xE4, 0x60); // CPL 3, IOPL 3
        r.cpu.tr.set(0x28, 0, 0x2B, 0x81, false);
        r.cpu.cpl = 3;
        r.cpu.setEflags(Cpu.IOPL);
        dev = device(r, 0x60);
        r.run();
        assertThat(dev.reads).isEqualTo(1);
    }

    @Test
    void bitmapAllowsClearBitsAndDeniesSetBits() {
        CpuRig r = user(0x68 + 0x2000, 0x61).code(0xE4, 0x60); // in al, 0x60
        PortLog dev = device(r, 0x60);
        r.run();
        assertThat(dev.reads).isEqualTo(1);

        r = user(0x68 + 0x2000, 0x61).code(0xE4, 0x61); // in al, 0x61
        TrapLog t = TrapLog.on(r.cpu);
        dev = device(r, 0x60);
        r.set(EAX, 0x77).step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(t.errorCode).isZero();
        assertThat(dev.reads).isZero();
        assertThat(r.reg(EAX)).isEqualTo(0x77);
    }

    @Test
    void wideAccessNeedsTheBitOfEveryPort() {
        CpuRig r = user(0x68 + 0x2000, 0x63).code(0xE5, 0x60); // in eax, 0x60: ports 60-63
        TrapLog t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);

        r = user(0x68 + 0x2000, 0x64).code(0xE5, 0x60); // 0x64 is outside the access
        t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(-1);
    }

    @Test
    void accessSpanningTwoBitmapBytesChecksBoth() {
        CpuRig r = user(0x68 + 0x2000, 0x68).code(0x66, 0xE5, 0x67); // in ax, 0x67: ports 67, 68
        TrapLog t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);

        r = user(0x68 + 0x2000).code(0x66, 0xE5, 0x67);
        t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(-1);
    }

    @Test
    void bitsBeyondTheTssLimitDeny() {
        // The limit ends the bitmap after byte 12, which holds ports 0x60-0x67.
        int limit = 0x68 + 12;
        CpuRig r = user(limit).code(0xE4, 0x67); // last port inside
        TrapLog t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(-1);

        r = user(limit).code(0xE4, 0x68); // first port outside
        t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);

        r = user(limit).code(0x66, 0xE5, 0x67); // half inside
        t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
    }

    @Test
    void sixteenBitTssHasNoBitmap() {
        CpuRig r = CpuRig.flat32().code(0xE4, 0x60);
        r.cpu.tr.set(0x28, 0x20000, 0x2B, 0x81, false);
        r.cpu.cpl = 3;
        TrapLog t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
    }

    @Test
    void v86ModeConsultsTheBitmapEvenAtIopl3() {
        CpuRig r = CpuRig.flat32().code(
                0xE4, 0x60,               // in al, 0x60: allowed
                0xE4, 0x61);              // in al, 0x61: denied
        tss(r, 0x20000, 0x68 + 0x2000, new int[] {0x61});
        for (int s = 0; s < 6; s++) {
            r.cpu.seg[s].loadV86(0);
        }
        r.cpu.setEflags(Cpu.VM | Cpu.IOPL);
        r.cpu.cpl = 3;
        TrapLog t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(-1);
        r.step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(t.eip).isEqualTo(CpuRig.CODE + 2);
    }

    @Test
    void protectedModeTimingDependsOnThePrivilegeCheck() {
        CpuRig r = CpuRig.real().code(0xE4, 0x60);
        long t0 = r.cpu.clock.cycles();
        r.run();
        assertThat(r.cpu.clock.cycles() - t0).as("real mode").isEqualTo(12);

        r = CpuRig.flat32().code(0xE4, 0x60);
        t0 = r.cpu.clock.cycles();
        r.run();
        assertThat(r.cpu.clock.cycles() - t0).as("CPL <= IOPL").isEqualTo(6);

        r = user(0x68 + 0x2000).code(0xE4, 0x60);
        t0 = r.cpu.clock.cycles();
        r.run();
        assertThat(r.cpu.clock.cycles() - t0).as("through the bitmap").isEqualTo(26);
    }
}
