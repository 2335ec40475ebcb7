package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.Cpu.EAX;
import static org.jinx.cpu.Cpu.EBP;
import static org.jinx.cpu.Cpu.EBX;
import static org.jinx.cpu.Cpu.ECX;
import static org.jinx.cpu.Cpu.EDI;
import static org.jinx.cpu.Cpu.EDX;
import static org.jinx.cpu.Cpu.ESI;
import static org.jinx.cpu.Cpu.ESP;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;

class StackTest {
    private static final int TOP = CpuRig.STACK_TOP;

    @Test
    void pushAndPopRegisters() {
        CpuRig r = CpuRig.flat32().code(
                0x50,                     // push eax
                0x53,                     // push ebx
                0x59,                     // pop ecx
                0x5A);                    // pop edx
        r.set(EAX, 0x11111111).set(EBX, 0x22222222).step(2);
        assertThat(r.reg(ESP)).isEqualTo(TOP - 8);
        assertThat(r.peek32(TOP - 4)).isEqualTo(0x11111111);
        assertThat(r.peek32(TOP - 8)).isEqualTo(0x22222222);
        r.run();
        assertThat(r.reg(ECX)).isEqualTo(0x22222222);
        assertThat(r.reg(EDX)).isEqualTo(0x11111111);
        assertThat(r.reg(ESP)).isEqualTo(TOP);
    }

    @Test
    void pushEspPushesTheValueBeforeTheDecrement() {
        CpuRig r = CpuRig.flat32().code(0x54).run(); // push esp
        assertThat(r.peek32(TOP - 4)).isEqualTo(TOP);
    }

    @Test
    void popEspLoadsThePoppedValue() {
        CpuRig r = CpuRig.flat32().code(0x5C); // pop esp
        r.poke32(TOP, 0x5000).run();
        assertThat(r.reg(ESP)).isEqualTo(0x5000);
    }

    @Test
    void pushImmediatesAtOperandSize() {
        CpuRig r = CpuRig.flat32().code(
                0x68, 0x78, 0x56, 0x34, 0x12,   // push 0x12345678
                0x6A, 0xFE,                     // push -2 (sign-extended byte)
                0x66, 0x6A, 0x80);              // push word -128
        r.run();
        assertThat(r.peek32(TOP - 4)).isEqualTo(0x12345678);
        assertThat(r.peek32(TOP - 8)).isEqualTo(0xFFFFFFFE);
        assertThat(r.reg(ESP)).isEqualTo(TOP - 10);
        assertThat(r.cpu.mem.read16(TOP - 10)).isEqualTo(0xFF80);
    }

    @Test
    void sixteenBitStackWrapsAroundWithinSixtyFourKilobytes() {
        CpuRig r = CpuRig.real().code(
                0x50,                     // push ax
                0x5B);                    // pop bx
        r.set(ESP, 0xABCD0000).set(EAX, 0x1234).step(1);
        assertThat(r.reg(ESP)).as("SP wraps, upper ESP kept").isEqualTo(0xABCDFFFE);
        assertThat(r.cpu.mem.read16(0xFFFE)).isEqualTo(0x1234);
        r.step(1);
        assertThat(r.reg(EBX)).isEqualTo(0x1234);
        assertThat(r.reg(ESP)).isEqualTo(0xABCD0000);
    }

    @Test
    void thirtyTwoBitPushInRealMode() {
        CpuRig r = CpuRig.real().code(0x66, 0x50); // push eax
        r.set(EAX, 0xDEADBEEF).run();
        assertThat(r.reg(ESP)).isEqualTo(TOP - 4);
        assertThat(r.peek32(TOP - 4)).isEqualTo(0xDEADBEEF);
    }

    @Test
    void pushEvReadsMemoryWithEspBeforeThePush() {
        CpuRig r = CpuRig.flat32().code(
                0xFF, 0x35, 0x00, 0x80, 0, 0,   // push dword [0x8000]
                0xFF, 0x74, 0x24, 0x04);        // push dword [esp+4]
        r.poke32(0x8000, 0xAABBCCDD).poke32(TOP, 0x01020304).run();
        assertThat(r.peek32(TOP - 4)).isEqualTo(0xAABBCCDD);
        // [esp+4] with ESP = TOP-4 is TOP.
        assertThat(r.peek32(TOP - 8)).isEqualTo(0x01020304);
    }

    @Test
    void popEvWithEspBaseUsesEspAfterThePop() {
        CpuRig r = CpuRig.flat32().code(0x8F, 0x44, 0x24, 0x04); // pop dword [esp+4]
        r.set(ESP, 0x6FF0).poke32(0x6FF0, 0x11223344).run();
        assertThat(r.reg(ESP)).isEqualTo(0x6FF4);
        assertThat(r.peek32(0x6FF8)).isEqualTo(0x11223344);
        assertThat(r.peek32(0x6FF4)).isZero();
    }

    @Test
    void popEvFaultLeavesEspUnchanged() {
        CpuRig r = CpuRig.flat32().code(0x8F, 0x05, 0x00, 0x80, 0, 0); // pop dword [0x8000]
        r.cpu.seg[Cpu.DS].set(0x18, 0, 0xFFFFFFFF, 0x91, true);        // read-only data
        TrapLog t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(r.reg(ESP)).isEqualTo(TOP);
    }

    @Test
    void pushSregWithThirtyTwoBitOperandWritesOnlyTheLowWord() {
        CpuRig r = CpuRig.flat32().code(
                0x0E,                     // push cs
                0x66, 0x1E,               // push ds (16-bit)
                0x0F, 0xA8);              // push gs
        r.poke32(TOP - 4, 0xAAAAAAAA).poke32(TOP - 8, 0xBBBBBBBB).run();
        assertThat(r.peek32(TOP - 4)).isEqualTo(0xAAAA0008);
        assertThat(r.cpu.mem.read16(TOP - 6)).isEqualTo(0x10);
        assertThat(r.peek32(TOP - 10)).isEqualTo(0xBBBB0010);
        assertThat(r.reg(ESP)).isEqualTo(TOP - 10);
    }

    @Test
    void popSregLoadsTheSelectorAndMovesSp() {
        CpuRig r = CpuRig.real().code(
                0x1F,                     // pop ds
                0x66, 0x0F, 0xA1);        // pop fs (32-bit)
        r.cpu.mem.write16(TOP, 0x1234);
        r.poke32(TOP + 2, 0xFFFF5678);
        r.run();
        assertThat(r.cpu.seg[Cpu.DS].selector).isEqualTo(0x1234);
        assertThat(r.cpu.seg[Cpu.DS].base).isEqualTo(0x12340);
        assertThat(r.cpu.seg[Cpu.FS].selector).isEqualTo(0x5678);
        assertThat(r.reg(ESP)).isEqualTo(TOP + 6);
    }

    @Test
    void popSsHoldsOffInterrupts() {
        CpuRig r = CpuRig.real().code(0x17); // pop ss
        r.step(1);
        assertThat(r.cpu.inhibitInterrupts).isTrue();
        assertThat(r.reg(ESP)).isEqualTo(TOP + 2);
    }

    @Test
    void pushaAndPopaSaveAllButRestoreEsp() {
        CpuRig r = CpuRig.flat32().code(
                0x60,                     // pushad
                0x61);                    // popad
        int[] v = {0xA0, 0xC1, 0xD2, 0xB3, TOP, 0xB5, 0x56, 0xD7};
        for (int i = 0; i < 8; i++) {
            r.set(i, v[i]);
        }
        r.step(1);
        assertThat(r.reg(ESP)).isEqualTo(TOP - 32);
        for (int i = 0; i < 8; i++) {
            assertThat(r.peek32(TOP - 4 - 4 * i)).as("slot of register %d", i).isEqualTo(v[i]);
        }
        for (int i = 0; i < 8; i++) {
            if (i != ESP) {
                r.set(i, 0);
            }
        }
        r.poke32(TOP - 20, 0x12345678); // the saved ESP slot is skipped by POPAD
        r.step(1);
        for (int i = 0; i < 8; i++) {
            assertThat(r.reg(i)).as("register %d", i).isEqualTo(v[i]);
        }
    }

    @Test
    void pushaWrapsWithinSixteenBitStack() {
        CpuRig r = CpuRig.real().code(0x60); // pusha
        r.set(EAX, 0x1111).set(ECX, 0x2222).set(EDX, 0x3333).set(ESP, 4).run();
        assertThat(r.reg(ESP)).isEqualTo(0xFFF4);
        assertThat(r.cpu.mem.read16(0x0002)).isEqualTo(0x1111);
        assertThat(r.cpu.mem.read16(0x0000)).isEqualTo(0x2222);
        assertThat(r.cpu.mem.read16(0xFFFE)).isEqualTo(0x3333);
        assertThat(r.cpu.mem.read16(0xFFFA)).as("original SP").isEqualTo(4);
    }

    @Test
    void pushfdClearsVmAndRfInTheImage() {
        CpuRig r = CpuRig.flat32().code(0x9C); // pushfd
        r.cpu.setEflags(Cpu.CF | Cpu.ZF | Cpu.IF | Cpu.RF);
        r.run();
        assertThat(r.peek32(TOP - 4)).isEqualTo(0x2 | Cpu.CF | Cpu.ZF | Cpu.IF);
    }

    /** Runs PUSH imm32; POPFD with the given image and returns EFLAGS afterwards. */
    private static int popfd(CpuRig r, int image) {
        r.code(0x68, image & 0xFF, image >>> 8 & 0xFF, image >>> 16 & 0xFF, image >>> 24, 0x9D).run();
        return r.flags();
    }

    @Test
    void popfAtCplZeroChangesIoplAndIfButNeverVmRfOrAc() {
        CpuRig r = CpuRig.flat32();
        int f = popfd(r, 0x3000 | Cpu.IF | Cpu.CF | Cpu.VM | Cpu.RF | 1 << 18 | 1 << 21);
        assertThat(f).isEqualTo(0x2 | 0x3000 | Cpu.IF | Cpu.CF);
    }

    @Test
    void popfAtCplThreeKeepsIoplAndIf() {
        CpuRig r = CpuRig.flat32();
        r.cpu.cpl = 3;
        r.cpu.setEflags(Cpu.IF);
        int f = popfd(r, 0x3000 | Cpu.CF | Cpu.DF);
        assertThat(f).isEqualTo(0x2 | Cpu.IF | Cpu.CF | Cpu.DF);
    }

    @Test
    void popfChangesIfWhenCplIsAtMostIopl() {
        CpuRig r = CpuRig.flat32();
        r.cpu.cpl = 1;
        r.cpu.setEflags(0x1000); // IOPL 1
        int f = popfd(r, Cpu.IF | 0x3000);
        assertThat(f).as("IF set, IOPL unchanged").isEqualTo(0x2 | 0x1000 | Cpu.IF);
    }

    @Test
    void popfInRealModeChangesIopl() {
        CpuRig r = CpuRig.real().code(0x9D); // popf
        r.cpu.mem.write16(TOP, 0x3000 | Cpu.IF | Cpu.ZF);
        r.run();
        assertThat(r.flags()).isEqualTo(0x2 | 0x3000 | Cpu.IF | Cpu.ZF);
        assertThat(r.reg(ESP)).isEqualTo(TOP + 2);
    }

    /** Virtual-8086 mode with every segment at 0 and the given IOPL, CPL 3. */
    private static CpuRig v86(int iopl) {
        CpuRig r = CpuRig.flat32();
        for (int s = 0; s < 6; s++) {
            r.cpu.seg[s].loadV86(0);
        }
        r.cpu.setEflags(Cpu.VM | iopl << 12);
        r.cpu.cpl = 3;
        return r;
    }

    @Test
    void sixteenBitPopfInV86LeavesVmAndIoplAlone() {
        CpuRig r = v86(3).code(0x9D); // popf
        r.cpu.mem.write16(TOP, Cpu.IF | Cpu.CF); // IOPL field 0 in the image
        r.run();
        assertThat(r.flags()).isEqualTo(0x2 | Cpu.VM | 0x3000 | Cpu.IF | Cpu.CF);
    }

    @Test
    void pushfAndPopfInV86BelowIopl3AreGeneralProtection() {
        for (int opcode : new int[] {0x9C, 0x9D}) {
            CpuRig r = v86(0).code(opcode);
            TrapLog t = TrapLog.on(r.cpu);
            r.step(1);
            assertThat(t.vector).isEqualTo(Exceptions.GP);
            assertThat(t.errorCode).isZero();
            assertThat(r.reg(ESP)).isEqualTo(TOP);
        }
    }

    @Test
    void enterLevelZeroAndLeave() {
        CpuRig r = CpuRig.flat32().code(
                0xC8, 0x08, 0x00, 0x00,   // enter 8, 0
                0xC9);                    // leave
        r.set(EBP, 0x1234).step(1);
        assertThat(r.peek32(TOP - 4)).isEqualTo(0x1234);
        assertThat(r.reg(EBP)).isEqualTo(TOP - 4);
        assertThat(r.reg(ESP)).isEqualTo(TOP - 12);
        r.step(1);
        assertThat(r.reg(EBP)).isEqualTo(0x1234);
        assertThat(r.reg(ESP)).isEqualTo(TOP);
    }

    @Test
    void enterLevelTwoCopiesTheEnclosingFramePointer() {
        CpuRig r = CpuRig.flat32().code(0xC8, 0x00, 0x00, 0x02); // enter 0, 2
        r.set(EBP, 0x6800).poke32(0x67FC, 0xAAAA).run();
        assertThat(r.peek32(TOP - 4)).as("old EBP").isEqualTo(0x6800);
        assertThat(r.peek32(TOP - 8)).as("display entry").isEqualTo(0xAAAA);
        assertThat(r.peek32(TOP - 12)).as("new frame pointer").isEqualTo(TOP - 4);
        assertThat(r.reg(EBP)).isEqualTo(TOP - 4);
        assertThat(r.reg(ESP)).isEqualTo(TOP - 12);
    }

    @Test
    void enterLevelIsTakenModulo32() {
        CpuRig r = CpuRig.flat32().code(0xC8, 0x04, 0x00, 0x21); // enter 4, 33 = level 1
        r.set(EBP, 0x5555).run();
        assertThat(r.peek32(TOP - 4)).isEqualTo(0x5555);
        assertThat(r.peek32(TOP - 8)).isEqualTo(TOP - 4);
        assertThat(r.reg(EBP)).isEqualTo(TOP - 4);
        assertThat(r.reg(ESP)).isEqualTo(TOP - 12);
    }

    @Test
    void enterInRealModeUsesBpAndSp() {
        CpuRig r = CpuRig.real().code(0xC8, 0x06, 0x00, 0x00); // enter 6, 0
        r.set(EBP, 0xABCD1111).set(ESP, 0x99990000 | TOP).run();
        assertThat(r.cpu.mem.read16(TOP - 2)).isEqualTo(0x1111);
        assertThat(r.reg(EBP)).isEqualTo(0xABCD0000 | TOP - 2);
        assertThat(r.reg(ESP)).isEqualTo(0x99990000 | TOP - 8);
    }

    @Test
    void enterNestedCostsFifteenPlusFourPerExtraLevel() {
        CpuRig r = CpuRig.flat32().code(0xC8, 0x00, 0x00, 0x03); // enter 0, 3
        r.set(EBP, 0x6800);
        long before = r.cpu.clock.cycles();
        r.run();
        assertThat(r.cpu.clock.cycles() - before).isEqualTo(15 + 4 * 2);
    }

    @Test
    void leaveInRealModeReadsFromBp() {
        CpuRig r = CpuRig.real().code(0xC9); // leave
        r.set(EBP, 0x12346000).cpu.mem.write16(0x6000, 0x4321);
        r.run();
        assertThat(r.reg(ESP)).isEqualTo(TOP & 0xFFFF0000 | 0x6002);
        assertThat(r.reg(EBP)).isEqualTo(0x12344321);
    }
}
