package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.Cpu.EAX;
import static org.jinx.cpu.Cpu.EBX;
import static org.jinx.cpu.Cpu.ECX;
import static org.jinx.cpu.Cpu.EDX;
import static org.jinx.cpu.Cpu.ESI;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.junit.jupiter.api.Test;

class DataXferTest {
    @Test
    void movCopiesBetweenRegistersAndMemory() {
        CpuRig r = CpuRig.flat32().code(
                0x89, 0xD8,                         // mov eax, ebx
                0x89, 0x05, 0x00, 0x80, 0, 0,       // mov [0x8000], eax
                0x8B, 0x0D, 0x00, 0x80, 0, 0);      // mov ecx, [0x8000]
        r.set(EBX, 0xCAFEBABE).run();
        assertThat(r.reg(EAX)).isEqualTo(0xCAFEBABE);
        assertThat(r.peek32(0x8000)).isEqualTo(0xCAFEBABE);
        assertThat(r.reg(ECX)).isEqualTo(0xCAFEBABE);
    }

    @Test
    void movImmediateFormsWriteOnlyTheirWidth() {
        CpuRig r = CpuRig.flat32().code(
                0xBA, 0x78, 0x56, 0x34, 0x12,                   // mov edx, 0x12345678
                0xB4, 0x9A,                                     // mov ah, 0x9A
                0xC6, 0x05, 0x00, 0x80, 0, 0, 0x5A,             // mov byte [0x8000], 0x5A
                0xC7, 0x05, 0x04, 0x80, 0, 0, 1, 2, 3, 4,       // mov dword [0x8004], 0x04030201
                0x66, 0xC7, 0x05, 0x08, 0x80, 0, 0, 0xEF, 0xBE); // mov word [0x8008], 0xBEEF
        r.poke32(0x8000, 0xFFFFFFFF).poke32(0x8008, 0xFFFFFFFF).set(EAX, 0x11111111).run();
        assertThat(r.reg(EDX)).isEqualTo(0x12345678);
        assertThat(r.reg(EAX)).isEqualTo(0x11119A11);
        assertThat(r.peek32(0x8000)).isEqualTo(0xFFFFFF5A);
        assertThat(r.peek32(0x8004)).isEqualTo(0x04030201);
        assertThat(r.peek32(0x8008)).isEqualTo(0xFFFFBEEF);
    }

    @Test
    void sixteenBitMovInThirtyTwoBitCodeKeepsUpperHalf() {
        CpuRig r = CpuRig.flat32().code(0x66, 0x89, 0xD8); // mov ax, bx
        r.set(EAX, 0xAAAA0000).set(EBX, 0x12345678).run();
        assertThat(r.reg(EAX)).isEqualTo(0xAAAA5678);
    }

    @Test
    void moffsFormsUseTheDisplacementAsAddress() {
        CpuRig r = CpuRig.flat32().code(
                0xA1, 0x00, 0x80, 0, 0,   // mov eax, [0x8000]
                0xA3, 0x10, 0x80, 0, 0,   // mov [0x8010], eax
                0xA0, 0x03, 0x80, 0, 0,   // mov al, [0x8003]
                0xA2, 0x20, 0x80, 0, 0);  // mov [0x8020], al
        r.poke32(0x8000, 0x44332211).run();
        assertThat(r.peek32(0x8010)).isEqualTo(0x44332211);
        assertThat(r.reg(EAX)).isEqualTo(0x44332244);
        assertThat(r.peek8(0x8020)).isEqualTo(0x44);
    }

    @Test
    void moffsHonoursSegmentOverride() {
        CpuRig r = CpuRig.flat32().code(0x64, 0xA1, 0x00, 0x00, 0, 0); // mov eax, fs:[0]
        r.cpu.seg[Cpu.FS].set(0x10, 0x9000, 0xFFFF, 0x93, true);
        r.poke32(0x9000, 0x600DF00D).run();
        assertThat(r.reg(EAX)).isEqualTo(0x600DF00D);
    }

    @Test
    void realModeMovAddsTheSegmentBase() {
        CpuRig r = CpuRig.real().code(
                0x8B, 0x07,               // mov ax, [bx]
                0xA1, 0x08, 0x00);        // mov ax, [0x0008] (moffs16)
        r.cpu.seg[Cpu.DS].loadReal(0x800);
        r.poke32(0x8004, 0x00001234).poke32(0x8008, 0x00005678).set(EBX, 4).set(EAX, 0xFFFF0000);
        r.step(1);
        assertThat(r.reg(EAX)).isEqualTo(0xFFFF1234);
        r.step(1);
        assertThat(r.reg(EAX)).isEqualTo(0xFFFF5678);
    }

    @Test
    void movFromSregZeroExtendsIntoA32BitRegister() {
        CpuRig r = CpuRig.flat32().code(
                0x8C, 0xD8,                         // mov eax, ds
                0x66, 0x8C, 0xD9,                   // mov cx, ds
                0x8C, 0x1D, 0x00, 0x80, 0, 0);      // mov [0x8000], ds
        r.set(EAX, 0xFFFFFFFF).set(ECX, 0xFFFFFFFF).poke32(0x8000, 0xAAAAAAAA).run();
        assertThat(r.reg(EAX)).isEqualTo(0x10);
        assertThat(r.reg(ECX)).isEqualTo(0xFFFF0010);
        assertThat(r.peek32(0x8000)).as("memory form writes 16 bits").isEqualTo(0xAAAA0010);
    }

    @Test
    void movFromUndefinedSregIsInvalidOpcode() {
        CpuRig r = CpuRig.flat32().code(0x8C, 0xF0); // reg field 6
        TrapLog t = TrapLog.on(r.cpu);
        r.step(1);
        assertThat(t.vector).isEqualTo(Exceptions.UD);
    }

    @Test
    void movToSregLoadsARealModeSegment() {
        CpuRig r = CpuRig.real().code(
                0x8E, 0xD8,               // mov ds, ax
                0x8E, 0x07);              // mov es, [bx]
        r.set(EAX, 0x1234).set(EBX, 0x9000);
        r.poke32(0x12340 + 0x9000, 0x0000BEEF);
        r.run();
        assertThat(r.cpu.seg[Cpu.DS].selector).isEqualTo(0x1234);
        assertThat(r.cpu.seg[Cpu.DS].base).isEqualTo(0x12340);
        assertThat(r.cpu.seg[Cpu.ES].selector).isEqualTo(0xBEEF);
        assertThat(r.cpu.seg[Cpu.ES].base).isEqualTo(0xBEEF0);
    }

    @Test
    void movToCsOrUndefinedSregIsInvalidOpcode() {
        for (int modrm : new int[] {0xC8, 0xF0, 0xF8}) { // mov cs,ax; reg 6; reg 7
            CpuRig r = CpuRig.real().code(0x8E, modrm);
            TrapLog t = TrapLog.on(r.cpu);
            r.step(1);
            assertThat(t.vector).as("modrm %02X", modrm).isEqualTo(Exceptions.UD);
            assertThat(r.cpu.seg[Cpu.CS].selector).isZero();
        }
    }

    @Test
    void movSsHoldsOffAnInterruptForOneInstruction() {
        CpuRig r = CpuRig.real().code(
                0x8E, 0xD0,               // mov ss, ax
                0x90,                     // nop: runs before the interrupt
                0x90);
        TrapLog t = TrapLog.on(r.cpu);
        r.poke32(0x20 * 4, 0x00003000); // IVT[0x20] = 0000:3000
        r.cpu.setFlag(Cpu.IF, true);
        r.step(1);
        assertThat(r.cpu.eip).isEqualTo(0x1002);
        t.irqPending = true;
        r.step(1);
        assertThat(r.cpu.eip).as("the nop after MOV SS runs first").isEqualTo(0x1003);
        r.step(1);
        assertThat(r.cpu.eip).as("then the interrupt is taken").isEqualTo(0x3000);
    }

    @Test
    void movzxAndMovsxExtendBytesAndWords() {
        CpuRig r = CpuRig.flat32().code(
                0x0F, 0xB6, 0xC3,         // movzx eax, bl
                0x0F, 0xBE, 0xCB,         // movsx ecx, bl
                0x0F, 0xB7, 0xD6,         // movzx edx, si
                0x0F, 0xBF, 0xF6);        // movsx esi, si
        r.set(EBX, 0x12345680).set(ESI, 0x77778001).run();
        assertThat(r.reg(EAX)).isEqualTo(0x80);
        assertThat(r.reg(ECX)).isEqualTo(0xFFFFFF80);
        assertThat(r.reg(EDX)).isEqualTo(0x8001);
        assertThat(r.reg(ESI)).isEqualTo(0xFFFF8001);
    }

    @Test
    void movsxToSixteenBitsAndFromMemory() {
        CpuRig r = CpuRig.flat32().code(
                0x66, 0x0F, 0xBE, 0xC3,               // movsx ax, bl
                0x0F, 0xB6, 0x0D, 0x00, 0x80, 0, 0);  // movzx ecx, byte [0x8000]
        r.set(EAX, 0x12345678).set(EBX, 0xFE).poke32(0x8000, 0xFFFFFF99).run();
        assertThat(r.reg(EAX)).isEqualTo(0x1234FFFE);
        assertThat(r.reg(ECX)).isEqualTo(0x99);
    }

    @Test
    void xchgSwapsRegistersAndMemory() {
        CpuRig r = CpuRig.flat32().code(
                0x87, 0xD8,                       // xchg eax, ebx
                0x91,                             // xchg eax, ecx
                0x86, 0xE0,                       // xchg al, ah
                0x87, 0x15, 0x00, 0x80, 0, 0);    // xchg [0x8000], edx
        r.set(EAX, 0x1111).set(EBX, 0x2233).set(ECX, 0x3333).set(EDX, 0x4444).poke32(0x8000, 0x5555).run();
        // after the first two: EAX=0x3333 EBX=0x1111 ECX=0x2233; then AL<->AH: 0x3333
        assertThat(r.reg(EBX)).isEqualTo(0x1111);
        assertThat(r.reg(ECX)).isEqualTo(0x2233);
        assertThat(r.reg(EAX)).isEqualTo(0x3333);
        assertThat(r.reg(EDX)).isEqualTo(0x5555);
        assertThat(r.peek32(0x8000)).isEqualTo(0x4444);
    }

    @Test
    void xchgByteSwapsHighAndLowHalves() {
        CpuRig r = CpuRig.flat32().code(0x86, 0xE0); // xchg al, ah
        r.set(EAX, 0xABCD1234).run();
        assertThat(r.reg(EAX)).isEqualTo(0xABCD3412);
    }

    @Test
    void xchgWithReadOnlyMemoryFaultsAndKeepsTheRegister() {
        CpuRig r = CpuRig.flat32().code(0x87, 0x05, 0x00, 0x80, 0, 0); // xchg [0x8000], eax
        r.cpu.seg[Cpu.DS].set(0x18, 0, 0xFFFFFFFF, 0x91, true);        // read-only data
        TrapLog t = TrapLog.on(r.cpu);
        r.set(EAX, 0x1234).poke32(0x8000, 0x5678).step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(r.reg(EAX)).isEqualTo(0x1234);
        assertThat(r.peek32(0x8000)).isEqualTo(0x5678);
        assertThat(t.eip).isEqualTo(CpuRig.CODE);
    }

    @Test
    void leaComputesTheOffsetWithoutTouchingMemory() {
        CpuRig r = CpuRig.flat32().code(
                0x8D, 0x44, 0x8B, 0x10,           // lea eax, [ebx+ecx*4+0x10]
                0x66, 0x8D, 0x54, 0x8B, 0x10);    // lea dx, [ebx+ecx*4+0x10]
        r.set(EBX, 0x7FFFFFF0).set(ECX, 0x10).set(EDX, 0xAAAAAAAA).run();
        assertThat(r.reg(EAX)).isEqualTo(0x80000040);
        assertThat(r.reg(EDX)).isEqualTo(0xAAAA0040);
    }

    @Test
    void leaWithSixteenBitAddressingWrapsTheOffset() {
        CpuRig r = CpuRig.flat32().code(0x67, 0x8D, 0x40, 0x05); // lea eax, [bx+si+5]
        r.set(EBX, 0x1234FFFF).set(ESI, 0x00000001).run();
        assertThat(r.reg(EAX)).isEqualTo(5);
    }

    @Test
    void cbwCwdeCwdCdqSignExtend() {
        CpuRig r = CpuRig.flat32().code(0x66, 0x98); // cbw
        r.set(EAX, 0x12345680).run();
        assertThat(r.reg(EAX)).isEqualTo(0x1234FF80);

        r = CpuRig.flat32().code(0x98); // cwde
        r.set(EAX, 0x12348000).run();
        assertThat(r.reg(EAX)).isEqualTo(0xFFFF8000);

        r = CpuRig.flat32().code(0x66, 0x99); // cwd
        r.set(EAX, 0x8000).set(EDX, 0x55550000).run();
        assertThat(r.reg(EDX)).isEqualTo(0x5555FFFF);

        r = CpuRig.flat32().code(0x99); // cdq
        r.set(EAX, 0x7FFFFFFF).set(EDX, 0x12345678).run();
        assertThat(r.reg(EDX)).isZero();
        r = CpuRig.flat32().code(0x99);
        r.set(EAX, 0x80000000).run();
        assertThat(r.reg(EDX)).isEqualTo(0xFFFFFFFF);
    }

    @Test
    void xlatIndexesWithUnsignedAl() {
        CpuRig r = CpuRig.real().code(0xD7); // xlat
        r.cpu.mem.write8(0x8090, 0x42);
        r.set(EBX, 0x8000).set(EAX, 0x1290).run();
        assertThat(r.reg(EAX)).isEqualTo(0x1242);
    }

    @Test
    void xlatHonoursSegmentOverrideAndAddressSize() {
        CpuRig r = CpuRig.flat32().code(0x26, 0xD7); // xlat es:
        r.cpu.seg[Cpu.ES].set(0x10, 0x10000, 0xFFFFFFFF, 0x93, true);
        r.cpu.mem.write8(0x10000 + 0x20005, 0x77);
        r.set(EBX, 0x20000).set(EAX, 5).run();
        assertThat(r.reg(EAX)).isEqualTo(0x77);

        r = CpuRig.real().code(0xD7);
        r.cpu.mem.write8(0x0001, 0x66); // 0xFFFF + 2 wraps to 1 with 16-bit addresses
        r.set(EBX, 0xFFFF).set(EAX, 2).run();
        assertThat(r.reg(EAX)).isEqualTo(0x66);
    }

    @Test
    void farPointerLoadsSetSegmentAndRegister() {
        int[][] cases = {
            {0xC4, Cpu.ES}, {0xC5, Cpu.DS}, {0x0F, 0xB2, Cpu.SS}, {0x0F, 0xB4, Cpu.FS}, {0x0F, 0xB5, Cpu.GS},
        };
        for (int[] c : cases) {
            CpuRig r = CpuRig.real();
            for (int i = 0; i < c.length - 1; i++) {
                r.code(c[i]);
            }
            r.code(0x1E, 0x00, 0x80); // bx, [0x8000]
            r.poke32(0x8000, 0x56781234).set(EBX, 0xFFFF0000).step(1);
            int sreg = c[c.length - 1];
            assertThat(r.reg(EBX)).isEqualTo(0xFFFF1234);
            assertThat(r.cpu.seg[sreg].selector).isEqualTo(0x5678);
            assertThat(r.cpu.seg[sreg].base).isEqualTo(0x56780);
            assertThat(r.cpu.inhibitInterrupts).as("interrupt shadow only for LSS").isEqualTo(sreg == Cpu.SS);
        }
    }

    @Test
    void farPointerWithThirtyTwoBitOffset() {
        CpuRig r = CpuRig.real().code(0x66, 0xC5, 0x1E, 0x00, 0x80); // lds ebx, [0x8000]
        r.poke32(0x8000, 0x89ABCDEF).poke32(0x8004, 0x00004321).run();
        assertThat(r.reg(EBX)).isEqualTo(0x89ABCDEF);
        assertThat(r.cpu.seg[Cpu.DS].selector).isEqualTo(0x4321);
    }

    @Test
    void farPointerPastTheLimitFaultsAndChangesNothing() {
        CpuRig r = CpuRig.real().code(0xC5, 0x1E, 0xFE, 0xFF); // lds bx, [0xFFFE]: selector at 0x10000
        TrapLog t = TrapLog.on(r.cpu);
        r.set(EBX, 0x1111).step(1);
        assertThat(t.vector).isEqualTo(Exceptions.GP);
        assertThat(r.reg(EBX)).isEqualTo(0x1111);
        assertThat(r.cpu.seg[Cpu.DS].selector).isZero();
    }
}
