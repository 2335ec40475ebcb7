package org.jinx.dev.bios;

import java.util.function.Consumer;
import org.jinx.bus.IoPortHandler;
import org.jinx.cpu.Cpu;
import org.jinx.dev.PcPlatform;
import org.jinx.mem.RomRegion;

/**
 * The built-in BIOS: a generated ROM of entry points ({@link BiosRom}) whose services run in
 * Java.
 *
 * <p><b>How a service reaches Java.</b> Every IVT entry the BIOS owns points at a trap site in
 * the ROM, an {@code OUT 0xEB, AL}. This class claims port 0xEB; when it is written, it looks
 * at the CS:IP of the OUT (the CPU has not advanced EIP yet) and, if that is one of the ROM's
 * trap sites, runs the service for it inside the OUT instruction. The service reads and writes
 * the caller's registers directly and puts CF/ZF results into the FLAGS image of the caller's
 * IRET frame. Nothing of the guest's state is disturbed by the mechanism itself: OUT only reads
 * AL, the port has no other owner, and an OUT to 0xEB from anywhere but a trap site (old code
 * uses 0xEB as a delay port) does nothing. Guests that hook a vector and chain to the old one
 * reach the same trap site, so hooking works as with any BIOS.
 *
 * <p>The BIOS works on the board's chips through the I/O bus as firmware would (PIC and PIT
 * set-up, VGA registers, the RTC, the 8042), and serves disks straight from their images: INT
 * 13h does not go through the ATA controller, so a guest can mix both.
 */
public final class Bios implements IoPortHandler {
    public static final int TRAP_PORT = BiosRom.TRAP_PORT;

    final PcPlatform pc;
    final Cpu cpu;
    final BiosMemory mem;
    final BiosDrives drives;
    final Consumer<String> messages;

    final VideoServices video;
    final DiskServices disk;
    final KeyboardServices keyboard;
    final SystemServices system;
    final TimeServices time;
    final BootServices boot;
    final Post post;

    /** Services by ROM offset of their trap site; null where there is none. */
    private final Service[] sites = new Service[BiosRom.SIZE];

    @FunctionalInterface
    interface Service {
        void call(Cpu cpu);
    }

    /**
     * Maps the ROM at 0xF0000 and below 4 GiB (where the CPU's first fetch goes) and claims the
     * trap port. {@code messages} receives what the BIOS has to tell the user (what it boots,
     * why it cannot), one line each; the same text goes to the screen.
     */
    public Bios(PcPlatform pc, BiosDrives drives, Consumer<String> messages) {
        this.pc = pc;
        this.cpu = pc.machine.cpu;
        this.mem = new BiosMemory(cpu);
        this.drives = drives;
        this.messages = messages;
        video = new VideoServices(this);
        disk = new DiskServices(this);
        keyboard = new KeyboardServices(this);
        system = new SystemServices(this);
        time = new TimeServices(this);
        boot = new BootServices(this);
        post = new Post(this);

        byte[] rom = BiosRom.build();
        pc.machine.mem.map(BiosRom.BASE, BiosRom.SIZE, new RomRegion(rom, BiosRom.BASE));
        pc.machine.mem.map(-BiosRom.SIZE, BiosRom.SIZE, new RomRegion(rom, -BiosRom.SIZE));
        pc.machine.io.register(TRAP_PORT, 1, this, "built-in BIOS trap");

        site(BiosRom.Site.POST, post::run);
        site(BiosRom.Site.IRQ0, time::timerTick);
        site(BiosRom.Site.IRQ1, keyboard::irq);
        site(BiosRom.Site.VIDEO, video::int10);
        site(BiosRom.Site.EQUIPMENT, system::int11);
        site(BiosRom.Site.MEMORY, system::int12);
        site(BiosRom.Site.DISK, disk::int13);
        site(BiosRom.Site.SERIAL, system::int14);
        site(BiosRom.Site.SYSTEM, system::int15);
        site(BiosRom.Site.KEYBOARD, keyboard::int16);
        site(BiosRom.Site.NO_BOOT, boot::int18);
        site(BiosRom.Site.BOOT, boot::int19);
        site(BiosRom.Site.TIME, time::int1a);
    }

    private void site(BiosRom.Site s, Service service) {
        sites[s.offset] = service;
    }

    @Override
    public int read(int port, int size) {
        return 0xFF;
    }

    @Override
    public void write(int port, int size, int value) {
        int lin = cpu.seg[Cpu.CS].base + cpu.eip;
        int off = lin - BiosRom.BASE;
        if (off < 0 || off >= BiosRom.SIZE || sites[off] == null) {
            return; // not one of our trap sites
        }
        cpu.setFlag(Cpu.CF, false); // the stub's own CF: no waiting unless the service asks
        sites[off].call(cpu);
    }

    /** Tells the user something: on the screen, and to the message sink. */
    void say(String line) {
        messages.accept(line);
        video.print(line + "\r\n");
    }

    /** The real-mode far pointer F000:offset as an IVT entry. */
    static int romVector(int offset) {
        return 0xF000 << 16 | offset;
    }
}
