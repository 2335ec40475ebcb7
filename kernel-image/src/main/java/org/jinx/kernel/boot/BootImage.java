package org.jinx.kernel.boot;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jinx.boot.BootException;
import org.jinx.boot.ElfFile;
import org.jinx.kernel.Kernel;
import org.jinx.kernel.mm.AddressSpaces;
import org.jinx.kernel.priv.PrivTable;
import org.jinx.kernel.proc.Endpoint;
import org.jinx.kernel.proc.Proc;
import org.jinx.kernel.proc.RtsFlag;

/**
 * Loads ELF programs as boot processes. The first modules take the boot image's fixed endpoints
 * in order (0 = PM's slot, 1 = VFS's, ... 11 = INIT's; spec 2.4), later ones get ordinary slots.
 * Each gets an address space of its own with real i386 page tables: its PT_LOAD segments (text
 * read-only), a stack, and on the stack argc, argv and an empty environment as the i386 System V
 * process start describes. System modules get SET_SYS's default privileges under their static
 * priv ids and manage their own signals; user modules share the user privileges (SENDREC only).
 */
public final class BootImage {
    /** The top of every process's stack, and its size. */
    public static final int STACK_TOP = 0xC0000000;
    public static final int STACK_SIZE = 64 * 1024;
    private static final int PF_W = 2;

    /** One program to boot: its name (for ps and logs), the ELF bytes, argv[1..], its privileges. */
    public record Module(String name, byte[] elf, List<String> args, boolean user) {
        public Module {
            args = List.copyOf(args);
        }

        public static Module system(String name, byte[] elf, String... args) {
            return new Module(name, elf, List.of(args), false);
        }

        public static Module user(String name, byte[] elf, String... args) {
            return new Module(name, elf, List.of(args), true);
        }
    }

    private final Kernel kernel;

    public BootImage(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Loads every module and makes it runnable; returns the processes in module order. */
    public List<Proc> load(List<Module> modules) throws BootException {
        List<Proc> procs = new ArrayList<>();
        for (int i = 0; i < modules.size(); i++) {
            procs.add(load(i, modules.get(i)));
        }
        return procs;
    }

    private Proc load(int index, Module m) throws BootException {
        ElfFile elf = ElfFile.parse(m.elf(), m.name());
        AddressSpaces spaces = kernel.spaces();
        int space = spaces.create();
        if (space == -1) {
            throw new BootException("out of memory loading '" + m.name() + "'");
        }
        loadSegments(elf, m, space);
        int esp = buildStack(m, space);
        Proc p = slotFor(index, m.name());
        p.setName(shortName(m.name()));
        p.context.cr3 = space;
        p.ownsSpace = true;
        p.context.eip = (int) elf.entry;
        p.context.esp = esp;
        if (m.user()) {
            kernel.setUserPriv(p);
        } else if (p.priv() == null || !p.priv().isSysProc()) {
            boolean boot = index <= Endpoint.INIT;
            if (kernel.setSystemPriv(p, boot ? PrivTable.staticId(index) : -1) == null) {
                throw new BootException("no privilege structure left for '" + m.name() + "'");
            }
        }
        p.clearRts(RtsFlag.BOOTINHIBIT);
        kernel.allow(p);
        return p;
    }

    /** Boot slot {@code index} while fixed endpoints last, else a new slot. */
    private Proc slotFor(int index, String name) throws BootException {
        if (index <= Endpoint.INIT) {
            return kernel.procs().slot(index);
        }
        Proc p = kernel.procs().freeSlot();
        if (p == null) {
            throw new BootException("no process slot left for '" + name + "'");
        }
        return kernel.procs().claim(p, true, RtsFlag.NO_PRIV, name);
    }

    private void loadSegments(ElfFile elf, Module m, int space) throws BootException {
        AddressSpaces spaces = kernel.spaces();
        List<long[]> readOnly = new ArrayList<>();
        List<long[]> writable = new ArrayList<>();
        for (ElfFile.Segment s : elf.loads) {
            if (s.memsz() == 0) {
                continue;
            }
            long first = s.vaddr() & ~0xFFFL;
            long end = s.vaddr() + s.memsz() + 0xFFF & ~0xFFFL;
            if (end > 0x1_0000_0000L || s.filesz() > s.memsz() || s.offset() + s.filesz() > m.elf().length) {
                throw new BootException("'" + m.name() + "' has a segment outside the address space or the file");
            }
            if (!spaces.map(space, (int) first, (int) (end - first), true)) {
                throw new BootException("out of memory loading '" + m.name() + "'");
            }
            if (!kernel.memory().copyOut(space, (int) s.vaddr(), m.elf(), (int) s.offset(), (int) s.filesz()).ok()) {
                throw new BootException("cannot write '" + m.name() + "' into its address space");
            }
            ((s.flags() & PF_W) != 0 ? writable : readOnly).add(new long[] {first, end});
        }
        // Text becomes read-only, except a page it shares with writable data.
        for (long[] r : readOnly) {
            for (long page = r[0]; page < r[1]; page += AddressSpaces.PAGE) {
                long pg = page;
                if (writable.stream().noneMatch(w -> pg >= w[0] && pg < w[1])) {
                    spaces.protect(space, (int) page, AddressSpaces.PAGE, false);
                }
            }
        }
    }

    /**
     * The initial stack, from the top down: the argument strings, then (16-byte aligned) argc,
     * argv[0..argc-1], NULL, and an empty environment's NULL. Returns the initial ESP.
     */
    private int buildStack(Module m, int space) throws BootException {
        if (!kernel.spaces().map(space, STACK_TOP - STACK_SIZE, STACK_SIZE, true)) {
            throw new BootException("out of memory for the stack of '" + m.name() + "'");
        }
        List<String> argv = new ArrayList<>();
        argv.add(shortName(m.name()));
        argv.addAll(m.args());
        int[] ptrs = new int[argv.size()];
        int top = STACK_TOP;
        for (int i = argv.size() - 1; i >= 0; i--) {
            byte[] s = (argv.get(i) + "\0").getBytes(StandardCharsets.UTF_8);
            top -= s.length;
            ptrs[i] = top;
            write(space, top, s, m);
        }
        int words = 1 + argv.size() + 1 + 1;
        int esp = top - words * 4 & ~0xF;
        if (STACK_TOP - esp > STACK_SIZE / 2) {
            throw new BootException("the arguments of '" + m.name() + "' take more than half its stack");
        }
        ByteBuffer b = ByteBuffer.allocate(words * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(argv.size());
        for (int ptr : ptrs) {
            b.putInt(ptr);
        }
        b.putInt(0).putInt(0);
        write(space, esp, b.array(), m);
        return esp;
    }

    private void write(int space, int addr, byte[] bytes, Module m) throws BootException {
        if (!kernel.memory().copyOut(space, addr, bytes, 0, bytes.length).ok()) {
            throw new BootException("cannot build the stack of '" + m.name() + "'");
        }
    }

    /** "build/guest/bin/ping.elf" becomes "ping". */
    static String shortName(String path) {
        String n = path.substring(path.lastIndexOf('/') + 1);
        int dot = n.lastIndexOf('.');
        n = dot > 0 ? n.substring(0, dot) : n;
        return n.length() > 15 ? n.substring(0, 15) : n;
    }
}
