package org.jinx.dev.bios;

import static org.jinx.dev.bios.BiosMemory.*;
import static org.jinx.dev.bios.CallFrame.*;

import java.io.UncheckedIOException;
import org.jinx.cpu.Cpu;
import org.jinx.dev.disk.BlockDevice;

/**
 * INT 13h, the disk services, on the drives of {@link BiosDrives}: 00h reset, 01h last status,
 * 02h/03h/04h read/write/verify by CHS, 08h drive parameters, 0Ch/0Dh/10h/11h (seek, reset,
 * ready, recalibrate: nothing to do), 15h drive type, 16h change line, and the enhanced disk
 * drive functions 41h (check), 42h/43h/44h (read/write/verify by LBA) and 48h (parameters).
 * Errors set CF with the status in AH; the status is also kept in the BIOS data area for 01h.
 */
final class DiskServices {
    static final int OK = 0x00, BAD_COMMAND = 0x01, WRITE_PROTECTED = 0x03, SECTOR_NOT_FOUND = 0x04,
            READ_ERROR = 0x10, WRITE_FAULT = 0xCC;

    private final Bios bios;
    private final BiosMemory mem;
    private final byte[] sector = new byte[BlockDevice.SECTOR];

    DiskServices(Bios bios) {
        this.bios = bios;
        this.mem = bios.mem;
    }

    void int13(Cpu cpu) {
        int fn = ah(cpu);
        int dl = dl(cpu);
        BiosDrives.Drive d = bios.drives.drive(dl);
        if (fn == 0x01) {
            int last = mem.bda8(dl < 0x80 ? FLOPPY_STATUS : DISK_STATUS);
            setAh(cpu, last);
            setAl(cpu, 0); // IBM's BIOS leaves AL alone; zero keeps callers that test AX happy
            setReturnFlags(cpu, Cpu.CF, last != 0);
            return;
        }
        if (d == null) {
            finish(cpu, dl, BAD_COMMAND);
            return;
        }
        switch (fn) {
            case 0x00, 0x0C, 0x0D, 0x10, 0x11 -> finish(cpu, dl, OK);
            case 0x02, 0x03, 0x04 -> chs(cpu, d, fn);
            case 0x08 -> parameters(cpu, d);
            case 0x15 -> {
                if (d.floppy()) {
                    setAh(cpu, 0x01); // a diskette drive without change-line support
                } else {
                    long n = d.chsSectors();
                    setAh(cpu, 0x03); // a fixed disk; CX:DX = sectors
                    cpu.setReg16(Cpu.ECX, (int) (n >> 16));
                    cpu.setReg16(Cpu.EDX, (int) n);
                }
                ok(cpu);
            }
            case 0x16 -> finish(cpu, dl, OK); // the medium has not changed
            case 0x41 -> {
                if (bx(cpu) != 0x55AA) {
                    finish(cpu, dl, BAD_COMMAND);
                    return;
                }
                cpu.setReg16(Cpu.EBX, 0xAA55);
                setAh(cpu, 0x30); // EDD 3.0
                cpu.setReg16(Cpu.ECX, 0x0001); // the fixed disk access subset: 42h-44h, 47h, 48h
                ok(cpu);
            }
            case 0x42, 0x43, 0x44 -> lba(cpu, d, fn);
            case 0x48 -> eddParameters(cpu, d);
            default -> finish(cpu, dl, BAD_COMMAND);
        }
    }

    /** Records the status for function 01h and returns it in AH with CF. */
    private void finish(Cpu cpu, int dl, int status) {
        mem.setBda8(dl < 0x80 ? FLOPPY_STATUS : DISK_STATUS, status);
        if (status == OK) {
            setAh(cpu, 0);
            ok(cpu);
        } else {
            fail(cpu, status);
        }
    }

    /** AL sectors at cylinder CH (+ CL bits 7-6), head DH, sector CL bits 5-0, buffer ES:BX. */
    private void chs(Cpu cpu, BiosDrives.Drive d, int fn) {
        int count = al(cpu);
        int cylinder = ch(cpu) | (d.floppy() ? 0 : (cl(cpu) & 0xC0) << 2);
        int sectorNo = cl(cpu) & 0x3F;
        int head = dh(cpu);
        if (count == 0 || count > 128) {
            setAl(cpu, 0);
            finish(cpu, d.number(), BAD_COMMAND);
            return;
        }
        if (sectorNo == 0 || sectorNo > d.sectors() || head >= d.heads() || cylinder >= d.cylinders()) {
            setAl(cpu, 0);
            finish(cpu, d.number(), SECTOR_NOT_FOUND);
            return;
        }
        long first = ((long) cylinder * d.heads() + head) * d.sectors() + sectorNo - 1;
        int buffer = BiosMemory.linear(cpu.seg[Cpu.ES].selector, bx(cpu));
        int done = transfer(d, fn == 0x02 ? Op.READ : fn == 0x03 ? Op.WRITE : Op.VERIFY, first, count, buffer);
        setAl(cpu, done);
        finish(cpu, d.number(), done == count ? OK : lastError);
    }

    private enum Op { READ, WRITE, VERIFY }

    private int lastError;

    /** Moves up to {@code count} sectors; returns how many were done, with {@link #lastError} set if short. */
    private int transfer(BiosDrives.Drive d, Op op, long first, int count, int buffer) {
        BlockDevice disk = d.disk();
        lastError = OK;
        if (op == Op.WRITE && disk.readOnly()) {
            lastError = WRITE_PROTECTED;
            return 0;
        }
        for (int i = 0; i < count; i++) {
            long lba = first + i;
            if (lba >= disk.sectors()) {
                lastError = SECTOR_NOT_FOUND;
                return i;
            }
            int at = buffer + i * BlockDevice.SECTOR;
            try {
                switch (op) {
                    case READ -> {
                        disk.read(lba, sector, 0);
                        mem.copyIn(at, sector, 0, BlockDevice.SECTOR);
                    }
                    case WRITE -> {
                        mem.copyOut(at, sector, 0, BlockDevice.SECTOR);
                        disk.write(lba, sector, 0);
                    }
                    default -> { }
                }
            } catch (UncheckedIOException e) {
                lastError = op == Op.WRITE ? WRITE_FAULT : READ_ERROR;
                return i;
            }
        }
        return count;
    }

    private void parameters(Cpu cpu, BiosDrives.Drive d) {
        int maxCyl = d.cylinders() - 1;
        cpu.setReg8(5, maxCyl & 0xFF); // CH
        cpu.setReg8(1, d.sectors() | (maxCyl >> 2 & 0xC0)); // CL
        cpu.setReg8(6, d.heads() - 1); // DH
        if (d.floppy()) {
            cpu.setReg8(2, bios.drives.floppyCount()); // DL
            cpu.setReg16(Cpu.EBX, d.floppyType()); // BL = drive type
            cpu.seg[Cpu.ES].loadReal(0xF000);
            cpu.setReg16(Cpu.EDI, BiosRom.DISKETTE_TABLE);
        } else {
            cpu.setReg8(2, bios.drives.hardDiskCount());
        }
        setAl(cpu, 0);
        finish(cpu, d.number(), OK);
    }

    /**
     * The disk address packet at DS:SI: size (10h, or 18h with a flat 64-bit buffer address
     * when the segment:offset is FFFF:FFFF), sector count (updated with the count done),
     * buffer, first LBA.
     */
    private void lba(Cpu cpu, BiosDrives.Drive d, int fn) {
        int dap = BiosMemory.linear(cpu.seg[Cpu.DS].selector, cpu.reg16(Cpu.ESI));
        int size = mem.read8(dap);
        int count = mem.read16(dap + 2);
        int bufOff = mem.read16(dap + 4);
        int bufSeg = mem.read16(dap + 6);
        long first = mem.read32(dap + 8) & 0xFFFFFFFFL | (long) mem.read32(dap + 12) << 32;
        if (size < 0x10 || count > 127 && !(size >= 0x18 && bufSeg == 0xFFFF && bufOff == 0xFFFF)) {
            finish(cpu, d.number(), BAD_COMMAND);
            return;
        }
        int buffer = bufSeg == 0xFFFF && bufOff == 0xFFFF && size >= 0x18
                ? mem.read32(dap + 0x10) : BiosMemory.linear(bufSeg, bufOff);
        if (first < 0 || first >= d.disk().sectors()) {
            mem.write16(dap + 2, 0);
            finish(cpu, d.number(), SECTOR_NOT_FOUND);
            return;
        }
        int done = transfer(d, fn == 0x42 ? Op.READ : fn == 0x43 ? Op.WRITE : Op.VERIFY, first, count, buffer);
        mem.write16(dap + 2, done);
        finish(cpu, d.number(), done == count ? OK : lastError);
    }

    /** The result buffer at DS:SI: its size word says how much the caller wants (at least 1Ah). */
    private void eddParameters(Cpu cpu, BiosDrives.Drive d) {
        int buf = BiosMemory.linear(cpu.seg[Cpu.DS].selector, cpu.reg16(Cpu.ESI));
        int size = mem.read16(buf);
        if (size < 0x1A) {
            finish(cpu, d.number(), BAD_COMMAND);
            return;
        }
        long total = d.disk().sectors();
        mem.write16(buf, 0x1A);
        mem.write16(buf + 2, d.floppy() ? 0x0004 : 0x0002); // removable / CHS information valid
        mem.write32(buf + 4, d.cylinders());
        mem.write32(buf + 8, d.heads());
        mem.write32(buf + 12, d.sectors());
        mem.write32(buf + 16, (int) total);
        mem.write32(buf + 20, (int) (total >>> 32));
        mem.write16(buf + 24, BlockDevice.SECTOR);
        finish(cpu, d.number(), OK);
    }
}
