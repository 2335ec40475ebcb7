package org.jinx.debug;

import org.jinx.cpu.Cpu;
import org.jinx.mem.MemoryRegion;
import org.jinx.mem.PhysicalMemory;
import org.jinx.mem.RomRegion;

/**
 * Guest memory as a debugger sees it: linear addresses translated through the current page
 * tables without faulting the guest, without setting accessed or dirty bits, and without
 * touching the TLB. Only RAM and ROM are read (a device register may change state when read);
 * only RAM is written, through the normal write path so decoded instructions are invalidated.
 *
 * <p>The translation is the CPU's current one in PC mode; a hosted kernel's debugger passes the
 * page tables of the process it looks at, which need not be the ones the CPU has loaded.
 */
public final class DebugMemory {
    /** Linear to physical without side effects: the physical address, or -1 when not mapped. */
    @FunctionalInterface
    public interface Translation {
        long physical(int lin);
    }

    private final PhysicalMemory mem;
    private final Translation translation;

    /** Through the CPU's current page tables (or none, with paging off). */
    DebugMemory(Cpu cpu) {
        this(cpu.mem, cpu.paging::peekTranslate);
    }

    public DebugMemory(PhysicalMemory mem, Translation translation) {
        this.mem = mem;
        this.translation = translation;
    }

    /** Reads up to {@code len} bytes; returns how many were readable before the first that is not. */
    public int read(long addr, byte[] out, int off, int len) {
        int done = 0;
        while (done < len) {
            long phys = physical(addr + done);
            if (phys < 0) {
                break;
            }
            MemoryRegion r = mem.regionAt((int) phys);
            if (r != null && !(r instanceof RomRegion)) {
                break;
            }
            int n = chunk(addr + done, len - done);
            for (int i = 0; i < n; i++) {
                out[off + done + i] = (byte) mem.read8((int) phys + i);
            }
            done += n;
        }
        return done;
    }

    /** Writes up to {@code len} bytes of RAM; returns how many were written before the first that could not be. */
    public int write(long addr, byte[] in, int off, int len) {
        int done = 0;
        while (done < len) {
            long phys = physical(addr + done);
            if (phys < 0 || mem.regionAt((int) phys) != null) {
                break;
            }
            int n = chunk(addr + done, len - done);
            for (int i = 0; i < n; i++) {
                mem.write8((int) phys + i, in[off + done + i]);
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
        return translation.physical((int) lin);
    }

    /** Bytes from {@code lin} to the end of its 4 KiB page, at most {@code max}. */
    private static int chunk(long lin, int max) {
        return (int) Math.min(max, 0x1000 - (lin & 0xFFF));
    }
}
