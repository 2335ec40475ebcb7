package org.jinx.cpu.exec;

import static org.jinx.cpu.exec.DescriptorBuilder.*;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.CpuRig;

/**
 * A second task for task-switch tests: a 32-bit TSS at {@link #TSS_B} (selector {@link #SEL_B})
 * whose state is the values below, next to the standard rig's current task at TSS_SEL.
 * Offsets are those of the SDM's figure "32-Bit Task-State Segment (TSS)".
 */
final class TaskFixture {
    static final int TSS_B = 0x24000;
    static final int SEL_B = 0x40;
    static final int GATE_B = 0x48;
    static final int EIP_B = 0x5000;
    static final int ESP_B = 0x8000;
    /** EAX ECX EDX EBX ESP EBP ESI EDI of task B. */
    static final int[] REGS_B = {0xA0A0A0A0, 0xC1C1C1C1, 0xD2D2D2D2, 0xB3B3B3B3, ESP_B, 0xB5B5B5B5, 0x56565656,
        0xD7D7D7D7};

    final CpuRig rig;
    final Cpu cpu;
    final DescriptorBuilder gdt;

    TaskFixture() {
        rig = CpuRig.flat32();
        cpu = rig.cpu;
        gdt = DescriptorBuilder.standard(rig);
        gdt.set(SEL_B, tss32(TSS_B, 0x67, false));
        gdt.set(GATE_B, gate(5, SEL_B, 0, 0));
        tss32At(TSS_B, EIP_B, Cpu.CF | 2, CODE0, DATA0, DATA0);
    }

    /** Fills a 32-bit TSS with the task-B registers and the given EIP, EFLAGS and selectors. */
    void tss32At(int base, int eip, int eflags, int cs, int ss, int ds) {
        cpu.mem.write32(base + 0x1C, cpu.cr3);
        cpu.mem.write32(base + 0x20, eip);
        cpu.mem.write32(base + 0x24, eflags);
        for (int i = 0; i < 8; i++) {
            cpu.mem.write32(base + 0x28 + 4 * i, REGS_B[i]);
        }
        int[] sregs = {ds, cs, ss, ds, ds, ds};
        for (int i = 0; i < 6; i++) {
            cpu.mem.write32(base + 0x48 + 4 * i, sregs[i]);
        }
        cpu.mem.write32(base + 0x60, 0);
        cpu.mem.write32(base + 0x64, 0);
    }

    int field(int base, int off) {
        return cpu.mem.read32(base + off);
    }
}
