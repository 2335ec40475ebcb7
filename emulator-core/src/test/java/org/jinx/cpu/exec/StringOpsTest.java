package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.Cpu.EAX;
import static org.jinx.cpu.Cpu.ECX;
import static org.jinx.cpu.Cpu.EDI;
import static org.jinx.cpu.Cpu.EDX;
import static org.jinx.cpu.Cpu.ESI;
import static org.jinx.cpu.Cpu.ESP;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;

class StringOpsTest {
    private static final int CODE = CpuRig.CODE;

    private static void fill(CpuRig r, int addr, int n, int seed) {
        for (int i = 0; i < n; i++) {
            r.cpu.mem.write8(addr + i, seed + i * 7);
        }
    }

    private static void assertCopied(CpuRig r, int from, int to, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(r.peek8(to + i)).as("byte %d", i).isEqualTo(r.peek8(from + i));
        }
    }

    @Test
    void movsMovesOneElementAndStepsBothPointers() {
        CpuRig r = CpuRig.flat32().code(0xA4); // movsb
        r.cpu.mem.write8(0x8000, 0x5A);
        r.set(ESI, 0x8000).set(EDI, 0x9000).run();
        assertThat(r.peek8(0x9000)).isEqualTo(0x5A);
        assertThat(r.reg(ESI)).isEqualTo(0x8001);
        assertThat(r.reg(EDI)).isEqualTo(0x9001);
    }

    @Test
    void directionFlagMovesPointersDown() {
        CpuRig r = CpuRig.flat32().code(0xA5); // movsd
        r.cpu.setEflags(Cpu.DF);
        r.poke32(0x8000, 0x01020304).set(ESI, 0x8000).set(EDI, 0x9000).run();
        assertThat(r.peek32(0x9000)).isEqualTo(0x01020304);
        assertThat(r.reg(ESI)).isEqualTo(0x7FFC);
        assertThat(r.reg(EDI)).isEqualTo(0x8FFC);
    }

    @Test
    void repMovsdCopiesCountElements() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xA5); // rep movsd
        fill(r, 0x8000, 64, 3);
        r.set(ESI, 0x8000).set(EDI, 0x9000).set(ECX, 16).run();
        assertCopied(r, 0x8000, 0x9000, 64);
        assertThat(r.peek32(0x9040)).isZero();
        assertThat(r.reg(ECX)).isZero();
        assertThat(r.reg(ESI)).isEqualTo(0x8040);
        assertThat(r.reg(EDI)).isEqualTo(0x9040);
    }

    @Test
    void repMovswBackwardsCopiesFromTheTop() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0x66, 0xA5); // rep movsw
        r.cpu.setEflags(Cpu.DF);
        fill(r, 0x8000, 8, 1);
        r.set(ESI, 0x8006).set(EDI, 0x9006).set(ECX, 4).run();
        assertCopied(r, 0x8000, 0x9000, 8);
        assertThat(r.reg(ESI)).isEqualTo(0x7FFE);
        assertThat(r.reg(EDI)).isEqualTo(0x8FFE);
    }

    @Test
    void overlappingForwardMovsbReplicatesTheFirstByte() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xA4); // rep movsb with EDI = ESI + 1
        r.cpu.mem.write8(0x8000, 0x5A);
        r.set(ESI, 0x8000).set(EDI, 0x8001).set(ECX, 100).run();
        for (int i = 0; i <= 100; i++) {
            assertThat(r.peek8(0x8000 + i)).as("byte %d", i).isEqualTo(0x5A);
        }
    }

    @Test
    void misalignedElementsAcrossAPageBoundary() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xA5); // rep movsd
        fill(r, 0x7FF5, 24, 9);
        r.set(ESI, 0x7FF5).set(EDI, 0x8FF6).set(ECX, 6).run();
        assertCopied(r, 0x7FF5, 0x8FF6, 24);
        assertThat(r.reg(EDI)).isEqualTo(0x8FF6 + 24);
    }

    @Test
    void sixteenBitAddressesWrapAndKeepUpperHalves() {
        CpuRig r = CpuRig.real().code(0xF3, 0xA4); // rep movsb with SI, DI, CX
        r.cpu.seg[Cpu.DS].loadReal(0x1000);
        r.cpu.seg[Cpu.ES].loadReal(0x2000);
        r.cpu.mem.write8(0x1FFFE, 0x11);
        r.cpu.mem.write8(0x1FFFF, 0x22);
        r.cpu.mem.write8(0x10000, 0x33);
        r.cpu.mem.write8(0x10001, 0x44);
        r.set(ESI, 0xABCDFFFE).set(EDI, 0x55550000).set(ECX, 0x77770004).run();
        assertThat(r.peek32(0x20000)).isEqualTo(0x44332211);
        assertThat(r.reg(ESI)).isEqualTo(0xABCD0002);
        assertThat(r.reg(EDI)).isEqualTo(0x55550004);
        assertThat(r.reg(ECX)).isEqualTo(0x77770000);
    }

    @Test
    void repWithZeroCountDoesNothing() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xA5);
        r.poke32(0x8000, 0x12345678).set(ESI, 0x8000).set(EDI, 0x9000).set(ECX, 0).run();
        assertThat(r.peek32(0x9000)).isZero();
        assertThat(r.reg(ESI)).isEqualTo(0x8000);
        assertThat(r.reg(EDI)).isEqualTo(0x9000);

        r = CpuRig.real().code(0xF3, 0xAA); // rep stosb, CX = 0 although ECX is not
        r.set(EAX, 0xFF).set(EDI, 0x9000).set(ECX, 0x10000).run();
        assertThat(r.peek8(0x9000)).isZero();
        assertThat(r.reg(ECX)).isEqualTo(0x10000);
    }

    @Test
    void sourceSegmentOverrideDoesNotMoveTheDestination() {
        CpuRig r = CpuRig.flat32().code(0x64, 0xF3, 0xA4); // rep movsb fs:[esi] -> es:[edi]
        r.cpu.seg[Cpu.FS].set(0x18, 0x10000, 0xFFFF, 0x93, false);
        r.cpu.seg[Cpu.DS].set(0x20, 0x20000, 0xFFFF, 0x93, false);
        fill(r, 0x10100, 8, 5);
        r.set(ESI, 0x100).set(EDI, 0x9000).set(ECX, 8).run();
        assertCopied(r, 0x10100, 0x9000, 8);
    }

    @Test
    void repStosFillsForwardsAndBackwards() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xAB); // rep stosd
        r.set(EAX, 0x11223344).set(EDI, 0x9000).set(ECX, 8).run();
        for (int i = 0; i < 8; i++) {
            assertThat(r.peek32(0x9000 + 4 * i)).isEqualTo(0x11223344);
        }
        assertThat(r.reg(EDI)).isEqualTo(0x9020);

        r = CpuRig.flat32().code(0xF3, 0xAA); // rep stosb, DF = 1
        r.cpu.setEflags(Cpu.DF);
        r.set(EAX, 0xEE).set(EDI, 0x9007).set(ECX, 8).run();
        assertThat(r.peek32(0x9000)).isEqualTo(0xEEEEEEEE);
        assertThat(r.peek32(0x9004)).isEqualTo(0xEEEEEEEE);
        assertThat(r.peek8(0x8FFF)).isZero();
        assertThat(r.reg(EDI)).isEqualTo(0x8FFF);
    }

    @Test
    void lodsLoadsTheAccumulator() {
        CpuRig r = CpuRig.flat32().code(0xAC); // lodsb
        r.poke32(0x8000, 0x99).set(EAX, 0x12345678).set(ESI, 0x8000).run();
        assertThat(r.reg(EAX)).isEqualTo(0x12345699);
        assertThat(r.reg(ESI)).isEqualTo(0x8001);

        r = CpuRig.flat32().code(0xF3, 0xAD); // rep lodsd keeps the last element
        r.poke32(0x8000, 1).poke32(0x8004, 2).poke32(0x8008, 3).set(ESI, 0x8000).set(ECX, 3).run();
        assertThat(r.reg(EAX)).isEqualTo(3);
        assertThat(r.reg(ESI)).isEqualTo(0x800C);
        assertThat(r.reg(ECX)).isZero();
    }

    private static void ascii(CpuRig r, int addr, String s) {
        for (int i = 0; i < s.length(); i++) {
            r.cpu.mem.write8(addr + i, s.charAt(i));
        }
    }

    @Test
    void repeCmpsbStopsAfterTheFirstDifference() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xA6); // repe cmpsb
        ascii(r, 0x8000, "HELLO");
        ascii(r, 0x9000, "HELPO");
        r.set(ESI, 0x8000).set(EDI, 0x9000).set(ECX, 5).run();
        assertThat(r.reg(ECX)).isEqualTo(1);
        assertThat(r.reg(ESI)).isEqualTo(0x8004);
        assertThat(r.reg(EDI)).isEqualTo(0x9004);
        assertThat(r.flags() & Cpu.ZF).isZero();
        assertThat(r.flags() & Cpu.CF).as("'L' < 'P'").isEqualTo(Cpu.CF);
    }

    @Test
    void repeCmpsOverEqualStringsEndsWithZfSet() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0x66, 0xA7); // repe cmpsw
        ascii(r, 0x8000, "ABCDEF");
        ascii(r, 0x9000, "ABCDEF");
        r.set(ESI, 0x8000).set(EDI, 0x9000).set(ECX, 3).run();
        assertThat(r.reg(ECX)).isZero();
        assertThat(r.flags() & Cpu.ZF).isEqualTo(Cpu.ZF);
    }

    @Test
    void repneScasbFindsTheTerminator() {
        CpuRig r = CpuRig.flat32().code(0xF2, 0xAE); // repne scasb
        ascii(r, 0x9000, "abc");
        r.cpu.mem.write8(0x9003, 0);
        r.set(EAX, 0x12345600).set(EDI, 0x9000).set(ECX, -1).run();
        assertThat(r.reg(EDI)).isEqualTo(0x9004);
        assertThat(r.reg(ECX)).isEqualTo(-1 - 4);
        assertThat(r.flags() & Cpu.ZF).isEqualTo(Cpu.ZF);
    }

    @Test
    void scasSetsFlagsOfAccumulatorMinusElement() {
        CpuRig r = CpuRig.flat32().code(0x66, 0xAF); // scasw
        r.poke32(0x9000, 7).set(EAX, 0xFFFF0005).set(EDI, 0x9000).run();
        int f = r.flags();
        assertThat(f & (Cpu.CF | Cpu.SF | Cpu.ZF)).isEqualTo(Cpu.CF | Cpu.SF);
        assertThat(r.reg(EDI)).isEqualTo(0x9002);
    }

    @Test
    void longRepMovsRunsInChunksWithEipOnTheInstruction() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xA4); // rep movsb
        int n = 3000;
        fill(r, 0x10000, n, 1);
        r.set(ESI, 0x10000).set(EDI, 0x20000).set(ECX, n).step(1);
        int left = r.reg(ECX);
        assertThat(left).isBetween(1, n - 1);
        assertThat(r.cpu.eip).isEqualTo(CODE);
        assertThat(r.reg(ESI)).isEqualTo(0x10000 + n - left);
        assertThat(r.reg(EDI)).isEqualTo(0x20000 + n - left);
        assertCopied(r, 0x10000, 0x20000, n - left);
        assertThat(r.peek8(0x20000 + n - left)).isZero();
        r.run();
        assertThat(r.reg(ECX)).isZero();
        assertThat(r.cpu.eip).isEqualTo(CODE + 2);
        assertCopied(r, 0x10000, 0x20000, n);
    }

    @Test
    void interruptDuringRepMovsReturnsToTheStringInstruction() {
        CpuRig r = CpuRig.real().code(0xF3, 0xA4); // rep movsb
        TrapLog t = TrapLog.on(r.cpu);
        r.poke32(0x20 * 4, 0x00003000); // IVT[0x20] = 0000:3000
        int n = 5000;
        fill(r, 0x8000, n, 3);
        r.set(ESI, 0x8000).set(EDI, 0x0000).set(ECX, n);
        r.cpu.seg[Cpu.ES].loadReal(0x3000);
        r.cpu.setFlag(Cpu.IF, true);
        r.step(1);
        int left = r.reg(ECX) & 0xFFFF;
        assertThat(left).isBetween(1, n - 1);
        t.irqPending = true;
        r.step(1);
        assertThat(r.cpu.eip).isEqualTo(0x3000);
        int sp = r.reg(ESP) & 0xFFFF;
        assertThat(r.cpu.mem.read16(sp)).as("return IP is the REP instruction").isEqualTo(CODE);
        assertThat(r.reg(ECX) & 0xFFFF).isEqualTo(left);
        // Return from the handler by hand (IRET belongs to another family) and finish.
        r.cpu.eip = CODE;
        r.cpu.setEflags(r.cpu.mem.read16(sp + 4));
        r.set(ESP, sp + 6).run();
        assertThat(r.reg(ECX) & 0xFFFF).isZero();
        assertThat(r.reg(ESI)).isEqualTo(0x8000 + n);
        assertCopied(r, 0x8000, 0x30000, n);
    }

    @Test
    void faultMidwayLeavesRegistersAfterTheLastCompletedIteration() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xA5); // rep movsd
        r.cpu.seg[Cpu.ES].set(0x10, 0, 0x900F, 0x93, true); // room for four dwords at 0x9000
        TrapLog t = TrapLog.on(r.cpu);
        fill(r, 0x8000, 32, 1);
        r.set(ESI, 0x8000).set(EDI, 0x9000).set(ECX, 8).step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(t.eip).isEqualTo(CODE);
        assertThat(r.reg(ECX)).isEqualTo(4);
        assertThat(r.reg(ESI)).isEqualTo(0x8010);
        assertThat(r.reg(EDI)).isEqualTo(0x9010);
        assertCopied(r, 0x8000, 0x9000, 16);
        assertThat(r.peek32(0x9010)).isZero();
    }

    /** Identity-maps the first 2 MiB with 4 KiB pages except {@code hole}, and turns paging on. */
    private static void pageWithHole(CpuRig r, int hole) {
        int pd = 0x100000;
        int pt = 0x101000;
        r.poke32(pd, pt | 3);
        for (int p = 0; p < 512; p++) {
            r.poke32(pt + 4 * p, p << 12 == hole ? 0 : p << 12 | 3);
        }
        r.cpu.cr3 = pd;
        r.cpu.cr0 |= Cpu.CR0_PG;
        r.cpu.paging.flush();
    }

    @Test
    void pageFaultMidwayStopsAtThePageBoundary() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xA5); // rep movsd
        pageWithHole(r, 0x9000);
        TrapLog t = TrapLog.on(r.cpu);
        fill(r, 0x8000, 256, 1);
        r.set(ESI, 0x8000).set(EDI, 0x8F80).set(ECX, 64).step(1);
        assertThat(t.vector).isEqualTo(Exceptions.PF);
        assertThat(t.errorCode).as("write to a not-present page").isEqualTo(2);
        assertThat(r.cpu.cr2).isEqualTo(0x9000);
        assertThat(r.reg(ECX)).isEqualTo(32);
        assertThat(r.reg(ESI)).isEqualTo(0x8080);
        assertThat(r.reg(EDI)).isEqualTo(0x9000);
        assertCopied(r, 0x8000, 0x8F80, 128);
    }

    @Test
    void backwardStosFaultsOnTheMissingPageBelow() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xAB); // rep stosd, DF = 1
        pageWithHole(r, 0x8000);
        TrapLog t = TrapLog.on(r.cpu);
        r.cpu.setEflags(Cpu.DF);
        r.set(EAX, 0xCCCCCCCC).set(EDI, 0x9008).set(ECX, 10).step(1);
        assertThat(t.vector).isEqualTo(Exceptions.PF);
        assertThat(r.cpu.cr2).isEqualTo(0x8FFC);
        assertThat(r.reg(ECX)).isEqualTo(7);
        assertThat(r.reg(EDI)).isEqualTo(0x8FFC);
        assertThat(r.peek32(0x9000)).isEqualTo(0xCCCCCCCC);
    }

    @Test
    void repInsbReadsThePortIntoMemory() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0x6C); // rep insb
        PortLog dev = new PortLog();
        r.machine.io.register(0x300, 1, dev, "test");
        r.set(EDX, 0x300).set(EDI, 0x9000).set(ECX, 4).run();
        assertThat(r.peek32(0x9000)).isEqualTo(0x04030201);
        assertThat(r.reg(EDI)).isEqualTo(0x9004);
        assertThat(dev.reads).isEqualTo(4);
    }

    @Test
    void repOutswWritesMemoryToThePort() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0x66, 0x6F); // rep outsw
        PortLog dev = new PortLog();
        r.machine.io.register(0x300, 1, dev, "test");
        r.poke32(0x8000, 0x22221111).poke32(0x8004, 0x44443333);
        r.set(EDX, 0x300).set(ESI, 0x8000).set(ECX, 3).run();
        assertThat(dev.writes).containsExactly(0x1111, 0x2222, 0x3333);
        assertThat(dev.writeSizes).containsOnly(2);
        assertThat(r.reg(ESI)).isEqualTo(0x8006);
    }

    @Test
    void insDestinationFaultDoesNotConsumePortData() {
        CpuRig r = CpuRig.flat32().code(0x6C); // insb
        r.cpu.seg[Cpu.ES].set(0x10, 0, 0x8FFF, 0x93, true);
        PortLog dev = new PortLog();
        r.machine.io.register(0x300, 1, dev, "test");
        TrapLog t = TrapLog.on(r.cpu);
        r.set(EDX, 0x300).set(EDI, 0x9000).step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(dev.reads).isZero();
        assertThat(r.reg(EDI)).isEqualTo(0x9000);
    }

    @Test
    void outsAboveIoplWithoutBitmapPermissionFaultsBeforeAnyOutput() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0x6E); // rep outsb
        IoInsnTest.tss(r, 0x20000, 0x68 + 0x2000, new int[] {0x300});
        r.cpu.cpl = 3;
        PortLog dev = new PortLog();
        r.machine.io.register(0x300, 1, dev, "test");
        TrapLog t = TrapLog.on(r.cpu);
        r.set(EDX, 0x300).set(ESI, 0x8000).set(ECX, 4).step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(dev.writes).isEmpty();
        assertThat(r.reg(ECX)).isEqualTo(4);
        assertThat(r.reg(ESI)).isEqualTo(0x8000);
    }

    @Test
    void repMovsChargesTheRepBaseAndFourClocksPerIteration() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xA5);
        r.set(ESI, 0x8000).set(EDI, 0x9000).set(ECX, 10);
        long t0 = r.cpu.clock.cycles();
        r.run();
        assertThat(r.cpu.clock.cycles() - t0).isEqualTo(5 + 4 * 10);
    }

    @Test
    void repMovsRunInSeveralChunksPaysTheBaseOnce() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0xA4); // rep movsb
        int n = 2 * StringOps.CHUNK + 5;
        r.set(ESI, 0x10000).set(EDI, 0x20000).set(ECX, n);
        long t0 = r.cpu.clock.cycles();
        r.step(1);
        assertThat(r.reg(ECX)).as("the first execution stopped early").isNotZero();
        r.run();
        assertThat(r.reg(ECX)).isZero();
        assertThat(r.cpu.clock.cycles() - t0).isEqualTo(5 + 4L * n);
    }

    @Test
    void repStosRestartedAfterAnInterruptPaysTheBaseAgain() {
        CpuRig r = CpuRig.real().code(0xF3, 0xAA); // rep stosb
        TrapLog t = TrapLog.on(r.cpu);
        r.poke32(0x20 * 4, 0x00003000); // IVT[0x20] = 0000:3000
        int n = 3 * StringOps.CHUNK;
        r.set(EDI, 0).set(ECX, n);
        r.cpu.seg[Cpu.ES].loadReal(0x3000);
        r.cpu.setFlag(Cpu.IF, true);
        r.step(1);
        t.irqPending = true;
        r.step(1);
        t.irqPending = false;
        assertThat(r.cpu.eip).isEqualTo(0x3000);
        // Return from the handler by hand (IRET belongs to another family).
        int sp = r.reg(ESP) & 0xFFFF;
        r.cpu.eip = CODE;
        r.cpu.setEflags(r.cpu.mem.read16(sp + 4));
        r.set(ESP, sp + 6);
        long t0 = r.cpu.clock.cycles();
        r.step(1);
        assertThat(r.cpu.clock.cycles() - t0).as("the restarted instruction pays its base")
                .isEqualTo(5 + 5L * StringOps.CHUNK);
        t0 = r.cpu.clock.cycles();
        r.step(1);
        assertThat(r.reg(ECX) & 0xFFFF).isZero();
        assertThat(r.cpu.clock.cycles() - t0).as("its continuation does not")
                .isEqualTo(5L * StringOps.CHUNK);
    }

    @Test
    void repOutsThroughTheBitmapPaysTwentyMoreOnce() {
        CpuRig r = CpuRig.flat32().code(0xF3, 0x6E); // rep outsb
        IoInsnTest.tss(r, 0x20000, 0x68 + 0x2000, new int[0]);
        r.cpu.cpl = 3;
        r.machine.io.register(0x300, 1, new PortLog(), "test");
        r.set(EDX, 0x300).set(ESI, 0x8000).set(ECX, 4);
        long t0 = r.cpu.clock.cycles();
        r.run();
        assertThat(r.reg(ECX)).isZero();
        assertThat(r.cpu.clock.cycles() - t0).as("26 + 5n").isEqualTo(26 + 5 * 4);
    }
}
