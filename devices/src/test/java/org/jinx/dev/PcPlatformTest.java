package org.jinx.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.jinx.Machine;
import org.jinx.bus.IoPortBus;
import org.jinx.bus.IoPortHandler;
import org.junit.jupiter.api.Test;

/** The board as a guest sees it: programmed through machine.io, observed at the CPU's INTA. */
class PcPlatformTest {
    private static final long CPU_HZ = 33_000_000L;

    /** One delivered interrupt: when the CPU acknowledged it and which vector it got. */
    private record Delivery(long cycle, int vector) {
    }

    private static Machine machine() {
        return new Machine(1 << 20, CPU_HZ);
    }

    private static void initPics(Machine m) {
        m.io.out(0x20, 1, 0x11);
        m.io.out(0x21, 1, 0x08);
        m.io.out(0x21, 1, 0x04);
        m.io.out(0x21, 1, 0x01);
        m.io.out(0xA0, 1, 0x11);
        m.io.out(0xA1, 1, 0x70);
        m.io.out(0xA1, 1, 0x02);
        m.io.out(0xA1, 1, 0x01);
        m.io.out(0x21, 1, 0xFA); // only IRQ 0 and the cascade unmasked
        m.io.out(0xA1, 1, 0xFF);
    }

    /**
     * The run loop of an idle CPU with IF set: jump to each deadline, fire it, and take every
     * interrupt the PIC presents, answering each with a non-specific EOI as a handler would.
     */
    private static List<Delivery> idleUntil(Machine m, long endCycle) {
        List<Delivery> got = new ArrayList<>();
        while (m.scheduler.nextDeadline() <= endCycle) {
            m.clock.setCycles(Math.max(m.clock.cycles(), m.scheduler.nextDeadline()));
            m.scheduler.runDue();
            while (m.cpu.pic.intrPending()) {
                got.add(new Delivery(m.clock.cycles(), m.cpu.pic.acknowledge()));
                m.io.out(0x20, 1, 0x20);
            }
        }
        m.clock.setCycles(Math.max(m.clock.cycles(), endCycle));
        return got;
    }

    /**
     * A ROM that never programs the PICs (test386.asm) may run with IF set: nothing may reach
     * the CPU, although counter 0's OUT is high from power-on.
     */
    @Test
    void boardWhosePicsWereNeverInitializedInterruptsNothing() {
        Machine m = machine();
        new PcPlatform(m);
        m.clock.setCycles(CPU_HZ);
        m.scheduler.runDue();
        assertThat(m.cpu.pic.intrPending()).isFalse();
    }

    @Test
    void pit100HzDeliversVector8ToTheCpuAHundredTimesPerVirtualSecond() {
        Machine m = machine();
        new PcPlatform(m);
        initPics(m);
        m.io.out(0x43, 1, 0x34); // counter 0, LSB then MSB, mode 2
        m.io.out(0x40, 1, 11932 & 0xFF);
        m.io.out(0x40, 1, 11932 >> 8);

        List<Delivery> got = idleUntil(m, CPU_HZ);
        assertThat(got).hasSizeBetween(99, 101);
        assertThat(got).allMatch(d -> d.vector == 0x08);
        // Each tick k arrives (k * 11932 + 1) PIT clocks after programming, within one CPU cycle.
        for (int k = 1; k <= got.size(); k++) {
            long pitClocks = k * 11932L + 1;
            long expected = (pitClocks * CPU_HZ + 1_193_181) / 1_193_182;
            assertThat(got.get(k - 1).cycle).as("tick %d", k).isBetween(expected, expected + 1);
        }
    }

    @Test
    void maskedIrq0DeliversNothingAndUnmaskingDeliversTheLatchedTick() {
        Machine m = machine();
        new PcPlatform(m);
        initPics(m);
        m.io.out(0x21, 1, 0xFF);
        m.io.out(0x43, 1, 0x34);
        m.io.out(0x40, 1, 0x00);
        m.io.out(0x40, 1, 0x10); // 4096 clocks, about 291 per second
        assertThat(idleUntil(m, CPU_HZ / 10)).isEmpty();
        m.io.out(0x21, 1, 0xFE);
        assertThat(m.cpu.pic.intrPending()).isTrue();
        assertThat(m.cpu.pic.acknowledge()).isEqualTo(0x08);
    }

    @Test
    void slaveIrqReachesTheCpuWithTheSlaveVector() {
        Machine m = machine();
        PcPlatform pc = new PcPlatform(m);
        initPics(m);
        m.io.out(0xA1, 1, 0xEF); // unmask IRQ 12
        pc.irq(12).pulse();
        assertThat(m.cpu.pic.intrPending()).isTrue();
        assertThat(m.cpu.pic.acknowledge()).isEqualTo(0x74);
    }

    @Test
    void speakerPortReadsCounter2Out() {
        Machine m = machine();
        new PcPlatform(m);
        m.io.out(0x61, 1, 0x01); // gate counter 2 on
        m.io.out(0x43, 1, 0xB0); // counter 2, mode 0
        m.io.out(0x42, 1, 100);
        m.io.out(0x42, 1, 0);
        assertThat(m.io.in(0x61, 1) & 0x20).isZero();
        m.clock.advance(CPU_HZ / 1000); // 1 ms is about 1193 PIT clocks
        assertThat(m.io.in(0x61, 1) & 0x20).isEqualTo(0x20);
    }

    @Test
    void claimedPortMakesTheBoardRefuseWithBothOwners() {
        Machine m = machine();
        m.io.register(0x40, 1, new IoPortHandler() {
            @Override
            public int read(int port, int size) {
                return 0;
            }

            @Override
            public void write(int port, int size, int value) {
            }
        }, "someone else's timer");
        assertThatThrownBy(() -> new PcPlatform(m))
                .isInstanceOf(IoPortBus.PortConflictException.class)
                .hasMessageContaining("someone else's timer").hasMessageContaining("8254 PIT");
    }

    @Test
    void snapshotRestoresProgrammedBoardOnAFreshMachine() {
        Machine m = machine();
        PcPlatform pc = new PcPlatform(m);
        initPics(m);
        m.io.out(0x43, 1, 0x34);
        m.io.out(0x40, 1, 11932 & 0xFF);
        m.io.out(0x40, 1, 11932 >> 8);
        idleUntil(m, CPU_HZ / 20);
        byte[] saved = pc.save().encode();

        Machine m2 = machine();
        m2.clock.setCycles(m.clock.cycles()); // the caller restores the clock with the CPU
        PcPlatform pc2 = new PcPlatform(m2);
        pc2.restore(org.jinx.state.Snapshot.decode(saved));

        List<Delivery> a = idleUntil(m, CPU_HZ / 5);
        List<Delivery> b = idleUntil(m2, CPU_HZ / 5);
        assertThat(b).isEqualTo(a).hasSize(15);
        assertThat(pc2.dump()).isEqualTo(pc.dump());
    }

    @Test
    void cmosDescribesTheMachineAndDeterministicClockStartsAt2000() {
        Machine m = new Machine(8 << 20, CPU_HZ);
        new PcPlatform(m, PcPlatform.Options.deterministicRun().withDisks(new int[] {47, 0}, new int[] {4, 0}));
        m.io.out(0x70, 1, 0x17);
        int extLo = m.io.in(0x71, 1);
        m.io.out(0x70, 1, 0x18);
        assertThat(extLo | m.io.in(0x71, 1) << 8).isEqualTo(7 * 1024);
        m.io.out(0x70, 1, 0x12);
        assertThat(m.io.in(0x71, 1)).isEqualTo(0xF0);
        m.io.out(0x70, 1, 0x10);
        assertThat(m.io.in(0x71, 1)).isEqualTo(0x40);
        m.io.out(0x70, 1, 0x14);
        assertThat(m.io.in(0x71, 1) & 0xC1).isEqualTo(0x01);
        m.io.out(0x70, 1, 0x09);
        assertThat(m.io.in(0x71, 1)).isEqualTo(0x00);
        m.io.out(0x70, 1, 0x32);
        assertThat(m.io.in(0x71, 1)).isEqualTo(0x20);
    }

    @Test
    void rtcPeriodicInterruptArrivesAsVector0x70() {
        Machine m = machine();
        new PcPlatform(m, PcPlatform.Options.deterministicRun());
        initPics(m);
        m.io.out(0xA1, 1, 0xFE); // unmask IRQ 8
        m.io.out(0x70, 1, 0x0B);
        m.io.out(0x71, 1, 0x42); // PIE
        List<Delivery> got = new ArrayList<>();
        while (m.scheduler.nextDeadline() <= CPU_HZ / 100) {
            m.clock.setCycles(m.scheduler.nextDeadline());
            m.scheduler.runDue();
            while (m.cpu.pic.intrPending()) {
                got.add(new Delivery(m.clock.cycles(), m.cpu.pic.acknowledge()));
                m.io.out(0x70, 1, 0x0C);
                m.io.in(0x71, 1);
                m.io.out(0xA0, 1, 0x20);
                m.io.out(0x20, 1, 0x20);
            }
        }
        assertThat(got).hasSize(10).allMatch(d -> d.vector == 0x70);
    }

    @Test
    void com1TransmitsToItsEndpointAndInterruptsOnIrq4() {
        Machine m = machine();
        org.jinx.dev.uart.MemorySerialEndpoint term = new org.jinx.dev.uart.MemorySerialEndpoint();
        new PcPlatform(m, PcPlatform.Options.deterministicRun().withSerial(term, org.jinx.dev.uart.SerialEndpoint.NULL));
        initPics(m);
        m.io.out(0x21, 1, 0xEA); // unmask IRQ 4 too
        m.io.out(0x3FB, 1, 0x80);
        m.io.out(0x3F8, 1, 1);
        m.io.out(0x3F9, 1, 0);
        m.io.out(0x3FB, 1, 0x03);
        m.io.out(0x3FC, 1, 0x08); // OUT2
        m.io.out(0x3F9, 1, 0x01); // ERBFI
        for (char c : "ok".toCharArray()) {
            m.io.out(0x3F8, 1, c);
        }
        term.feed("!");
        m.clock.setCycles(m.scheduler.nextDeadline());
        m.scheduler.runDue();
        m.clock.setCycles(m.scheduler.nextDeadline());
        m.scheduler.runDue();
        assertThat(term.outputText()).isEqualTo("ok");
        assertThat(m.cpu.pic.intrPending()).isTrue();
        assertThat(m.cpu.pic.acknowledge()).isEqualTo(0x0C);
        assertThat(m.io.in(0x3F8, 1)).isEqualTo('!');
    }

    @Test
    void keyPressReachesTheCpuAsIrq1AndPort60ReadsSet1() {
        Machine m = machine();
        PcPlatform pc = new PcPlatform(m);
        initPics(m);
        m.io.out(0x21, 1, 0xF9); // IRQ 1 and the cascade unmasked, IRQ 0 masked
        pc.kbc.keyboard().key(org.jinx.dev.kbd.Key.ENTER, true);
        assertThat(m.cpu.pic.acknowledge()).isEqualTo(0x09);
        assertThat(m.io.in(0x64, 1) & 1).isEqualTo(1);
        assertThat(m.io.in(0x60, 1)).isEqualTo(0x1C);
    }

    @Test
    void keyboardControllerResetRestartsTheCpuAtTheResetVector() {
        Machine m = machine();
        new PcPlatform(m);
        m.cpu.eip = 0x1234;
        m.io.out(0x64, 1, 0xFE);
        assertThat(m.cpu.eip).isEqualTo(0xFFF0);
        m.cpu.eip = 0x1234;
        m.io.out(0x92, 1, 0x01);
        assertThat(m.cpu.eip).isEqualTo(0xFFF0);
    }

    @Test
    void a20GateMasksAddressBit20() {
        Machine m = machine();
        new PcPlatform(m);
        m.mem.write8(0x00000, 0x11);
        m.io.out(0x64, 1, 0xD1);
        m.io.out(0x60, 1, 0xDD); // A20 off
        assertThat(m.mem.read8(0x100000)).isEqualTo(0x11);
        m.io.out(0x92, 1, 0x02); // fast A20 on
        assertThat(m.mem.a20()).isTrue();
    }

    @Test
    void textWrittenThroughPhysicalMemoryAppearsOnTheVgaScreen() {
        Machine m = machine();
        PcPlatform pc = new PcPlatform(m);
        m.mem.write16(0xB8000, 0x0748); // 'H', grey on black
        m.mem.write16(0xB8002, 0x0769);
        assertThat(pc.vga.textRow(0)).startsWith("Hi");
        m.io.out(0x3D4, 1, 0x0F);
        m.io.out(0x3D5, 1, 0x02);
        assertThat(pc.vga.cursor()).isEqualTo(2);
    }

    @Test
    void ataDiskReadCompletesWithIrq14AsVector0x76() {
        Machine m = machine();
        org.jinx.dev.disk.MemoryDisk disk = new org.jinx.dev.disk.MemoryDisk(64);
        disk.data()[3 * 512] = 0x42;
        new PcPlatform(m, PcPlatform.Options.deterministicRun().withAtaDisks(disk, null));
        initPics(m);
        m.io.out(0xA1, 1, 0xBF); // unmask IRQ 14
        m.io.out(0x1F2, 1, 1);
        m.io.out(0x1F3, 1, 3);
        m.io.out(0x1F4, 1, 0);
        m.io.out(0x1F5, 1, 0);
        m.io.out(0x1F6, 1, 0xE0);
        m.io.out(0x1F7, 1, 0x20);
        assertThat(m.cpu.pic.acknowledge()).isEqualTo(0x76);
        assertThat(m.io.in(0x1F7, 1) & 0x08).isEqualTo(0x08);
        assertThat(m.io.in(0x1F0, 2)).isEqualTo(0x42);
        m.io.out(0x70, 1, 0x12);
        assertThat(m.io.in(0x71, 1) >> 4).as("CMOS drive 0 type 15 means see 0x19").isEqualTo(0xF);
    }

    @Test
    void realModeGuestWithHltLoopCountsAHundredTimerInterruptsPerVirtualSecond() {
        Machine m = machine();
        new PcPlatform(m, PcPlatform.Options.deterministicRun());
        byte[] main = bytes(
                0xFA, // cli
                0xB0, 0x11, 0xE6, 0x20, 0xB0, 0x08, 0xE6, 0x21, // ICW1, ICW2 = 8
                0xB0, 0x04, 0xE6, 0x21, 0xB0, 0x01, 0xE6, 0x21, // ICW3, ICW4
                0xB0, 0xFE, 0xE6, 0x21, // OCW1: only IRQ 0
                0xB0, 0x34, 0xE6, 0x43, 0xB0, 0x9C, 0xE6, 0x40, 0xB0, 0x2E, 0xE6, 0x40, // counter 0 mode 2, 11932
                0xFB, // sti
                0xF4, 0xEB, 0xFD); // hlt; jmp $-1
        byte[] isr = bytes(
                0xFF, 0x06, 0x00, 0x06, // inc word [0x600]
                0x50, 0xB0, 0x20, 0xE6, 0x20, 0x58, // push ax; EOI; pop ax
                0xCF); // iret
        m.mem.load(0x7C00, main, 0, main.length);
        m.mem.load(0x7D00, isr, 0, isr.length);
        m.mem.write32(8 * 4, 0x0000_7D00); // IVT entry 8 -> 0000:7D00
        m.cpu.seg[org.jinx.cpu.Cpu.CS].loadReal(0);
        m.cpu.eip = 0x7C00;
        m.cpu.reg[org.jinx.cpu.Cpu.ESP] = 0x7000;

        // stop the run loop at one virtual second, from the event queue like any device
        m.scheduler.newTimer("one second", m::interrupt).scheduleAt(CPU_HZ);
        assertThat(m.run(0)).isEqualTo(Machine.StopReason.INTERRUPTED);
        assertThat(m.clock.cycles()).isBetween(CPU_HZ, CPU_HZ + 100);
        assertThat(m.mem.read16(0x600)).isBetween(99, 101);
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void ioDumpNamesEveryChip() {
        Machine m = machine();
        new PcPlatform(m);
        assertThat(String.join("\n", m.io.dump())).contains("8259A master PIC").contains("8259A slave PIC")
                .contains("ELCR").contains("8254 PIT").contains("system control port B").contains("MC146818 RTC").contains("NS16550A COM1").contains("NS16550A COM2")
                .contains("8042 keyboard controller").contains("system control port A").contains("VGA").contains("ATA primary");
    }
}
