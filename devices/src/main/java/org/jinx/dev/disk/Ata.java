package org.jinx.dev.disk;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.jinx.bus.IoPortHandler;
import org.jinx.bus.IrqLine;
import org.jinx.state.Snapshottable;
import org.jinx.state.StateException;
import org.jinx.state.StateReader;
import org.jinx.state.StateWriter;

/**
 * One ATA channel (IDE) with up to two hard disks, programmed I/O only: the command block
 * (offsets 0-7 from {@code commandBase}: data, error/features, sector count, sector number,
 * cylinder low/high, drive/head, status/command) and the control block (device control /
 * alternate status at {@code controlPort}).
 *
 * <p>Commands: IDENTIFY DEVICE, READ SECTORS, WRITE SECTORS, READ MULTIPLE, WRITE MULTIPLE, SET
 * MULTIPLE MODE, READ VERIFY, INITIALIZE DEVICE PARAMETERS, RECALIBRATE, SEEK, SET FEATURES,
 * FLUSH CACHE, EXECUTE DEVICE DIAGNOSTIC; others abort. Addresses are LBA28 or CHS through the
 * current logical geometry. Commands complete at once (BSY is never seen); INTRQ rises when a
 * data block is ready or a command completes, unless nIEN is set, and falls when the status
 * register is read or a command is written. A data block is one sector, or for the MULTIPLE
 * commands the number of sectors SET MULTIPLE MODE chose (at most {@link #MAX_MULTIPLE}), and
 * the last block of a command may be shorter. FLUSH CACHE asks the disk to make its writes
 * durable. A disk that fails to read or write ends the command with ERR and UNC (read) or ABRT.
 * The disk contents are not part of a snapshot; the image is saved beside it.
 */
public final class Ata implements IoPortHandler, Snapshottable {
    private static final int STATE_VERSION = 2;
    /** Sectors per block that SET MULTIPLE MODE accepts at most (IDENTIFY word 47). */
    static final int MAX_MULTIPLE = 16;

    static final int ST_BSY = 0x80, ST_DRDY = 0x40, ST_DSC = 0x10, ST_DRQ = 0x08, ST_ERR = 0x01;
    static final int ER_ABRT = 0x04, ER_IDNF = 0x10, ER_UNC = 0x40;
    private static final int DH_LBA = 0x40, DH_DRV = 0x10;

    /** The two device positions and their logical geometry (INITIALIZE DEVICE PARAMETERS). */
    private static final class Drive {
        final BlockDevice disk;
        final int cylinders;
        final int heads;
        final int sectorsPerTrack;
        int logicalHeads;
        int logicalSectors;

        Drive(BlockDevice disk) {
            this.disk = disk;
            long n = disk.sectors();
            heads = 16;
            sectorsPerTrack = 63;
            cylinders = (int) Math.max(1, Math.min(16383, n / (16 * 63)));
            logicalHeads = heads;
            logicalSectors = sectorsPerTrack;
        }
    }

    private enum Transfer { NONE, READ, WRITE, IDENTIFY }

    private final String name;
    private final IrqLine irq;
    private final Drive[] drives = new Drive[2];
    private final int commandBase;

    // task file, shared by both devices as on the cable
    private int features;
    private int sectorCount;
    private int sectorNumber;
    private int cylLow;
    private int cylHigh;
    private int driveHead = 0xA0;
    private int status = ST_DRDY | ST_DSC;
    private int error = 0x01;
    private int deviceControl;

    private final byte[] buffer = new byte[BlockDevice.SECTOR * MAX_MULTIPLE];
    private int bufferPos;
    /** Bytes in the current data block: 512 times the sectors it holds. */
    private int bufferLen = BlockDevice.SECTOR;
    /** Sectors per block of READ/WRITE MULTIPLE; 0 until SET MULTIPLE MODE enables them. */
    private int multiple;
    /** Sectors per block of the transfer in progress (1 for READ/WRITE SECTORS). */
    private int blockSectors = 1;
    private Transfer transfer = Transfer.NONE;
    private long lba;
    private int remaining;
    private boolean irqPending;
    private boolean irqOut;

    public Ata(String name, int commandBase, IrqLine irq, BlockDevice master, BlockDevice slave) {
        this.name = name;
        this.commandBase = commandBase;
        this.irq = irq;
        drives[0] = master == null ? null : new Drive(master);
        drives[1] = slave == null ? null : new Drive(slave);
    }

    private Drive selected() {
        return drives[(driveHead & DH_DRV) != 0 ? 1 : 0];
    }

    // ---------------------------------------------------------------- interrupt

    private void raise() {
        irqPending = true;
        updateIrq();
    }

    private void updateIrq() {
        boolean on = irqPending && (deviceControl & 0x02) == 0;
        if (on != irqOut) {
            irqOut = on;
            irq.setLevel(on);
        }
    }

    // ---------------------------------------------------------------- ports

    @Override
    public int read(int port, int size) {
        int reg = port - commandBase;
        if (reg == 0) {
            return readData(size);
        }
        if (reg < 0 || reg > 7) {
            return selected() == null ? 0x00 : status; // alternate status: no side effects
        }
        if (selected() == null) {
            return 0x00; // no device answers at this position
        }
        return switch (reg) {
            case 1 -> error;
            case 2 -> sectorCount;
            case 3 -> sectorNumber;
            case 4 -> cylLow;
            case 5 -> cylHigh;
            case 6 -> driveHead;
            default -> {
                irqPending = false; // reading the status register acknowledges INTRQ
                updateIrq();
                yield status;
            }
        };
    }

    @Override
    public void write(int port, int size, int value) {
        int reg = port - commandBase;
        if (reg == 0) {
            writeData(size, value);
            return;
        }
        int v = value & 0xFF;
        switch (reg) {
            case 1 -> features = v;
            case 2 -> sectorCount = v;
            case 3 -> sectorNumber = v;
            case 4 -> cylLow = v;
            case 5 -> cylHigh = v;
            case 6 -> driveHead = v | 0xA0;
            case 7 -> command(v);
            default -> deviceControl(v);
        }
    }

    private void deviceControl(int v) {
        boolean wasReset = (deviceControl & 0x04) != 0;
        deviceControl = v;
        if (wasReset && (v & 0x04) == 0) {
            reset();
        }
        updateIrq();
    }

    /** Software reset: diagnostics pass, the signature of an ATA device is in the task file. */
    private void reset() {
        transfer = Transfer.NONE;
        status = ST_DRDY | ST_DSC;
        error = 0x01;
        signature();
        driveHead = 0xA0;
        irqPending = false;
    }

    private void signature() {
        sectorCount = 1;
        sectorNumber = 1;
        cylLow = 0;
        cylHigh = 0;
    }

    // ---------------------------------------------------------------- data

    private int readData(int size) {
        if ((status & ST_DRQ) == 0 || transfer == Transfer.WRITE) {
            return size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFFFFFF;
        }
        int v = 0;
        for (int i = 0; i < size && bufferPos < bufferLen; i++) {
            v |= (buffer[bufferPos++] & 0xFF) << (8 * i);
        }
        if (bufferPos == bufferLen) {
            blockRead();
        }
        return v;
    }

    private void writeData(int size, int value) {
        if ((status & ST_DRQ) == 0 || transfer != Transfer.WRITE) {
            return;
        }
        for (int i = 0; i < size && bufferPos < bufferLen; i++) {
            buffer[bufferPos++] = (byte) (value >>> (8 * i));
        }
        if (bufferPos == bufferLen) {
            blockWritten();
        }
    }

    /** The host has taken the whole block: the next one, or the end of the command. */
    private void blockRead() {
        if (transfer == Transfer.IDENTIFY) {
            finish();
            return;
        }
        int n = bufferLen / BlockDevice.SECTOR;
        remaining -= n;
        lba += n;
        if (remaining == 0) {
            lba--; // the task file names the last sector transferred
            finish();
            return;
        }
        loadBlock();
    }

    /** The host has filled the block: write it, then ask for the next one or end the command. */
    private void blockWritten() {
        int n = bufferLen / BlockDevice.SECTOR;
        Drive d = selected();
        for (int i = 0; i < n; i++) {
            try {
                d.disk.write(lba, buffer, i * BlockDevice.SECTOR);
            } catch (UncheckedIOException e) {
                abort(ER_ABRT);
                return;
            }
            lba++;
        }
        remaining -= n;
        bufferPos = 0;
        if (remaining == 0) {
            lba--;
            finish();
            raise();
            return;
        }
        bufferLen = blockBytes();
        raise(); // the next block may be written
    }

    private int blockBytes() {
        return Math.min(remaining, blockSectors) * BlockDevice.SECTOR;
    }

    /** Reads the block starting at {@link #lba} into the buffer and signals DRQ with an interrupt. */
    private void loadBlock() {
        bufferLen = blockBytes();
        Drive d = selected();
        for (int i = 0; i < bufferLen / BlockDevice.SECTOR; i++) {
            try {
                d.disk.read(lba + i, buffer, i * BlockDevice.SECTOR);
            } catch (UncheckedIOException e) {
                setAddress(lba + i);
                abort(ER_UNC);
                return;
            }
        }
        bufferPos = 0;
        status = ST_DRDY | ST_DSC | ST_DRQ;
        raise();
    }

    private void finish() {
        status = ST_DRDY | ST_DSC;
        setAddress(lba);
        transfer = Transfer.NONE;
    }

    // ---------------------------------------------------------------- commands

    private void command(int cmd) {
        irqPending = false;
        updateIrq();
        Drive d = selected();
        if (d == null) {
            return; // nobody at this position executes it
        }
        error = 0;
        switch (cmd) {
            case 0xEC -> identify(d);
            case 0x20, 0x21 -> startTransfer(d, Transfer.READ, 1);
            case 0x30, 0x31 -> startTransfer(d, Transfer.WRITE, 1);
            case 0xC4 -> startTransfer(d, Transfer.READ, multiple); // read multiple
            case 0xC5 -> startTransfer(d, Transfer.WRITE, multiple); // write multiple
            case 0xC6 -> setMultipleMode();
            case 0xE7, 0xEA -> flushCache(d); // flush cache (ext)
            case 0x40, 0x41 -> { // read verify: check the range, transfer nothing
                long first = address(d);
                int n = count();
                if (first < 0 || first + n > d.disk.sectors()) {
                    abort(ER_IDNF);
                } else {
                    setAddress(first + n - 1);
                    complete();
                }
            }
            case 0x91 -> { // initialize device parameters
                d.logicalHeads = (driveHead & 0x0F) + 1;
                d.logicalSectors = sectorCount;
                complete();
            }
            case 0x70, 0xEF -> complete(); // seek, set features
            case 0x90 -> { // execute device diagnostic
                error = 0x01;
                signature();
                complete();
            }
            default -> {
                if ((cmd & 0xF0) == 0x10) {
                    complete(); // recalibrate
                } else {
                    abort(ER_ABRT);
                }
            }
        }
    }

    private void complete() {
        status = ST_DRDY | ST_DSC;
        raise();
    }

    private void abort(int why) {
        error = why;
        status = ST_DRDY | ST_DSC | ST_ERR;
        transfer = Transfer.NONE;
        raise();
    }

    private int count() {
        return sectorCount == 0 ? 256 : sectorCount;
    }

    /** The LBA the task file names, or -1 for a CHS address outside the logical geometry. */
    private long address(Drive d) {
        if ((driveHead & DH_LBA) != 0) {
            return (long) (driveHead & 0x0F) << 24 | cylHigh << 16 | cylLow << 8 | sectorNumber;
        }
        int cyl = cylHigh << 8 | cylLow;
        int head = driveHead & 0x0F;
        if (sectorNumber == 0 || sectorNumber > d.logicalSectors || head >= d.logicalHeads) {
            return -1;
        }
        return ((long) cyl * d.logicalHeads + head) * d.logicalSectors + sectorNumber - 1;
    }

    /** Leaves the address of the last sector transferred in the task file, as the command ends. */
    private void setAddress(long at) {
        Drive d = selected();
        if ((driveHead & DH_LBA) != 0) {
            sectorNumber = (int) (at & 0xFF);
            cylLow = (int) (at >> 8 & 0xFF);
            cylHigh = (int) (at >> 16 & 0xFF);
            driveHead = driveHead & 0xF0 | (int) (at >> 24 & 0x0F);
        } else {
            long perCyl = (long) d.logicalHeads * d.logicalSectors;
            long cyl = at / perCyl;
            sectorNumber = (int) (at % d.logicalSectors) + 1;
            driveHead = driveHead & 0xF0 | (int) (at / d.logicalSectors % d.logicalHeads);
            cylLow = (int) (cyl & 0xFF);
            cylHigh = (int) (cyl >> 8 & 0xFF);
        }
    }

    /** Sector count 0 disables the MULTIPLE commands; otherwise a power of two up to the maximum. */
    private void setMultipleMode() {
        if (sectorCount > MAX_MULTIPLE || Integer.bitCount(sectorCount) > 1) {
            abort(ER_ABRT);
            return;
        }
        multiple = sectorCount;
        complete();
    }

    private void flushCache(Drive d) {
        try {
            d.disk.flush();
        } catch (UncheckedIOException e) {
            abort(ER_ABRT);
            return;
        }
        complete();
    }

    private void startTransfer(Drive d, Transfer kind, int sectorsPerBlock) {
        if (sectorsPerBlock == 0) {
            abort(ER_ABRT); // a MULTIPLE command before SET MULTIPLE MODE
            return;
        }
        long first = address(d);
        int n = count();
        if (first < 0 || first + n > d.disk.sectors()) {
            abort(ER_IDNF);
            return;
        }
        if (kind == Transfer.WRITE && d.disk.readOnly()) {
            abort(ER_ABRT);
            return;
        }
        transfer = kind;
        lba = first;
        remaining = n;
        blockSectors = sectorsPerBlock;
        if (kind == Transfer.READ) {
            loadBlock();
        } else {
            bufferPos = 0;
            bufferLen = blockBytes();
            status = ST_DRDY | ST_DSC | ST_DRQ; // the first block is awaited without an interrupt
        }
    }

    private void identify(Drive d) {
        java.util.Arrays.fill(buffer, 0, BlockDevice.SECTOR, (byte) 0);
        bufferLen = BlockDevice.SECTOR;
        long total = Math.min(d.disk.sectors(), 0x0FFFFFFFL);
        word(0, 0x0040); // fixed device
        word(1, d.cylinders);
        word(3, d.heads);
        word(6, d.sectorsPerTrack);
        text(10, 20, "JINX" + Long.toHexString(d.disk.sectors()).toUpperCase());
        text(23, 8, "1.0");
        text(27, 40, "Jinx virtual ATA disk");
        word(47, 0x8000 | MAX_MULTIPLE); // READ/WRITE MULTIPLE: up to 16 sectors per block
        word(49, 0x0200); // LBA supported
        word(51, 0x0200); // PIO timing mode 2
        word(53, 0x0001); // words 54-58 valid
        long current = (long) d.cylinders * d.logicalHeads * d.logicalSectors;
        word(54, d.cylinders);
        word(55, d.logicalHeads);
        word(56, d.logicalSectors);
        word(57, (int) (current & 0xFFFF));
        word(58, (int) (current >> 16 & 0xFFFF));
        word(59, multiple == 0 ? 0 : 0x0100 | multiple); // the current multiple setting is valid
        word(60, (int) (total & 0xFFFF));
        word(61, (int) (total >> 16 & 0xFFFF));
        word(80, 0x001E); // ATA-1 to ATA-4
        transfer = Transfer.IDENTIFY;
        bufferPos = 0;
        status = ST_DRDY | ST_DSC | ST_DRQ;
        raise();
    }

    private void word(int index, int v) {
        buffer[index * 2] = (byte) v;
        buffer[index * 2 + 1] = (byte) (v >> 8);
    }

    /** An ATA string: space padded, the first character of each pair in the high byte. */
    private void text(int firstWord, int length, String s) {
        byte[] b = String.format("%-" + length + "s", s).substring(0, length).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i += 2) {
            buffer[firstWord * 2 + i] = b[i + 1];
            buffer[firstWord * 2 + i + 1] = b[i];
        }
    }

    public String dump() {
        return String.format("%s: status=%02X error=%02X count=%02X LBA/CHS=%02X %02X %02X dh=%02X %s IRQ=%d "
                        + "drives: %s, %s", name, status, error, sectorCount, sectorNumber, cylLow, cylHigh, driveHead,
                transfer, irqOut ? 1 : 0, describe(drives[0]), describe(drives[1]));
    }

    private static String describe(Drive d) {
        return d == null ? "none" : d.disk.sectors() + " sectors (" + d.cylinders + "/" + d.heads + "/"
                + d.sectorsPerTrack + ")";
    }

    // ---------------------------------------------------------------- state

    @Override
    public int stateVersion() {
        return STATE_VERSION;
    }

    @Override
    public void saveState(StateWriter w) {
        w.putInt("features", features).putInt("sectorCount", sectorCount).putInt("sectorNumber", sectorNumber)
                .putInt("cylLow", cylLow).putInt("cylHigh", cylHigh).putInt("driveHead", driveHead)
                .putInt("status", status).putInt("error", error).putInt("deviceControl", deviceControl)
                .putBytes("buffer", buffer).putInt("bufferPos", bufferPos).putInt("bufferLen", bufferLen)
                .putInt("multiple", multiple).putInt("blockSectors", blockSectors).putString("transfer", transfer.name())
                .putLong("lba", lba).putInt("remaining", remaining).putBoolean("irqPending", irqPending)
                .putBoolean("irqOut", irqOut);
        for (int i = 0; i < 2; i++) {
            if (drives[i] != null) {
                w.child("drive" + i).putInt("logicalHeads", drives[i].logicalHeads)
                        .putInt("logicalSectors", drives[i].logicalSectors);
            }
        }
    }

    @Override
    public void loadState(StateReader r) {
        r.requireVersion(STATE_VERSION);
        features = r.getInt("features") & 0xFF;
        sectorCount = r.getInt("sectorCount") & 0xFF;
        sectorNumber = r.getInt("sectorNumber") & 0xFF;
        cylLow = r.getInt("cylLow") & 0xFF;
        cylHigh = r.getInt("cylHigh") & 0xFF;
        driveHead = r.getInt("driveHead") & 0xFF;
        status = r.getInt("status") & 0xFF;
        error = r.getInt("error") & 0xFF;
        deviceControl = r.getInt("deviceControl") & 0xFF;
        if (r.version() >= 2) {
            System.arraycopy(r.getBytes("buffer", buffer.length), 0, buffer, 0, buffer.length);
            bufferLen = Math.max(BlockDevice.SECTOR, Math.min(r.getInt("bufferLen"), buffer.length)) & ~511;
            multiple = Math.min(r.getInt("multiple"), MAX_MULTIPLE);
            blockSectors = Math.max(1, Math.min(r.getInt("blockSectors"), MAX_MULTIPLE));
        } else {
            System.arraycopy(r.getBytes("buffer", BlockDevice.SECTOR), 0, buffer, 0, BlockDevice.SECTOR);
            bufferLen = BlockDevice.SECTOR;
            multiple = 0;
            blockSectors = 1;
        }
        bufferPos = Math.min(r.getInt("bufferPos"), bufferLen);
        try {
            transfer = Transfer.valueOf(r.getString("transfer"));
        } catch (IllegalArgumentException e) {
            throw new StateException(r.section() + ": bad transfer state " + r.getString("transfer"));
        }
        lba = r.getLong("lba");
        remaining = r.getInt("remaining");
        irqPending = r.getBoolean("irqPending");
        irqOut = r.getBoolean("irqOut");
        for (int i = 0; i < 2; i++) {
            if (drives[i] != null && r.has("drive" + i + ".logicalHeads")) {
                drives[i].logicalHeads = r.child("drive" + i).getInt("logicalHeads");
                drives[i].logicalSectors = r.child("drive" + i).getInt("logicalSectors");
            }
        }
    }

    @Override
    public void postLoad() {
        irq.setLevel(irqOut);
    }
}
