package org.jinx.tools.lockstep;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jinx.Machine;
import org.jinx.boot.BiosImage;
import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Decoder;
import org.jinx.dev.debug.DebugConsolePort;
import org.jinx.dev.debug.ExitPort;

/**
 * Jinx's side of the lockstep: a bare machine shaped like the QEMU command line the tool runs
 * (the ROM at 0xF0000 and below 4 GiB, {@link QemuTarget#RAM_MIB} of RAM, isa-debugcon at 0xE9,
 * isa-debug-exit at 0xF4, nothing else), driven one {@link Cpu#step()} at a time. Port 0x80
 * is left unclaimed, so it reads 0xFF as QEMU's dummy port does.
 */
public final class JinxTarget {
    static final long CPU_HZ = 33_000_000L;

    public final Machine machine;
    public final Cpu cpu;
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();
    private final ExitPort exit;

    public JinxTarget(BiosImage rom) {
        machine = new Machine(QemuTarget.RAM_MIB << 20, CPU_HZ);
        cpu = machine.cpu;
        rom.install(machine.mem);
        machine.io.register(DebugConsolePort.PORT, 1, new DebugConsolePort(console), "debug console");
        exit = new ExitPort(machine::requestExit);
        machine.io.register(ExitPort.PORT, ExitPort.SIZE, exit, "debug exit");
        cpu.reset();
    }

    /** One {@link Cpu#step()}: an instruction, one chunk of a REP instruction, or a fault delivered. */
    public void step() {
        cpu.step();
    }

    public Registers registers() {
        return Registers.of(cpu);
    }

    /** True once the guest has written the exit port. */
    public boolean exited() {
        return exit.written();
    }

    /** The process status QEMU gives for the guest's exit write: (v << 1) | 1. */
    public int exitStatus() {
        return ExitPort.statusFor(exit.lastValue());
    }

    public String output() {
        return console.toString(StandardCharsets.ISO_8859_1);
    }

    /** The linear address of CS:EIP. */
    public int linearPc() {
        return cpu.seg[Cpu.CS].base + cpu.eip;
    }

    /**
     * The instruction at CS:EIP, decoded from memory without side effects (no A bits, no
     * faults, no decode cache); null where its bytes are not mapped or do not decode.
     */
    public DecodedInsn peekInstruction() {
        return peekInstruction(cpu.seg[Cpu.CS].base, cpu.eip, cpu.code32());
    }

    /** The instruction at {@code base + offset}, or null. */
    public DecodedInsn peekInstruction(int base, int offset, boolean code32) {
        byte[] bytes = peekBytes(base, offset, Decoder.MAX_LENGTH, code32);
        if (bytes.length == 0) {
            return null;
        }
        try {
            return Decoder.decode(bytes, 0, code32);
        } catch (Decoder.EndOfBytes e) {
            return null;
        }
    }

    /** Up to {@code n} bytes at {@code base + offset}, stopping at the first unmapped one. */
    public byte[] peekBytes(int base, int offset, int n, boolean code32) {
        byte[] b = new byte[n];
        int mask = code32 ? -1 : 0xFFFF;
        for (int i = 0; i < n; i++) {
            long phys = cpu.paging.peekTranslate(base + (offset + i & mask));
            if (phys < 0) {
                return java.util.Arrays.copyOf(b, i);
            }
            b[i] = (byte) cpu.mem.read8((int) phys);
        }
        return b;
    }
}
