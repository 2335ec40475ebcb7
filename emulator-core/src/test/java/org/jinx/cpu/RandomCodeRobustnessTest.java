package org.jinx.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Decoder;
import org.jinx.cpu.decode.Disassembler;
import org.jinx.cpu.decode.OpcodeRow;
import org.jinx.cpu.decode.OpcodeTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random bytes as code, in real mode and in flat 32-bit protected mode, with every interrupt
 * vector pointing at a handler that halts: whatever the bytes, {@link Cpu#step()} lets no Java
 * exception escape (a fault is the guest's business) and every run stops within its step budget.
 * The decoder and the disassembler alone get the same treatment. Seeds are fixed; a failure
 * names the seed, the mode and the code bytes, so one run can be replayed.
 */
class RandomCodeRobustnessTest {
    private static final int RUNS_PER_MODE = 3000;
    private static final int STEPS = 200;
    private static final int CODE_BYTES = 48;
    // Guest layout (physical = linear): descriptor tables and the halting handlers sit below the code.
    private static final int IVT_HANDLER = 0x0500;
    private static final int GDT = 0x0600;
    private static final int IDT = 0x0800;
    private static final int PM_HANDLER = 0x0F00;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void randomBytesInRealMode() {
        assertThat(runMany(false, 0x5EED_0000L, this::randomBytes)).isEmpty();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void randomBytesInFlatProtectedMode() {
        assertThat(runMany(true, 0x5EED_1000L, this::randomBytes)).isEmpty();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void strungTogetherTableRowsInRealMode() {
        assertThat(runMany(false, 0x5EED_2000L, this::randomRows)).isEmpty();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void strungTogetherTableRowsInFlatProtectedMode() {
        assertThat(runMany(true, 0x5EED_3000L, this::randomRows)).isEmpty();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void decoderAndDisassemblerAloneThrowOnlyEndOfBytes() {
        List<String> problems = new ArrayList<>();
        Random r = new Random(0xDEC0DEL);
        for (int run = 0; run < 100_000; run++) {
            byte[] b = new byte[1 + r.nextInt(20)];
            r.nextBytes(b);
            if (r.nextInt(4) == 0) {
                // Prefix-heavy sequences reach the length limit.
                for (int i = 0; i < b.length - 1; i++) {
                    b[i] = (byte) OpcodeTable.PREFIXES[r.nextInt(OpcodeTable.PREFIXES.length)];
                }
            }
            boolean code32 = r.nextBoolean();
            try {
                DecodedInsn d = Decoder.decode(b, 0, code32);
                if (d.length < 1 || d.length > Decoder.MAX_LENGTH) {
                    problems.add(hex(b) + " code32=" + code32 + ": length " + d.length);
                }
                Disassembler.format(d, r.nextInt(), code32);
            } catch (Decoder.EndOfBytes e) {
                // the bytes ran out: the one expected outcome besides a decoded instruction
            } catch (RuntimeException e) {
                problems.add(hex(b) + " code32=" + code32 + ": " + describe(e));
            }
            try {
                Disassembler.listing(b, r.nextInt(), code32);
            } catch (RuntimeException e) {
                problems.add("listing " + hex(b) + ": " + describe(e));
            }
        }
        assertThat(problems).isEmpty();
    }

    // ------------------------------------------------------------------ code generators

    private byte[] randomBytes(Random r) {
        byte[] b = new byte[CODE_BYTES];
        r.nextBytes(b);
        return b;
    }

    /** Rows of the table with random ModRM and immediates, one after another. */
    private byte[] randomRows(Random r) {
        List<OpcodeRow> rows = OpcodeTable.rows();
        byte[] out = new byte[CODE_BYTES * 2];
        int n = 0;
        while (n < CODE_BYTES) {
            OpcodeRow row = rows.get(r.nextInt(rows.size()));
            if (r.nextInt(5) == 0) {
                out[n++] = (byte) OpcodeTable.PREFIXES[r.nextInt(OpcodeTable.PREFIXES.length)];
            }
            if (row.opcode >= 0x100) {
                out[n++] = 0x0F;
            }
            out[n++] = (byte) row.opcode;
            int modrm = r.nextInt(256);
            if (row.groupReg >= 0) {
                modrm = modrm & 0xC7 | row.groupReg << 3;
            }
            out[n++] = (byte) modrm;
            for (int i = 0; i < 6; i++) {
                out[n++] = (byte) (r.nextInt(3) == 0 ? 0 : r.nextInt(256));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the runs

    private List<String> runMany(boolean protectedMode, long seed, java.util.function.Function<Random, byte[]> gen) {
        CpuRig rig = protectedMode ? CpuRig.flat32() : CpuRig.real();
        Cpu cpu = rig.cpu;
        byte[] ram = cpu.mem.ram();
        byte[] pristine = new byte[ram.length];
        List<String> problems = new ArrayList<>();
        long retiredBefore = cpu.instructions;
        for (int run = 0; run < RUNS_PER_MODE; run++) {
            Random r = new Random(seed + run);
            byte[] code = gen.apply(r);
            System.arraycopy(pristine, 0, ram, 0, ram.length);
            // The copy bypasses the write listeners: drop decoded code of every RAM page by hand
            // (pages past RAM read as all ones and never change).
            for (int page = 0; page < ram.length >>> 12; page++) {
                cpu.decodeCache.invalidatePage(page);
            }
            setUp(cpu, protectedMode, r);
            cpu.mem.load(CpuRig.CODE, code, 0, code.length);
            int steps = 0;
            try {
                while (steps < STEPS && cpu.state == Cpu.State.RUNNING) {
                    cpu.step();
                    steps++;
                }
            } catch (Throwable e) {
                problems.add(String.format("seed %d %s step %d at %04x:%08x code %s: %s", seed + run,
                        protectedMode ? "flat32" : "real", steps, cpu.seg[Cpu.CS].selector, cpu.eip, hex(code),
                        describe(e)));
                if (problems.size() >= 20) {
                    break;
                }
            }
        }
        // Guard against a setup in which nothing runs at all (every run faulting at once).
        long retired = cpu.instructions - retiredBefore;
        if (retired < RUNS_PER_MODE) {
            problems.add("only " + retired + " instructions retired in " + RUNS_PER_MODE + " runs");
        }
        return problems;
    }

    /** The mode, random general registers, a stack, and every vector pointing at HLT; JMP $-1. */
    private static void setUp(Cpu cpu, boolean protectedMode, Random r) {
        cpu.reset();
        for (int i = 0; i < 8; i++) {
            cpu.reg[i] = r.nextBoolean() ? r.nextInt() : r.nextInt(0x10000);
        }
        cpu.reg[Cpu.ESP] = CpuRig.STACK_TOP;
        cpu.setEflags(r.nextInt() & (Cpu.ARITH_FLAGS | Cpu.DF));
        cpu.eip = CpuRig.CODE;
        if (!protectedMode) {
            for (int s = 0; s < 6; s++) {
                cpu.seg[s].set(0, 0, 0xFFFF, s == Cpu.CS ? 0x9B : 0x93, false);
            }
            for (int v = 0; v < 256; v++) {
                cpu.mem.write32(v * 4, IVT_HANDLER);
            }
            writeHaltLoop(cpu, IVT_HANDLER);
            return;
        }
        // GDT: null, 0x08 flat 32-bit code, 0x10 flat data.
        cpu.mem.write32(GDT, 0);
        cpu.mem.write32(GDT + 4, 0);
        cpu.mem.write32(GDT + 8, 0x0000FFFF);
        cpu.mem.write32(GDT + 12, 0x00CF9B00);
        cpu.mem.write32(GDT + 16, 0x0000FFFF);
        cpu.mem.write32(GDT + 20, 0x00CF9300);
        cpu.gdtrBase = GDT;
        cpu.gdtrLimit = 23;
        // IDT: 256 32-bit interrupt gates, DPL 3 so INT n from any level reaches them.
        for (int v = 0; v < 256; v++) {
            cpu.mem.write32(IDT + v * 8, 0x08 << 16 | PM_HANDLER & 0xFFFF);
            cpu.mem.write32(IDT + v * 8 + 4, PM_HANDLER & 0xFFFF0000 | 0xEE00);
        }
        cpu.idtrBase = IDT;
        cpu.idtrLimit = 256 * 8 - 1;
        cpu.cr0 |= Cpu.CR0_PE;
        cpu.seg[Cpu.CS].set(0x08, 0, 0xFFFFFFFF, 0x9B, true);
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) {
            cpu.seg[s].set(0x10, 0, 0xFFFFFFFF, 0x93, true);
        }
        writeHaltLoop(cpu, PM_HANDLER);
    }

    private static void writeHaltLoop(Cpu cpu, int at) {
        cpu.mem.write8(at, 0xF4);     // HLT
        cpu.mem.write8(at + 1, 0xEB); // JMP $-3: back to HLT should an interrupt wake it
        cpu.mem.write8(at + 2, 0xFD);
    }

    private static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.toString());
        StackTraceElement[] st = e.getStackTrace();
        for (int i = 0; i < Math.min(6, st.length); i++) {
            sb.append("\n    at ").append(st[i]);
        }
        return sb.toString();
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
