package org.jinx.boot;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jinx.Machine;
import org.jinx.cpu.Cpu;

/**
 * Loads a Multiboot (0.6.96) kernel into a machine and sets the CPU up as the specification
 * says a kernel finds it: EAX = 0x2BADB002, EBX = the information structure, protected mode
 * with flat 4 GiB code and data segments, paging off, interrupts off, A20 enabled.
 *
 * <p>The image is an i386 ELF executable loaded by its PT_LOAD program headers, or any file
 * whose header sets flag bit 16 and gives its load addresses itself. The loader checks
 * everything first and touches guest memory only once the image is known to fit.
 */
public final class MultibootLoader {
    /** The value the kernel finds in EAX. */
    public static final int BOOTLOADER_MAGIC = 0x2BADB002;
    /** ESP at entry: the kernel must set up its own stack, but one below the info block is harmless. */
    public static final int INITIAL_ESP = MultibootInfo.BASE;
    private static final int MIN_RAM = 0x100000;

    /** A piece of the image to copy: {@code fileSize} bytes from the file, then zeros up to {@code memSize}. */
    public record Piece(long address, int fileOffset, long fileSize, long memSize) {
    }

    /** What was loaded, for messages and tests. */
    public record Loaded(int entry, int infoAddress, List<Piece> pieces) {
    }

    private MultibootLoader() {
    }

    /** Reads the kernel file and loads it; see {@link #load(Machine, byte[], String, String)}. */
    public static Loaded load(Machine m, Path kernel, String cmdline) throws BootException {
        byte[] image = ImageFiles.read(kernel, "kernel", m.mem.ramSize());
        return load(m, image, kernel.toString(), cmdline);
    }

    /** Loads {@code image} (named {@code name} in messages) and prepares the CPU to enter it. */
    public static Loaded load(Machine m, byte[] image, String name, String cmdline) throws BootException {
        int ram = m.mem.ramSize();
        if (ram < MIN_RAM) {
            throw new BootException("a multiboot kernel needs at least 1 MiB of RAM");
        }
        boolean elf = ElfFile.isElf(image);
        ElfFile elfFile = null;
        MultibootHeader h = MultibootHeader.find(image);
        if (elf && (h == null || !h.hasLoadAddresses())) {
            elfFile = ElfFile.parse(image, name); // class and machine errors come before "no header"
        }
        if (h == null) {
            throw new BootException(elf
                    ? "'" + name + "' has no multiboot header (magic 0x1BADB002) in its first 8192 bytes"
                    : "'" + name + "' is not a multiboot kernel: not an ELF file and no multiboot header in its first 8192 bytes");
        }
        h.check(name);
        List<Piece> pieces;
        long entry;
        if (h.hasLoadAddresses()) {
            pieces = List.of(kludgePiece(h, image, name));
            entry = h.entryAddr;
        } else {
            pieces = new ArrayList<>();
            for (ElfFile.Segment s : elfFile.loads) {
                pieces.add(new Piece(s.paddr(), (int) s.offset(), s.filesz(), s.memsz()));
            }
            entry = elfFile.physicalEntry();
        }

        MultibootInfo info = new MultibootInfo(ram, cmdline);
        long infoStart = MultibootInfo.BASE;
        long infoEnd = infoStart + info.size();
        for (Piece p : pieces) {
            long end = p.address + p.memSize;
            if (end > ram) {
                throw new BootException(String.format(
                        "'%s' loads at 0x%08X-0x%08X, beyond the %d MiB of guest RAM (use a larger --memory)",
                        name, p.address, end - 1, ram >> 20));
            }
            if (p.address < infoEnd && end > infoStart) {
                throw new BootException(String.format(
                        "'%s' loads at 0x%08X-0x%08X, over the multiboot information at 0x%08X", name, p.address,
                        end - 1, infoStart));
            }
        }
        if (entry >= ram) {
            throw new BootException(String.format("'%s' has its entry point 0x%08X outside guest RAM", name, entry));
        }

        for (Piece p : pieces) {
            m.mem.load((int) p.address, image, p.fileOffset, (int) p.fileSize);
            for (long a = p.address + p.fileSize; a < p.address + p.memSize; a++) {
                m.mem.write8((int) a, 0);
            }
        }
        int infoAddr = info.write(m.mem);
        enter(m, (int) entry, infoAddr);
        return new Loaded((int) entry, infoAddr, pieces);
    }

    /** Flag bit 16: the header says where its own file offset lands and how far to load. */
    private static Piece kludgePiece(MultibootHeader h, byte[] image, String name) throws BootException {
        if (h.loadAddr > h.headerAddr) {
            throw new BootException("'" + name + "': multiboot load_addr is above header_addr");
        }
        long fileOffset = h.fileOffset - (h.headerAddr - h.loadAddr);
        if (fileOffset < 0) {
            throw new BootException("'" + name + "': multiboot header_addr - load_addr reaches before the start of the file");
        }
        long fileSize = h.loadEndAddr == 0 ? image.length - fileOffset : h.loadEndAddr - h.loadAddr;
        if (h.loadEndAddr != 0 && h.loadEndAddr < h.loadAddr || fileOffset + fileSize > image.length) {
            throw new BootException("'" + name + "': multiboot load_end_addr is outside the file");
        }
        long memSize = fileSize;
        if (h.bssEndAddr != 0) {
            if (h.bssEndAddr < h.loadAddr + fileSize) {
                throw new BootException("'" + name + "': multiboot bss_end_addr is below load_end_addr");
            }
            memSize = h.bssEndAddr - h.loadAddr;
        }
        return new Piece(h.loadAddr, (int) fileOffset, fileSize, memSize);
    }

    /** The machine state Multiboot promises at the kernel's first instruction. */
    static void enter(Machine m, int entry, int infoAddr) {
        Cpu cpu = m.cpu;
        m.mem.setA20(true);
        cpu.cr0 = (cpu.cr0 | Cpu.CR0_PE) & ~Cpu.CR0_PG;
        cpu.seg[Cpu.CS].set(0x08, 0, 0xFFFFFFFF, 0x9B, true);
        cpu.seg[Cpu.CS].granularity = true;
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) {
            cpu.seg[s].set(0x10, 0, 0xFFFFFFFF, 0x93, true);
            cpu.seg[s].granularity = true;
        }
        cpu.cpl = 0;
        cpu.setEflags(0x2); // IF = 0, VM = 0: bit 1 is the one that always reads as 1
        cpu.reg[Cpu.EAX] = BOOTLOADER_MAGIC;
        cpu.reg[Cpu.EBX] = infoAddr;
        cpu.reg[Cpu.ESP] = INITIAL_ESP;
        cpu.eip = entry;
        cpu.state = Cpu.State.RUNNING;
        cpu.paging.flush();
    }
}
