package org.jinx.tools.cli;

import java.io.OutputStream;
import java.util.Optional;
import org.jinx.Machine;
import org.jinx.boot.BiosImage;
import org.jinx.boot.MultibootLoader;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.TrapSink;
import org.jinx.cpu.decode.Attr;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Decoder;
import org.jinx.dev.DebugBoard;

/**
 * Tells whether a guest run failed because the CPU core still has placeholder handlers. The
 * instruction handlers are written in parallel with the command line; until they are merged,
 * a valid instruction raises #UD. End-to-end tests that fail call this to skip (with the name
 * of the missing instruction) instead of failing, and run for real once the handlers land.
 */
final class StubWatch {
    private StubWatch() {
    }

    /** The first valid instruction that raised #UD while running the kernel, if any. */
    static Optional<String> kernel(byte[] image) throws Exception {
        Machine m = machine();
        MultibootLoader.load(m, image, "kernel", "kernel");
        return watch(m);
    }

    static Optional<String> rom(byte[] rom) throws Exception {
        Machine m = machine();
        BiosImage.of(rom, "rom").install(m.mem);
        return watch(m);
    }

    private static Machine machine() {
        Machine m = new Machine(32 << 20, 33_000_000L);
        new DebugBoard(m, OutputStream.nullOutputStream(), s -> { }, 0x190);
        return m;
    }

    private static Optional<String> watch(Machine m) {
        String[] hit = {null};
        m.cpu.trapSink = (cpu, kind, vector, hasError, code) -> {
            if (hit[0] == null && kind == TrapSink.Kind.EXCEPTION && vector == Exceptions.UD) {
                byte[] bytes = new byte[Decoder.MAX_LENGTH];
                int lin = cpu.seg[Cpu.CS].base + cpu.eip;
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = (byte) cpu.mem.read8(lin + i);
                }
                DecodedInsn d = Decoder.decode(bytes, 0, cpu.code32());
                if (!d.row.has(Attr.INVALID)) {
                    hit[0] = String.format("'%s' at %08X raises #UD: its handler is not merged yet", d.mnemonic(), lin);
                    m.interrupt(); // found what we looked for; a real-mode fault loop would never end
                }
            }
            return false;
        };
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(10_000);
                m.interrupt();
            } catch (InterruptedException e) {
                // finished in time
            }
        });
        watchdog.setDaemon(true);
        watchdog.start();
        m.run(10_000_000L);
        watchdog.interrupt();
        return Optional.ofNullable(hit[0]);
    }
}
