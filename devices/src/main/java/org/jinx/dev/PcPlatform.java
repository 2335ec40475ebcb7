package org.jinx.dev;

import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jinx.Machine;
import org.jinx.bus.IrqLine;
import org.jinx.dev.disk.Ata;
import org.jinx.dev.debug.DebugConsolePort;
import org.jinx.dev.debug.ExitPort;
import org.jinx.dev.debug.PostCodePort;
import org.jinx.dev.disk.BlockDevice;
import org.jinx.dev.kbd.A20Gate;
import org.jinx.dev.kbd.I8042;
import org.jinx.dev.kbd.Ps2Keyboard;
import org.jinx.dev.kbd.SystemControlPortA;
import org.jinx.dev.pic.Elcr;
import org.jinx.dev.pic.I8259;
import org.jinx.dev.pit.I8254;
import org.jinx.dev.pit.SpeakerPort;
import org.jinx.dev.rtc.CmosLayout;
import org.jinx.dev.rtc.Mc146818;
import org.jinx.dev.uart.Ns16550;
import org.jinx.dev.uart.SerialEndpoint;
import org.jinx.dev.vga.Vga;
import org.jinx.state.Snapshot;
import org.jinx.state.Snapshottable;

/**
 * The PC/AT board: the one place that knows which chip sits at which port and drives which IRQ.
 *
 * <pre>
 *   0x20-0x21   8259A master        INT -> CPU INTR
 *   0xA0-0xA1   8259A slave         INT -> master IR2
 *   0x4D0-0x4D1 ELCR (edge/level per IRQ)
 *   0x40-0x43   8254 PIT            counter 0 OUT -> IRQ 0, counter 2 -> port 0x61
 *   0x61        system control port B (counter 2 gate, speaker, OUT2)
 *   0x70-0x71   MC146818 RTC/CMOS   IRQ 8
 *   0x3F8-0x3FF NS16550A COM1       IRQ 4
 *   0x2F8-0x2FF NS16550A COM2       IRQ 3
 *   0x60, 0x64  8042 + PS/2 keyboard IRQ 1 (aux IRQ 12); output port -> A20, CPU reset
 *   0x92        system control port A (fast A20, CPU reset)
 *   0x3C0-0x3CF, 0x3D4-0x3D5, 0x3DA   VGA registers; 0xA0000-0xBFFFF VGA memory window
 *   0x1F0-0x1F7, 0x3F6                primary ATA channel, IRQ 14
 *   0x170-0x177, 0x376                secondary ATA channel, IRQ 15
 *   0xE9        debug console (text out, as QEMU's isa-debugcon and Bochs's port E9 hack)
 *   0x80        POST codes (and one more port if the options name it, e.g. 0x190)
 *   0xF4-0xF7   debug exit: status = value*2+1, as QEMU's isa-debug-exit
 *   0xEB        the built-in BIOS's trap port, when {@code org.jinx.dev.bios.Bios} is installed
 * </pre>
 *
 * The 8042's reset line and port 0x92 reset the CPU only, as on the AT, where that line is the
 * CPU's RESET pin: chips and the A20 gate keep their state.
 *
 * A port claimed twice stops construction with the bus's message naming both owners.
 */
public final class PcPlatform {
    public final Machine machine;
    public final I8259 masterPic;
    public final I8259 slavePic;
    public final Elcr elcr;
    public final I8254 pit;
    public final SpeakerPort port61;
    public final Mc146818 rtc;
    public final Ns16550 com1;
    public final Ns16550 com2;
    public final A20Gate a20;
    public final I8042 kbc;
    public final SystemControlPortA port92;
    public final Vga vga;
    public final Ata ide0;
    public final Ata ide1;
    public final DebugConsolePort debugConsole;
    public final PostCodePort post;
    public final ExitPort exit;

    /** Every stateful chip by its snapshot section name, in restore order. */
    private final Map<String, Snapshottable> devices = new LinkedHashMap<>();

    /**
     * What the board is built with.
     *
     * @param deterministic nothing from the host enters: the RTC starts at {@code rtcStart}
     * @param rtcStart      RTC start as calendar seconds (UTC arithmetic on wall-clock fields), or
     *                      null for the host's local time (deterministic runs use 2000-01-01)
     * @param hardDiskTypes CMOS types of hard disks 0 and 1 (0: none)
     * @param floppyTypes   CMOS types of diskette drives A and B (0: none, 4: 1.44 MB)
     * @param com1          what COM1's line is connected to
     * @param com2          what COM2's line is connected to
     * @param disks         primary ATA master and slave (null: none)
     * @param secondaryDisks secondary ATA master and slave (null: none)
     * @param debug         where the debug ports' output goes
     */
    public record Options(boolean deterministic, Long rtcStart, int[] hardDiskTypes, int[] floppyTypes,
                          SerialEndpoint com1, SerialEndpoint com2, BlockDevice[] disks, BlockDevice[] secondaryDisks,
                          DebugPorts debug) {
        public static final long DETERMINISTIC_EPOCH =
                LocalDateTime.of(2000, 1, 1, 0, 0, 0).toEpochSecond(ZoneOffset.UTC);

        public static Options defaults() {
            return new Options(false, null, new int[2], new int[2], SerialEndpoint.NULL, SerialEndpoint.NULL,
                    new BlockDevice[2], new BlockDevice[2], DebugPorts.DISCARD);
        }

        public static Options deterministicRun() {
            return defaults().withDeterministic(true);
        }

        public Options withDeterministic(boolean on) {
            return new Options(on, rtcStart, hardDiskTypes, floppyTypes, com1, com2, disks, secondaryDisks, debug);
        }

        public Options withRtcStart(long seconds) {
            return new Options(deterministic, seconds, hardDiskTypes, floppyTypes, com1, com2, disks, secondaryDisks,
                    debug);
        }

        public Options withDisks(int[] hardDisks, int[] floppies) {
            return new Options(deterministic, rtcStart, hardDisks.clone(), floppies.clone(), com1, com2, disks,
                    secondaryDisks, debug);
        }

        public Options withSerial(SerialEndpoint first, SerialEndpoint second) {
            return new Options(deterministic, rtcStart, hardDiskTypes, floppyTypes, first, second, disks,
                    secondaryDisks, debug);
        }

        /** Attaches ATA disks to the primary channel; CMOS reports each as type 47 (user defined). */
        public Options withAtaDisks(BlockDevice master, BlockDevice slave) {
            int[] types = {master != null ? 47 : hardDiskTypes[0], slave != null ? 47 : hardDiskTypes[1]};
            return new Options(deterministic, rtcStart, types, floppyTypes, com1, com2,
                    new BlockDevice[] {master, slave}, secondaryDisks, debug);
        }

        /** Attaches ATA disks to the secondary channel (CMOS has no entries for them). */
        public Options withSecondaryAtaDisks(BlockDevice master, BlockDevice slave) {
            return new Options(deterministic, rtcStart, hardDiskTypes, floppyTypes, com1, com2, disks,
                    new BlockDevice[] {master, slave}, debug);
        }

        public Options withDebugPorts(DebugPorts ports) {
            return new Options(deterministic, rtcStart, hardDiskTypes, floppyTypes, com1, com2, disks,
                    secondaryDisks, ports);
        }

        long rtcStartSeconds() {
            if (rtcStart != null) {
                return rtcStart;
            }
            return deterministic ? DETERMINISTIC_EPOCH : LocalDateTime.now().toEpochSecond(ZoneOffset.UTC);
        }
    }

    /**
     * Where the debug ports send what the guest writes: text on 0xE9 to {@code console}, POST
     * codes to {@code postCodes} (from 0x80 and, unless it is {@link #NO_EXTRA_POST_PORT}, from
     * {@code extraPostPort} too).
     */
    public record DebugPorts(OutputStream console, Consumer<String> postCodes, int extraPostPort) {
        public static final int NO_EXTRA_POST_PORT = -1;
        public static final DebugPorts DISCARD =
                new DebugPorts(OutputStream.nullOutputStream(), code -> { }, NO_EXTRA_POST_PORT);

        public DebugPorts {
            if (extraPostPort != NO_EXTRA_POST_PORT && (extraPostPort < 0 || extraPostPort > 0xFFFF)) {
                throw new IllegalArgumentException(
                        String.format("POST port 0x%X is outside the I/O space", extraPostPort));
            }
        }
    }

    public PcPlatform(Machine machine) {
        this(machine, Options.defaults());
    }

    public PcPlatform(Machine machine, Options options) {
        this.machine = machine;
        var io = machine.io;

        masterPic = new I8259("pic-master", IrqLine.NULL); // the CPU samples INTR through intrPending()
        slavePic = new I8259("pic-slave", high -> masterPic.setInput(2, high));
        masterPic.attachSlave(2, slavePic);
        elcr = new Elcr(masterPic, slavePic);
        io.register(0x20, 2, masterPic, "8259A master PIC");
        io.register(0xA0, 2, slavePic, "8259A slave PIC");
        io.register(0x4D0, 2, elcr, "ELCR");
        machine.cpu.pic = masterPic;

        pit = new I8254("pit", 0x40, machine.clock, machine.scheduler, new IrqLine[] {irq(0), null, null});
        port61 = new SpeakerPort(pit.channel(2), machine.clock);
        io.register(0x40, 4, pit, "8254 PIT");
        io.register(0x61, 1, port61, "system control port B");

        rtc = new Mc146818(machine.clock, machine.scheduler, irq(8), options.rtcStartSeconds());
        io.register(0x70, 2, rtc, "MC146818 RTC");
        writeCmos(options);

        com1 = new Ns16550("com1", machine.clock, machine.scheduler, irq(4), options.com1());
        com2 = new Ns16550("com2", machine.clock, machine.scheduler, irq(3), options.com2());
        io.register(0x3F8, 8, com1, "NS16550A COM1");
        io.register(0x2F8, 8, com2, "NS16550A COM2");

        a20 = new A20Gate(machine.mem);
        kbc = new I8042(new Ps2Keyboard(), irq(1), irq(12), a20, machine.cpu::reset);
        port92 = new SystemControlPortA(a20, machine.cpu::reset);
        io.register(0x60, 1, kbc, "8042 keyboard controller");
        io.register(0x64, 1, kbc, "8042 keyboard controller");
        io.register(0x92, 1, port92, "system control port A");

        vga = new Vga(machine.clock);
        io.register(0x3C0, 16, vga, "VGA");
        io.register(0x3D4, 2, vga, "VGA");
        io.register(0x3DA, 1, vga, "VGA");
        machine.mem.map(Vga.WINDOW_BASE, Vga.WINDOW_SIZE, vga.window);

        ide0 = new Ata("ide0", 0x1F0, irq(14), options.disks()[0], options.disks()[1]);
        io.register(0x1F0, 8, ide0, "ATA primary");
        io.register(0x3F6, 1, ide0, "ATA primary control");
        ide1 = new Ata("ide1", 0x170, irq(15), options.secondaryDisks()[0], options.secondaryDisks()[1]);
        io.register(0x170, 8, ide1, "ATA secondary");
        io.register(0x376, 1, ide1, "ATA secondary control");

        DebugPorts d = options.debug();
        debugConsole = new DebugConsolePort(d.console());
        post = new PostCodePort(d.postCodes());
        exit = new ExitPort(machine::requestExit);
        io.register(DebugConsolePort.PORT, 1, debugConsole, "debug console");
        io.register(PostCodePort.PORT, 1, post, "POST codes");
        if (d.extraPostPort() != DebugPorts.NO_EXTRA_POST_PORT && d.extraPostPort() != PostCodePort.PORT) {
            io.register(d.extraPostPort(), 1, post, "POST codes");
        }
        io.register(ExitPort.PORT, ExitPort.SIZE, exit, "debug exit");

        devices.put("pic-master", masterPic);
        devices.put("pic-slave", slavePic);
        devices.put("pit", pit);
        devices.put("port61", port61);
        devices.put("rtc", rtc);
        devices.put("com1", com1);
        devices.put("com2", com2);
        devices.put("i8042", kbc);
        devices.put("port92", port92);
        devices.put("vga", vga);
        devices.put("ide0", ide0);
        devices.put("ide1", ide1);
    }

    /** The configuration bytes a BIOS or OS reads from CMOS. */
    private void writeCmos(Options options) {
        CmosLayout.setMemory(rtc, machine.mem.ramSize() & 0xFFFFFFFFL);
        int floppies = (options.floppyTypes()[0] != 0 ? 1 : 0) + (options.floppyTypes()[1] != 0 ? 1 : 0);
        // no FPU is modelled; the display is VGA (bits 5-4 = 00)
        CmosLayout.setEquipment(rtc, floppies == 0 ? 0 : CmosLayout.EQUIPMENT_FLOPPY | (floppies - 1) << 6);
        CmosLayout.setFloppyTypes(rtc, options.floppyTypes()[0], options.floppyTypes()[1]);
        CmosLayout.setHardDiskType(rtc, 0, options.hardDiskTypes()[0]);
        CmosLayout.setHardDiskType(rtc, 1, options.hardDiskTypes()[1]);
        CmosLayout.updateChecksum(rtc);
    }

    /** The line into the PIC for ISA IRQ {@code n} (0-15): 0-7 on the master, 8-15 on the slave. */
    public IrqLine irq(int n) {
        if (n < 0 || n > 15) {
            throw new IllegalArgumentException("ISA IRQ out of range: " + n);
        }
        return n < 8 ? masterPic.input(n) : slavePic.input(n - 8);
    }

    /** Saves every chip under its section name. The caller saves the clock and CPU beside it. */
    public Snapshot save() {
        Snapshot s = new Snapshot();
        devices.forEach(s::save);
        return s;
    }

    /** Loads every chip, then lets each re-arm its timers and re-drive its lines. */
    public void restore(Snapshot s) {
        devices.forEach(s::load);
        devices.values().forEach(Snapshottable::postLoad);
    }

    /** The console's {@code info devices}: one block per chip. */
    public List<String> dump() {
        List<String> lines = new ArrayList<>();
        lines.add(masterPic.dump());
        lines.add(slavePic.dump());
        lines.add(pit.dump().stripTrailing());
        lines.add(rtc.dump());
        lines.add(com1.dump());
        lines.add(com2.dump());
        lines.add(kbc.dump());
        lines.add(vga.dump());
        lines.add(ide0.dump());
        lines.add(ide1.dump());
        return lines;
    }
}
