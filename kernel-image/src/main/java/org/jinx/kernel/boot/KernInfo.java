package org.jinx.kernel.boot;

import java.nio.charset.StandardCharsets;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.abi.Abi;
import org.jinx.kernel.clock.ClockTask;
import org.jinx.kernel.mm.FrameAllocator;
import org.jinx.kernel.mm.PagedAddressSpaces;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.mem.PhysicalMemory;

/**
 * The kernel-info page (spec 1.2, 1.5; MINIX's minix_kerninfo): one frame the kernel owns,
 * mapped read-only at {@link #KERNINFO_ADDR} in every address space, holding
 * {@code struct jinx_kerninfo}: the clock rate, the boot time, the uptime, how many processes
 * live, SYS_GETINFO's {@code struct kinfo}, the machine, and the boot image's endpoints with the
 * names of what runs there. The kernel rewrites it at every clock tick, so what a process reads
 * is at most one tick old. INT 0x21 with ECX = MINIX_KERNINFO answers its address.
 *
 * <p>There are no user-mapped IPC stubs (flag {@code KERNINFO_F_NO_IPCVECS}), so a library that
 * looks here keeps the INT 0x21/0x20 paths, as MINIX's libc does without IPC vectors.
 */
public final class KernInfo {
    public static final int KERNINFO_ADDR = 0xBFFE0000;
    /** The same address as C sees it, an unsigned number. */
    @Abi("KERNINFO_ADDR")
    private static final long KERNINFO_ADDR_UNSIGNED = KERNINFO_ADDR & 0xFFFFFFFFL;
    @Abi
    static final int KERNINFO_MAGIC = 0x4A4B4931;
    @Abi
    static final int KERNINFO_F_NO_IPCVECS = 0x1;
    /** What the record says about the processor: a 386 without a coprocessor. */
    static final int PROCESSOR = 386;

    @Abi(offsetOf = "struct jinx_kerninfo.magic")
    static final int MAGIC = 0;
    @Abi(offsetOf = "struct jinx_kerninfo.size")
    static final int SIZE_FIELD = 4;
    @Abi(offsetOf = "struct jinx_kerninfo.flags")
    static final int FLAGS = 8;
    @Abi(offsetOf = "struct jinx_kerninfo.hz")
    static final int HZ = 12;
    @Abi(offsetOf = "struct jinx_kerninfo.boot_time")
    static final int BOOT_TIME = 16;
    @Abi(offsetOf = "struct jinx_kerninfo.uptime")
    static final int UPTIME = 24;
    @Abi(offsetOf = "struct jinx_kerninfo.nr_live_procs")
    static final int NR_LIVE_PROCS = 28;
    @Abi(offsetOf = "struct jinx_kerninfo.kinfo")
    static final int KINFO = 32;
    @Abi(offsetOf = "struct jinx_kerninfo.machine")
    static final int MACHINE = 72;
    @Abi(offsetOf = "struct jinx_kerninfo.image")
    static final int IMAGE = 88;
    @Abi(sizeOf = "struct jinx_kerninfo")
    static final int SIZE = 428;

    @Abi(offsetOf = "struct kinfo.free_pages")
    static final int KINFO_FREE_PAGES = 16;
    @Abi(offsetOf = "struct kinfo.release")
    static final int KINFO_RELEASE = 24;
    static final int KINFO_RELEASE_LEN = 16;
    /** SYS_GETINFO GET_KINFO's release string; the two must say the same. */
    static final String RELEASE = "jinx-0.1";

    @Abi(offsetOf = "struct jinx_machine.cpu_hz")
    static final int MACHINE_CPU_HZ = 8;
    @Abi(offsetOf = "struct jinx_machine.ram_bytes")
    static final int MACHINE_RAM_BYTES = 12;
    @Abi(sizeOf = "struct jinx_bootproc")
    static final int BOOTPROC_SIZE = 20;
    @Abi(offsetOf = "struct jinx_bootproc.name")
    static final int BOOTPROC_NAME = 4;
    static final int BOOTPROC_NAME_LEN = 16;

    private final PhysicalMemory mem;
    private final Kernel kernel;
    private final int frame;
    private final long cpuHz;

    /**
     * Takes a frame for the page, has {@code spaces} map it into every space it creates from now
     * on, fills it, and tells the IPC trap where it is. Call before any process is loaded.
     */
    public KernInfo(PhysicalMemory mem, FrameAllocator frames, PagedAddressSpaces spaces, Kernel kernel, long cpuHz) {
        this.mem = mem;
        this.kernel = kernel;
        this.cpuHz = cpuHz;
        this.frame = frames.alloc();
        if (frame == -1) {
            throw new IllegalStateException("no memory for the kernel-info page");
        }
        for (int i = 0; i < FrameAllocator.FRAME; i += 4) {
            mem.write32(frame + i, 0);
        }
        spaces.shareIntoEverySpace(KERNINFO_ADDR, frame);
        refresh();
        kernel.ipc().setKerninfoAddress(KERNINFO_ADDR);
    }

    /** The physical address of the page (for tests). */
    public int frame() {
        return frame;
    }

    /** Rewrites the record from the kernel's current state (every tick, and after loading). */
    public void refresh() {
        put32(MAGIC, KERNINFO_MAGIC);
        put32(SIZE_FIELD, SIZE);
        put32(FLAGS, KERNINFO_F_NO_IPCVECS);
        put32(HZ, ClockTask.HZ);
        put32(BOOT_TIME, (int) kernel.bootTime());
        put32(BOOT_TIME + 4, (int) (kernel.bootTime() >>> 32));
        put32(UPTIME, (int) kernel.clock().ticks());
        put32(NR_LIVE_PROCS, liveProcesses());

        // struct kinfo, field for field as SYS_GETINFO GET_KINFO writes it.
        put32(KINFO, Endpoint.NR_PROCS);
        put32(KINFO + 4, Endpoint.NR_TASKS);
        put32(KINFO + 8, PrivTable.NR_SYS_PROCS);
        put32(KINFO + 12, ClockTask.HZ);
        put32(KINFO + KINFO_FREE_PAGES, kernel.spaces().freePages());
        put32(KINFO + 20, Endpoint.NR_BOOT_PROCS);
        putString(KINFO + KINFO_RELEASE, RELEASE, KINFO_RELEASE_LEN);

        put32(MACHINE, PROCESSOR);
        put32(MACHINE + 4, 0);
        put32(MACHINE + MACHINE_CPU_HZ, (int) cpuHz);
        put32(MACHINE + MACHINE_RAM_BYTES, mem.ramSize());

        for (int i = 0; i < Endpoint.NR_BOOT_PROCS; i++) {
            Proc p = kernel.procs().slot(i - Endpoint.NR_TASKS);
            int at = IMAGE + i * BOOTPROC_SIZE;
            put32(at, p.isFree() ? Endpoint.NONE : p.endpoint());
            putString(at + BOOTPROC_NAME, p.isFree() ? "" : p.name(), BOOTPROC_NAME_LEN);
        }
    }

    private int liveProcesses() {
        int n = 0;
        for (int s = 0; s < Endpoint.NR_PROCS; s++) {
            n += kernel.procs().slot(s).isFree() ? 0 : 1;
        }
        return n;
    }

    private void put32(int offset, int v) {
        mem.write32(frame + offset, v);
    }

    /** A NUL-padded string field; a longer string is cut to leave the final NUL. */
    private void putString(int offset, String s, int max) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < max; i++) {
            mem.write8(frame + offset + i, i < Math.min(b.length, max - 1) ? b[i] : 0);
        }
    }
}
