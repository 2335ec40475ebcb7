package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.jinx.cpu.exec.DescriptorBuilder.*;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuFault;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.decode.Decoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** LTR, STR, LLDT, SLDT: checks, the busy bit, and #UD outside protected mode. */
class TaskRegisterAndLdtTest {
    private static final int NEW_TSS = 0x40;
    private static final int LDT_SEL = 0x48;

    private CpuRig rig;
    private Cpu cpu;
    private DescriptorBuilder gdt;

    @BeforeEach
    void setUp() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
        gdt.set(NEW_TSS, tss32(0x24000, 0x67, false));
        gdt.set(LDT_SEL, ldt(LDT, 0x7F));
    }

    private CpuFault run(int... bytes) {
        return catchThrowableOfType(CpuFault.class,
                () -> {
                    var d = Decoder.decode(toBytes(bytes), 0, true);
                    d.handler.exec(cpu, d);
                });
    }

    private static byte[] toBytes(int... b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = (byte) b[i];
        }
        return r;
    }

    @Test
    void ltrLoadsTaskRegisterAndMarksTssBusy() {
        rig.set(Cpu.EAX, NEW_TSS);
        rig.code(0x0F, 0x00, 0xD8, 0x0F, 0x00, 0xCB).step(2); // LTR AX ; STR BX
        assertThat(cpu.tr.selector).isEqualTo(NEW_TSS);
        assertThat(cpu.tr.base).isEqualTo(0x24000);
        assertThat(cpu.tr.limit).isEqualTo(0x67);
        assertThat(gdt.access(NEW_TSS)).isEqualTo(0x8B);
        assertThat(rig.reg(Cpu.EBX) & 0xFFFF).isEqualTo(NEW_TSS);
    }

    @Test
    void ltrOfBusyTssIsGp() {
        rig.set(Cpu.EAX, TSS_SEL); // already busy
        CpuFault f = run(0x0F, 0x00, 0xD8);
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(TSS_SEL);
    }

    @Test
    void ltrOfNonTssIsGpAndNullIsGpZero() {
        rig.set(Cpu.EAX, LDT_SEL);
        assertThat(run(0x0F, 0x00, 0xD8).errorCode).isEqualTo(LDT_SEL);
        rig.set(Cpu.EAX, 0);
        CpuFault f = run(0x0F, 0x00, 0xD8);
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isZero();
    }

    @Test
    void ltrOfNotPresentTssIsNp() {
        gdt.set(NEW_TSS, notPresent(tss32(0x24000, 0x67, false)));
        rig.set(Cpu.EAX, NEW_TSS);
        CpuFault f = run(0x0F, 0x00, 0xD8);
        assertThat(f.vector).isEqualTo(Exceptions.NP);
        assertThat(f.errorCode).isEqualTo(NEW_TSS);
    }

    @Test
    void ltrWithLocalSelectorIsGp() {
        rig.set(Cpu.EAX, NEW_TSS | 4);
        assertThat(run(0x0F, 0x00, 0xD8).errorCode).isEqualTo(NEW_TSS | 4);
    }

    @Test
    void lldtLoadsLdtAndSldtStoresSelector() {
        rig.set(Cpu.EAX, LDT_SEL);
        rig.code(0x0F, 0x00, 0xD0, 0x0F, 0x00, 0xC1).step(2); // LLDT AX ; SLDT CX
        assertThat(cpu.ldtr.base).isEqualTo(LDT);
        assertThat(cpu.ldtr.limit).isEqualTo(0x7F);
        assertThat(rig.reg(Cpu.ECX) & 0xFFFF).isEqualTo(LDT_SEL);
    }

    @Test
    void lldtNullDisablesLocalSelectors() {
        rig.set(Cpu.EAX, 0);
        rig.code(0x0F, 0x00, 0xD0).step(1);
        assertThat(SegmentLoad.inTable(cpu, 0x0C)).isFalse();
    }

    @Test
    void lldtOfNonLdtIsGp() {
        rig.set(Cpu.EAX, DATA0);
        CpuFault f = run(0x0F, 0x00, 0xD0);
        assertThat(f.vector).isEqualTo(Exceptions.GP);
        assertThat(f.errorCode).isEqualTo(DATA0);
    }

    @Test
    void lldtOfNotPresentLdtIsNp() {
        gdt.set(LDT_SEL, notPresent(ldt(LDT, 0x7F)));
        rig.set(Cpu.EAX, LDT_SEL);
        assertThat(run(0x0F, 0x00, 0xD0).vector).isEqualTo(Exceptions.NP);
    }

    @Test
    void selectorInstructionsAreInvalidInRealMode() {
        CpuRig r = CpuRig.real();
        r.cpu.mem.write16(Exceptions.UD * 4, 0x0300);
        r.code(0x0F, 0x00, 0xC0).step(1); // SLDT AX
        assertThat(r.cpu.eip).isEqualTo(0x300);
    }

    @Test
    void sldtToMemoryStoresWord() {
        rig.set(Cpu.EAX, LDT_SEL);
        rig.code(0x0F, 0x00, 0xD0).step(1);
        cpu.mem.write32(CpuRig.DATA, 0xFFFFFFFF);
        // SLDT [DATA]
        rig.code(0x0F, 0x00, 0x05, CpuRig.DATA & 0xFF, CpuRig.DATA >>> 8 & 0xFF, 0, 0).step(1);
        assertThat(cpu.mem.read32(CpuRig.DATA)).isEqualTo(0xFFFF0000 | LDT_SEL);
    }
}
