package org.jinx.debug;

import org.jinx.cpu.Cpu;
import org.jinx.mem.MemoryRegion;
import org.jinx.mem.RomRegion;

/**
 * Guest memory as a debugger sees it: linear addresses translated through the current page
 * tables without faulting the guest, without setting accessed or dirty bits, and without
 * touching the TLB. Only RAM and ROM are read (a device register may change state when read);
 * only RAM is written, through the normal write path so decoded instructions are invalidated.
 */
final class DebugMemory {
    private final Cpu cpu;

    DebugMemory(Cpu cpu) {
        this.cpu = cpu;
    }

    /** Reads up to {@code len} bytes; returns how many were readable before the first that is not. */
    int read(long addr, byte[] out, int off, int len) {
        int done = 0;
        while (done < len) {
            long phys = physical(addr + done);
            if (phys < 0) {
                break;
            }
            MemoryRegion r = cpu.mem.regionAt((int) phys);
            if (r != null && !(r instanceof RomRegion)) {
                break;
            }
            int n = chunk(addr + done, len - done);
            for (int i = 0; i < n; i++) {
                out[off + done + i] = (byte) cpu.mem.read8((int) phys + i);
            }
            done += n;
        }
        return done;
    }

    /** Writes up to {@code len} bytes of RAM; returns how many were written before the first that could not be. */
    int write(long addr, byte[] in, int off, int len) {
        int done = 0;
        while (done < len) {
            long phys = physical(addr + done);
            if (phys < 0 || cpu.mem.regionAt((int) phys) != null) {
                break;
            }
            int n = chunk(addr + done, len - done);
            for (int i = 0; i < n; i++) {
                cpu.mem.write8((int) phys + i, in[off + done + i]);
            }
            done += n;
        }
        return done;
    }

    /** The physical address of a linear one, or -1 when it is outside 4 GiB or not mapped. */
    private long physical(long lin) {
        if (lin < 0 || lin > 0xFFFFFFFFL) {
            return -1;
        }
        return cpu.paging.peekTranslate((int) lin);
    }

    /** Bytes from {@code lin} to the end of its 4 KiB page, at most {@code max}. */
    private static int chunk(long lin, int max) {
        return (int) Math.min(max, 0x1000 - (lin & 0xFFF));
    }
}
