package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Segment;

/**
 * The protection check of IN, OUT, INS and OUTS. In protected mode with CPL &lt;= IOPL every port
 * is open. Otherwise (CPL &gt; IOPL, or always in virtual-8086 mode) the I/O permission bitmap of
 * the current 32-bit TSS decides: the 16-bit word at TSS+0x66 is the bitmap's offset in the TSS,
 * bit n stands for port n, and every bit of the ports accessed must be 0 and lie within the TSS
 * limit. Anything else, including a 16-bit TSS that has no bitmap, is #GP(0).
 */
public final class IoPermission {
    /** Offset in a 386 TSS of the word that holds the I/O map base. */
    static final int IOMAP_BASE_FIELD = 0x66;

    private IoPermission() {
    }

    /** Whether this access is checked against the bitmap rather than allowed by IOPL. */
    public static boolean needsBitmap(Cpu cpu) {
        return cpu.protectedMode() && (cpu.v86() || cpu.cpl > cpu.iopl());
    }

    /** Raises #GP(0) unless {@code size} bytes at {@code port} may be accessed. */
    public static void check(Cpu cpu, int port, int size) {
        if (needsBitmap(cpu)) {
            checkBitmap(cpu, port & 0xFFFF, size);
        }
    }

    private static void checkBitmap(Cpu cpu, int port, int size) {
        Segment tss = cpu.tr;
        int type = tss.type();
        // Available (9) or busy (0B) 386 TSS; a 286 TSS has no bitmap.
        if (!tss.valid || !tss.system() || (type & 0x0D) != 0x09) {
            throw cpu.gp(0);
        }
        long limit = tss.limit & 0xFFFFFFFFL;
        if (limit < IOMAP_BASE_FIELD + 1) {
            throw cpu.gp(0);
        }
        int mapBase = cpu.paging.read16(tss.base + IOMAP_BASE_FIELD, false);
        int first = port >>> 3;
        int last = port + size - 1 >>> 3;
        if (mapBase + last > limit) {
            throw cpu.gp(0);
        }
        int bits = cpu.paging.read8(tss.base + mapBase + first, false);
        if (last != first) {
            bits |= cpu.paging.read8(tss.base + mapBase + last, false) << 8;
        }
        int wanted = (1 << size) - 1 << (port & 7);
        if ((bits & wanted) != 0) {
            throw cpu.gp(0);
        }
    }
}
