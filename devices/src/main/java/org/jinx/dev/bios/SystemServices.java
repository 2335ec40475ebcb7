package org.jinx.dev.bios;

import static org.jinx.dev.bios.BiosMemory.*;
import static org.jinx.dev.bios.CallFrame.*;

import org.jinx.bus.IoPortBus;
import org.jinx.cpu.Cpu;

/**
 * INT 11h (equipment word), INT 12h (conventional memory), INT 14h (serial ports, polled) and
 * INT 15h, the system services: E820h memory map, E801h and 88h memory sizes, 2400h-2403h A20
 * gate, 86h wait, C0h configuration table, C1h EBDA segment. Unsupported INT 15h functions
 * return CF set with AH = 86h.
 */
final class SystemServices {
    private static final int SMAP = 0x534D4150;
    private static final int UNSUPPORTED = 0x86;

    private final Bios bios;
    private final BiosMemory mem;
    private final IoPortBus io;
    /** The virtual time an INT 15h AH=86h wait ends, or -1 when none is in progress. */
    private long waitUntilNanos = -1;

    SystemServices(Bios bios) {
        this.bios = bios;
        this.mem = bios.mem;
        this.io = bios.pc.machine.io;
    }

    void int11(Cpu cpu) {
        setAx(cpu, mem.bda16(EQUIPMENT));
    }

    void int12(Cpu cpu) {
        setAx(cpu, mem.bda16(MEMORY_KIB));
    }

    // ---------------------------------------------------------------- INT 14h

    /** 00h initialise (AL: rate, parity, stop, length), 01h send AL, 02h receive, 03h status. */
    void int14(Cpu cpu) {
        int dx = dx(cpu);
        int base = dx < 4 ? mem.bda16(COM_PORTS + 2 * dx) : 0;
        if (base == 0) {
            setAh(cpu, 0x80); // timeout: no such port
            return;
        }
        switch (ah(cpu)) {
            case 0x00 -> {
                int[] divisors = {1047, 768, 384, 192, 96, 48, 24, 12}; // 110 to 9600 baud
                int al = al(cpu);
                io.out(base + 3, 1, 0x80);
                io.out(base, 1, divisors[al >> 5] & 0xFF);
                io.out(base + 1, 1, divisors[al >> 5] >> 8);
                io.out(base + 3, 1, al & 0x1F);
                io.out(base + 1, 1, 0x00);
                status(cpu, base);
            }
            case 0x01 -> {
                io.out(base, 1, al(cpu));
                setAh(cpu, io.in(base + 5, 1) & 0x7F);
            }
            case 0x02 -> {
                int lsr = io.in(base + 5, 1);
                if ((lsr & 0x01) == 0) {
                    setAh(cpu, 0x80 | lsr & 0x1E); // nothing received: time-out
                    return;
                }
                setAl(cpu, io.in(base, 1));
                setAh(cpu, lsr & 0x1E);
            }
            case 0x03 -> status(cpu, base);
            default -> { }
        }
    }

    private void status(Cpu cpu, int base) {
        setAh(cpu, io.in(base + 5, 1));
        setAl(cpu, io.in(base + 6, 1));
    }

    // ---------------------------------------------------------------- INT 15h

    void int15(Cpu cpu) {
        int ax = ax(cpu);
        switch (ah(cpu)) {
            case 0x24 -> a20(cpu, ax & 0xFF);
            case 0x86 -> delay(cpu);
            case 0x88 -> {
                setAx(cpu, (int) Math.min(0xFFFF, Math.max(0, ramKib() - 1024)));
                ok(cpu);
            }
            case 0x90, 0x91 -> { // device busy / interrupt complete: nothing to wait for
                setAh(cpu, 0);
                ok(cpu);
            }
            case 0xC0 -> {
                cpu.seg[Cpu.ES].loadReal(0xF000);
                cpu.setReg16(Cpu.EBX, BiosRom.CONFIG_TABLE);
                setAh(cpu, 0);
                ok(cpu);
            }
            case 0xC1 -> {
                cpu.seg[Cpu.ES].loadReal(mem.bda16(EBDA_SEGMENT));
                ok(cpu);
            }
            case 0xE8 -> {
                if (ax == 0xE820 && cpu.reg[Cpu.EDX] == SMAP) {
                    e820(cpu);
                } else if (ax == 0xE801) {
                    long kib = ramKib();
                    int low = (int) Math.min(0x3C00, Math.max(0, kib - 1024)); // 1-16 MiB in KiB
                    int high = (int) Math.max(0, (kib - 16 * 1024) / 64); // above 16 MiB in 64 KiB
                    cpu.setReg16(Cpu.EAX, low);
                    cpu.setReg16(Cpu.ECX, low);
                    cpu.setReg16(Cpu.EBX, high);
                    cpu.setReg16(Cpu.EDX, high);
                    ok(cpu);
                } else {
                    fail(cpu, UNSUPPORTED);
                }
            }
            default -> fail(cpu, UNSUPPORTED);
        }
    }

    private long ramKib() {
        return (mem.physical().ramSize() & 0xFFFFFFFFL) >> 10;
    }

    /** The memory map, one 20-byte entry per call; EBX is the continuation (0 after the last). */
    private void e820(Cpu cpu) {
        long ram = mem.physical().ramSize() & 0xFFFFFFFFL;
        long ebda = (long) mem.bda16(EBDA_SEGMENT) << 4;
        long[][] map = {
            {0, ebda, 1}, // conventional memory
            {ebda, 0xA0000 - ebda, 2}, // extended BIOS data area
            {0xF0000, 0x10000, 2}, // system ROM
            {0x100000, ram - 0x100000, 1}, // extended memory
            {0x1_0000_0000L - BiosRom.SIZE, BiosRom.SIZE, 2}, // the ROM's alias below 4 GiB
        };
        int i = cpu.reg[Cpu.EBX];
        if (ram <= 0x100000) {
            map[3][1] = 0;
        }
        while (i >= 0 && i < map.length && map[i][1] == 0) {
            i++;
        }
        if (i < 0 || i >= map.length || cpu.reg16(Cpu.ECX) < 20) {
            fail(cpu, UNSUPPORTED);
            return;
        }
        int buf = BiosMemory.linear(cpu.seg[Cpu.ES].selector, cpu.reg16(Cpu.EDI));
        mem.write32(buf, (int) map[i][0]);
        mem.write32(buf + 4, (int) (map[i][0] >>> 32));
        mem.write32(buf + 8, (int) map[i][1]);
        mem.write32(buf + 12, (int) (map[i][1] >>> 32));
        mem.write32(buf + 16, (int) map[i][2]);
        int next = i + 1;
        while (next < map.length && map[next][1] == 0) {
            next++;
        }
        cpu.reg[Cpu.EBX] = next < map.length ? next : 0;
        cpu.reg[Cpu.EAX] = SMAP;
        cpu.reg[Cpu.ECX] = 20;
        ok(cpu);
    }

    /** AL: 00h disable, 01h enable, 02h status in AL, 03h support (BX: 8042 and port 92h). */
    private void a20(Cpu cpu, int al) {
        switch (al) {
            case 0x00, 0x01 -> {
                boolean on = al == 0x01;
                io.out(0x64, 1, 0xD1); // write the 8042's output port: A20 bit 1, RESET bit 0 high
                io.out(0x60, 1, on ? 0xDF : 0xDD);
                int p92 = io.in(0x92, 1);
                io.out(0x92, 1, (on ? p92 | 0x02 : p92 & ~0x02) & ~0x01);
                setAh(cpu, 0);
            }
            case 0x02 -> {
                setAl(cpu, mem.physical().a20() ? 1 : 0);
                setAh(cpu, 0);
            }
            case 0x03 -> {
                cpu.setReg16(Cpu.EBX, 0x0003);
                setAh(cpu, 0);
            }
            default -> {
                fail(cpu, UNSUPPORTED);
                return;
            }
        }
        ok(cpu);
    }

    /** Waits CX:DX microseconds of virtual time, halting between timer ticks. */
    private void delay(Cpu cpu) {
        long now = bios.pc.machine.clock.nanos();
        if (waitUntilNanos < 0) {
            long micros = (long) cx(cpu) << 16 | dx(cpu);
            waitUntilNanos = now + micros * 1000;
        }
        if (now < waitUntilNanos) {
            waitAndRetry(cpu);
            return;
        }
        waitUntilNanos = -1;
        setAh(cpu, 0);
        ok(cpu);
    }
}
