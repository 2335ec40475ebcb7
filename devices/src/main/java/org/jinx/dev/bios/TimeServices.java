package org.jinx.dev.bios;

import static org.jinx.dev.bios.BiosMemory.*;
import static org.jinx.dev.bios.CallFrame.*;

import org.jinx.cpu.Cpu;

/**
 * Time of day: the IRQ 0 tick count at 0040:006C (18.2 ticks a second, reset at midnight with
 * the flag at 0040:0070) and INT 1Ah: 00h/01h get/set ticks, 02h/03h RTC time, 04h/05h RTC date,
 * in BCD as the RTC holds it (POST sets the RTC to BCD, 24-hour).
 */
final class TimeServices {
    /** Ticks in a day: 24 h × 3600 s × 1193182 Hz / 65536. */
    static final int TICKS_PER_DAY = 0x1800B0;

    private final Bios bios;
    private final BiosMemory mem;

    TimeServices(Bios bios) {
        this.bios = bios;
        this.mem = bios.mem;
    }

    void timerTick(Cpu cpu) {
        int t = mem.bda32(TICKS) + 1;
        if (t >= TICKS_PER_DAY) {
            t = 0;
            mem.setBda8(MIDNIGHT, 1);
        }
        mem.setBda32(TICKS, t);
        int motor = mem.bda8(0x40);
        if (motor > 0) {
            mem.setBda8(0x40, motor - 1); // diskette motor count-down, kept for programs that read it
        }
    }

    /** Sets the tick count from the RTC's time of day, as POST does. */
    void loadTicksFromRtc() {
        long seconds = bcd(rtc(0x04)) * 3600L + bcd(rtc(0x02)) * 60L + bcd(rtc(0x00));
        mem.setBda32(TICKS, (int) (seconds * 1_193_182L / 65_536L));
    }

    void int1a(Cpu cpu) {
        switch (ah(cpu)) {
            case 0x00 -> {
                int t = mem.bda32(TICKS);
                cpu.setReg16(Cpu.ECX, t >>> 16);
                cpu.setReg16(Cpu.EDX, t);
                setAl(cpu, mem.bda8(MIDNIGHT));
                mem.setBda8(MIDNIGHT, 0);
            }
            case 0x01 -> {
                mem.setBda32(TICKS, cx(cpu) << 16 | dx(cpu));
                mem.setBda8(MIDNIGHT, 0);
            }
            case 0x02 -> {
                cpu.setReg8(5, rtc(0x04)); // CH hours
                cpu.setReg8(1, rtc(0x02)); // CL minutes
                cpu.setReg8(6, rtc(0x00)); // DH seconds
                cpu.setReg8(2, rtc(0x0B) & 0x01); // DL daylight saving
                ok(cpu);
            }
            case 0x03 -> {
                setRtc(0x04, ch(cpu));
                setRtc(0x02, cl(cpu));
                setRtc(0x00, dh(cpu));
                setRtc(0x0B, rtc(0x0B) & ~0x01 | dl(cpu) & 0x01);
                ok(cpu);
            }
            case 0x04 -> {
                cpu.setReg8(5, rtc(0x32)); // CH century
                cpu.setReg8(1, rtc(0x09)); // CL year
                cpu.setReg8(6, rtc(0x08)); // DH month
                cpu.setReg8(2, rtc(0x07)); // DL day
                ok(cpu);
            }
            case 0x05 -> {
                setRtc(0x32, ch(cpu));
                setRtc(0x09, cl(cpu));
                setRtc(0x08, dh(cpu));
                setRtc(0x07, dl(cpu));
                ok(cpu);
            }
            default -> setReturnFlags(cpu, Cpu.CF, true);
        }
    }

    private int rtc(int index) {
        return bios.post.cmos(index);
    }

    private void setRtc(int index, int v) {
        bios.post.setCmos(index, v);
    }

    private static int bcd(int v) {
        return (v >> 4) * 10 + (v & 0x0F);
    }
}
