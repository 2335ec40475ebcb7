package org.jinx.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parts of an ELF executable a boot loader needs: the header and the PT_LOAD program
 * headers, checked against the file's length. Only 32-bit little-endian i386 executables are
 * accepted (System V ABI, Intel386 supplement); everything else is refused with a reason.
 */
public final class ElfFile {
    public static final int EM_386 = 3;
    public static final int ET_EXEC = 2;
    public static final int PT_LOAD = 1;
    public static final int PF_X = 1;
    private static final int EHDR_SIZE = 52;
    private static final int PHDR_SIZE = 32;

    /** One PT_LOAD program header. Addresses and sizes are unsigned values in longs. */
    public record Segment(long offset, long vaddr, long paddr, long filesz, long memsz, int flags) {
        public boolean executable() {
            return (flags & PF_X) != 0;
        }
    }

    public final long entry;
    public final List<Segment> loads;

    private ElfFile(long entry, List<Segment> loads) {
        this.entry = entry;
        this.loads = loads;
    }

    /** True if the file starts with the ELF magic, whatever its class or machine. */
    public static boolean isElf(byte[] f) {
        return f.length >= 4 && f[0] == 0x7F && f[1] == 'E' && f[2] == 'L' && f[3] == 'F';
    }

    /** Parses an i386 executable; {@code name} is used in messages. */
    public static ElfFile parse(byte[] f, String name) throws BootException {
        if (!isElf(f)) {
            throw new BootException("'" + name + "' is not an ELF file");
        }
        if (f.length < EHDR_SIZE) {
            throw new BootException("'" + name + "' is a truncated ELF file (" + f.length + " bytes)");
        }
        if (f[4] == 2) {
            throw new BootException("'" + name + "' is a 64-bit ELF file; Jinx loads 32-bit i386 (ELFCLASS32) executables");
        }
        if (f[4] != 1) {
            throw new BootException("'" + name + "' has an unknown ELF class " + f[4]);
        }
        if (f[5] != 1) {
            throw new BootException("'" + name + "' is a big-endian ELF file; i386 executables are little-endian");
        }
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        int type = b.getShort(16) & 0xFFFF;
        int machine = b.getShort(18) & 0xFFFF;
        if (machine != EM_386) {
            throw new BootException("'" + name + "' is an ELF file for machine " + machine + ", not i386 (EM_386 = 3)");
        }
        if (type != ET_EXEC) {
            throw new BootException("'" + name + "' is an ELF file of type " + type
                    + ", not an executable (ET_EXEC); link it with a fixed load address");
        }
        long entry = b.getInt(24) & 0xFFFFFFFFL;
        long phoff = b.getInt(28) & 0xFFFFFFFFL;
        int phentsize = b.getShort(42) & 0xFFFF;
        int phnum = b.getShort(44) & 0xFFFF;
        if (phnum == 0) {
            throw new BootException("'" + name + "' has no program headers");
        }
        if (phentsize < PHDR_SIZE || phoff + (long) phnum * phentsize > f.length) {
            throw new BootException("'" + name + "' has a corrupt program header table");
        }
        List<Segment> loads = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int p = (int) (phoff + (long) i * phentsize);
            if (b.getInt(p) != PT_LOAD) {
                continue;
            }
            Segment s = new Segment(b.getInt(p + 4) & 0xFFFFFFFFL, b.getInt(p + 8) & 0xFFFFFFFFL,
                    b.getInt(p + 12) & 0xFFFFFFFFL, b.getInt(p + 16) & 0xFFFFFFFFL,
                    b.getInt(p + 20) & 0xFFFFFFFFL, b.getInt(p + 24));
            if (s.offset + s.filesz > f.length) {
                throw new BootException(String.format("'%s': program header %d reaches past the end of the file", name, i));
            }
            if (s.filesz > s.memsz) {
                throw new BootException(String.format("'%s': program header %d has p_filesz > p_memsz", name, i));
            }
            loads.add(s);
        }
        if (loads.isEmpty()) {
            throw new BootException("'" + name + "' has no loadable (PT_LOAD) segment");
        }
        return new ElfFile(entry, Collections.unmodifiableList(loads));
    }

    /**
     * The entry point as a physical address. Where a segment is linked at a virtual address
     * different from its load address, an entry inside it is moved by the same amount, as GRUB
     * does for kernels linked in the higher half.
     */
    public long physicalEntry() {
        for (Segment s : loads) {
            if (entry >= s.vaddr && entry < s.vaddr + s.memsz) {
                return entry - s.vaddr + s.paddr;
            }
        }
        return entry;
    }
}
