package org.jinx.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jinx.dev.display.Display;
import org.jinx.tools.display.WindowDisplay;
import org.jinx.tools.pc.FileDisk;
import org.jinx.tools.pc.FileSerial;
import org.jinx.tools.pc.HostSerial;
import org.jinx.tools.pc.StdioSerial;
import org.jinx.tools.pc.TcpSerial;

/**
 * Opens what {@code jinx pc}'s options attach to the board: disk images, serial backends, the
 * display. Every problem is a one-line {@link CliError}; whatever was opened before it is closed.
 */
final class PcDevices {
    private final List<AutoCloseable> opened = new ArrayList<>();

    private PcDevices() {
    }

    static PcRunner.Devices open(PcCommand c) {
        PcDevices d = new PcDevices();
        try {
            return d.openAll(c);
        } catch (RuntimeException e) {
            d.closeOpened();
            throw e;
        }
    }

    private PcRunner.Devices openAll(PcCommand c) {
        if ("stdio".equals(c.serial) && "stdio".equals(c.serial2)) {
            throw new CliError(ExitStatus.USAGE, "--serial and --serial2 cannot both be stdio");
        }
        FileDisk fda = disk(c.fda, c.snapshot, "--fda");
        FileDisk hda = disk(c.hda, c.snapshot, "--hda");
        FileDisk hdb = disk(c.hdb, c.snapshot, "--hdb");
        FileDisk hdc = disk(c.hdc, c.snapshot, "--hdc");
        FileDisk hdd = disk(c.hdd, c.snapshot, "--hdd");
        HostSerial com1 = serial(c.serial, "--serial", c);
        HostSerial com2 = serial(c.serial2, "--serial2", c);
        Display display = Display.NULL;
        if ("window".equals(c.display)) {
            try {
                display = WindowDisplay.open("Jinx");
            } catch (WindowDisplay.DisplayUnavailableException e) {
                throw new CliError(ExitStatus.BAD_INPUT, "--display window: " + e.getMessage());
            }
        }
        boolean builtIn = c.bios == null && c.kernel == null;
        return new PcRunner.Devices(c.deterministic, com1, com2, hda, hdb, hdc, hdd, fda, display, builtIn);
    }

    private FileDisk disk(Path p, boolean snapshot, String what) {
        if (p == null) {
            return null;
        }
        try {
            FileDisk d = FileDisk.open(p, snapshot, what);
            opened.add(d);
            return d;
        } catch (FileDisk.DiskImageException e) {
            throw new CliError(ExitStatus.BAD_INPUT, e.getMessage());
        }
    }

    /** stdio, none, file:PATH, tcp:PORT or tcp:HOST:PORT. */
    private HostSerial serial(String spec, String what, PcCommand c) {
        HostSerial s;
        if (spec.equals("none")) {
            return null;
        } else if (spec.equals("stdio")) {
            s = new StdioSerial(c.main.out, c.main.in);
        } else if (spec.startsWith("file:") && spec.length() > 5) {
            Path p = Path.of(spec.substring(5));
            try {
                s = new FileSerial(p);
            } catch (IOException e) {
                throw new CliError(ExitStatus.BAD_INPUT, what + ": cannot write '" + p + "': " + e.getMessage());
            }
        } else if (spec.startsWith("tcp:")) {
            String rest = spec.substring(4);
            int colon = rest.lastIndexOf(':');
            String host = colon < 0 ? "127.0.0.1" : rest.substring(0, colon);
            int port;
            try {
                port = (int) Converters.number(rest.substring(colon + 1), 0xFFFF, "a TCP port");
            } catch (RuntimeException e) {
                throw new CliError(ExitStatus.USAGE, what + ": '" + spec + "' does not end with a TCP port (0-65535)");
            }
            try {
                s = TcpSerial.listen(host.isEmpty() ? "127.0.0.1" : host, port);
            } catch (IllegalArgumentException e) {
                throw new CliError(ExitStatus.BAD_INPUT, what + ": " + e.getMessage());
            }
        } else {
            throw new CliError(ExitStatus.USAGE, what + " must be stdio, none, file:PATH or tcp:[HOST:]PORT, not '"
                    + spec + "'");
        }
        opened.add(s);
        return s;
    }

    private void closeOpened() {
        for (AutoCloseable a : opened) {
            try {
                a.close();
            } catch (Exception e) {
                // already failing: the first error is the one to report
            }
        }
    }
}
