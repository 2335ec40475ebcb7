package org.jinx.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jinx.cpu.exec.DescriptorBuilder.*;

import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.PageTableBuilder;
import org.junit.jupiter.api.Test;

/** A fault while delivering #DF shuts the processor down, and the run loop says why. */
class TripleFaultShutdownTest {
    @Test
    void faultDeliveringDoubleFaultShutsDown() {
        CpuRig rig = CpuRig.flat32();
        DescriptorBuilder gdt = DescriptorBuilder.standard(rig);
        gdt.idt(Exceptions.GP, notPresent(gate(14, CODE0, 0x3000, 0)));
        gdt.idt(Exceptions.DF, notPresent(gate(14, CODE0, 0x3000, 0)));
        rig.cpu.gdtrLimit = 0x3F;
        rig.code(0xEA, 0, 0, 0, 0, 0x43, 0x00);
        Machine.StopReason why = rig.machine.run(10);
        assertThat(why).isEqualTo(Machine.StopReason.SHUTDOWN);
        assertThat(rig.cpu.state).isEqualTo(Cpu.State.SHUTDOWN);
        assertThat(rig.cpu.shutdownReason).contains("triple fault").contains("#DF").contains("#GP");
        // The registers still show the faulting instruction for the report.
        assertThat(rig.cpu.eip).isEqualTo(CpuRig.CODE);
    }

    @Test
    void emptyIdtInRealModeShutsDownOnFirstInterrupt() {
        CpuRig rig = CpuRig.real();
        rig.cpu.idtrLimit = 0;
        rig.code(0xCC); // INT3
        assertThat(rig.machine.run(10)).isEqualTo(Machine.StopReason.SHUTDOWN);
        assertThat(rig.cpu.shutdownReason).contains("triple fault");
    }

    @Test
    void unmappedKernelStackShutsDown() {
        CpuRig rig = CpuRig.flat32();
        DescriptorBuilder gdt = DescriptorBuilder.standard(rig);
        PageTableBuilder pages = PageTableBuilder.identity(rig);
        for (int v = 0; v < 32; v++) {
            gdt.interruptGate(v, 0x3000, 0);
        }
        pages.unmap(CpuRig.STACK_TOP - 4);
        // INT3 pushes onto the unmapped stack: #PF, #PF again -> #DF, #PF again -> shutdown.
        rig.code(0xCC);
        assertThat(rig.machine.run(10)).isEqualTo(Machine.StopReason.SHUTDOWN);
        assertThat(rig.cpu.shutdownReason).contains("#PF").contains("#DF");
        assertThat(rig.cpu.dump()).contains("EIP=00001000");
    }
}
