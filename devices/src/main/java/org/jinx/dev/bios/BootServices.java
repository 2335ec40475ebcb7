package org.jinx.dev.bios;

import org.jinx.cpu.Cpu;
import org.jinx.dev.disk.BlockDevice;

/**
 * INT 19h loads the first sector of the first bootable drive (diskette A, then the first hard
 * disk) to 0000:7C00 and, if it ends with the signature 55h AAh, the ROM stub jumps there with
 * DL = the drive, DS = ES = SS = 0 and SP = 7C00h. INT 18h, reached when nothing boots, says
 * so and stops the CPU.
 */
final class BootServices {
    static final int LOAD_ADDRESS = 0x7C00;

    private final Bios bios;
    private String whyNot = "no --fda or --hda image was given";

    BootServices(Bios bios) {
        this.bios = bios;
    }

    void int19(Cpu cpu) {
        StringBuilder reasons = new StringBuilder();
        for (int dl : new int[] {0x00, 0x80}) {
            BiosDrives.Drive d = bios.drives.drive(dl);
            if (d == null) {
                continue;
            }
            String name = d.floppy() ? "diskette A" : "hard disk 0";
            String problem = tryBoot(d);
            if (problem == null) {
                bios.say("Booting from " + name + "...");
                cpu.reg[Cpu.EDX] = dl;
                cpu.seg[Cpu.DS].loadReal(0);
                cpu.seg[Cpu.ES].loadReal(0);
                cpu.seg[Cpu.SS].loadReal(0);
                cpu.reg[Cpu.ESP] = LOAD_ADDRESS;
                return; // CF clear: the stub jumps to 0000:7C00
            }
            reasons.append(reasons.length() == 0 ? "" : "; ").append(name).append(": ").append(problem);
        }
        if (reasons.length() > 0) {
            whyNot = reasons.toString();
        }
        cpu.setFlag(Cpu.CF, true); // the stub goes on to INT 18h
    }

    /** Reads the boot sector; null when it is bootable, else what is wrong with it. */
    private String tryBoot(BiosDrives.Drive d) {
        byte[] sector = new byte[BlockDevice.SECTOR];
        if (d.disk().sectors() == 0) {
            return "the image is empty";
        }
        try {
            d.disk().read(0, sector, 0);
        } catch (java.io.UncheckedIOException e) {
            return "cannot read the boot sector (" + e.getCause().getMessage() + ")";
        }
        if ((sector[510] & 0xFF) != 0x55 || (sector[511] & 0xFF) != 0xAA) {
            return String.format("the boot sector does not end with 55 AA (found %02X %02X)",
                    sector[510] & 0xFF, sector[511] & 0xFF);
        }
        bios.pc.machine.mem.load(LOAD_ADDRESS, sector, 0, sector.length);
        return null;
    }

    void int18(Cpu cpu) {
        bios.say("No bootable disk: " + whyNot);
    }
}
