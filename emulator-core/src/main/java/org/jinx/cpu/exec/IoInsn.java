package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Port I/O: IN and OUT with an immediate port (E4-E7) or the port in DX (EC-EF), moving AL, AX
 * or EAX. {@link IoPermission} decides whether the access is allowed.
 *
 * <p>Timing (386 manual): the row holds the real-mode count and, in {@code clkAlt}, the
 * protected-mode count for CPL &lt;= IOPL; when the bitmap has to be consulted (CPL &gt; IOPL or
 * virtual-8086 mode) the manual gives 20 clocks more.
 */
public final class IoInsn {
    /** Extra clocks when the access goes through the I/O permission bitmap. */
    static final int BITMAP_CLOCKS = 20;

    private IoInsn() {
    }

    private static int port(Cpu cpu, DecodedInsn d) {
        return (d.opcode & 0x08) != 0 ? cpu.reg[Cpu.EDX] & 0xFFFF : d.imm & 0xFF;
    }

    public static void in(Cpu cpu, DecodedInsn d) {
        int port = port(cpu, d);
        int size = d.osize;
        IoPermission.check(cpu, port, size);
        cpu.setReg(size, Cpu.EAX, cpu.in(port, size));
        charge(cpu, d);
    }

    public static void out(Cpu cpu, DecodedInsn d) {
        int port = port(cpu, d);
        int size = d.osize;
        IoPermission.check(cpu, port, size);
        cpu.out(port, size, cpu.getReg(size, Cpu.EAX));
        charge(cpu, d);
    }

    /** Replaces the row's real-mode count with the protected-mode one where that applies. */
    static void charge(Cpu cpu, DecodedInsn d) {
        if (cpu.protectedMode()) {
            cpu.extraCycles += d.row.clkAlt - d.row.clkReg
                    + (IoPermission.needsBitmap(cpu) ? BITMAP_CLOCKS : 0);
        }
    }
}
