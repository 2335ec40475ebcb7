package org.jinx.dev.bios;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jinx.Machine;
import org.jinx.cpu.Cpu;
import org.jinx.dev.PcPlatform;
import org.jinx.dev.disk.BlockDevice;
import org.jinx.dev.disk.MemoryDisk;

/**
 * A deterministic PC (16 MiB, RTC at 2000-01-01) with the built-in BIOS, run from the reset
 * vector through POST until the boot sector (a {@code jmp $} on diskette A) runs. Then
 * {@link #call} executes {@code INT n} from real mode at 0000:0600 with the given registers and
 * stops after it returns ({@code cli; hlt} ends the run), so a test sees the registers and
 * flags the caller sees.
 */
final class BiosHarness {
    static final long HZ = 33_000_000L;
    static final int CALL_SITE = 0x0600;

    final Machine m = new Machine(16 << 20, HZ);
    final PcPlatform pc;
    final Bios bios;
    final Cpu cpu;
    final List<String> messages = new ArrayList<>();

    BiosHarness() {
        this(bootDiskette(), null);
    }

    /** Boots from {@code floppy} (its boot sector must be {@code jmp $}); {@code hardDisk} may be null. */
    BiosHarness(BlockDevice floppy, BlockDevice hardDisk) {
        pc = new PcPlatform(m, PcPlatform.Options.deterministicRun());
        bios = new Bios(pc, BiosDrives.of(floppy, hardDisk), messages::add);
        cpu = m.cpu;
        m.run(2_000_000);
        assertThat(cpu.seg[Cpu.CS].base + cpu.eip).as("the boot sector runs").isEqualTo(0x7C00);
    }

    /** A 1.44 MB diskette whose boot sector is {@code jmp $}. */
    static MemoryDisk bootDiskette() {
        MemoryDisk d = new MemoryDisk(2880);
        d.data()[0] = (byte) 0xEB;
        d.data()[1] = (byte) 0xFE;
        d.data()[510] = 0x55;
        d.data()[511] = (byte) 0xAA;
        return d;
    }

    /** Registers for a call: EAX, EBX, ECX, EDX, ESI, EDI and ES, DS. */
    BiosHarness regs(int eax, int ebx, int ecx, int edx) {
        cpu.reg[Cpu.EAX] = eax;
        cpu.reg[Cpu.EBX] = ebx;
        cpu.reg[Cpu.ECX] = ecx;
        cpu.reg[Cpu.EDX] = edx;
        return this;
    }

    BiosHarness es(int sel) {
        cpu.seg[Cpu.ES].loadReal(sel);
        return this;
    }

    BiosHarness ds(int sel) {
        cpu.seg[Cpu.DS].loadReal(sel);
        return this;
    }

    /** INT {@code vector} with interrupts enabled, as a program calls it; returns when it has returned. */
    BiosHarness call(int vector) {
        m.mem.write8(CALL_SITE, 0xCD);
        m.mem.write8(CALL_SITE + 1, vector);
        m.mem.write8(CALL_SITE + 2, 0xFA); // cli
        m.mem.write8(CALL_SITE + 3, 0xF4); // hlt
        cpu.seg[Cpu.CS].loadReal(0);
        cpu.eip = CALL_SITE;
        cpu.seg[Cpu.SS].loadReal(0);
        cpu.reg[Cpu.ESP] = 0x7000;
        cpu.state = Cpu.State.RUNNING;
        cpu.setEflags(0x0202);
        Machine.StopReason r = m.run(50_000_000);
        assertThat(r).as("INT %02Xh returned", vector).isEqualTo(Machine.StopReason.HALTED_FOREVER);
        assertThat(cpu.eip).isEqualTo(CALL_SITE + 4);
        return this;
    }

    /** Lets virtual time pass with the CPU idle and interrupts on. */
    void idle(long nanos) {
        m.mem.write8(CALL_SITE + 8, 0xF4); // hlt
        m.mem.write8(CALL_SITE + 9, 0xEB); // jmp $-3
        m.mem.write8(CALL_SITE + 10, 0xFD);
        cpu.seg[Cpu.CS].loadReal(0);
        cpu.eip = CALL_SITE + 8;
        cpu.seg[Cpu.SS].loadReal(0);
        cpu.reg[Cpu.ESP] = 0x7000;
        cpu.state = Cpu.State.RUNNING;
        cpu.setEflags(0x0202);
        m.scheduler.newTimer("test end", m::interrupt).scheduleIn(m.clock.nanosToCycles(nanos));
        assertThat(m.run(0)).isEqualTo(Machine.StopReason.INTERRUPTED);
    }

    int ax() {
        return cpu.reg16(Cpu.EAX);
    }

    int ah() {
        return cpu.reg8(4);
    }

    boolean cf() {
        return cpu.cf();
    }

    boolean zf() {
        return cpu.zf();
    }
}
