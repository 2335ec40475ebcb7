package org.jinx.cpu;

import org.jinx.Machine;

/**
 * A machine for unit tests: 2 MiB of RAM, code placed at {@link #CODE}, a stack below
 * {@link #STACK_TOP}, and either flat 32-bit protected mode or real mode set up directly in the
 * registers (no guest code runs to get there). Tests poke registers, run a few instructions and
 * assert on the state.
 */
public final class CpuRig {
    public static final int CODE = 0x1000;
    public static final int DATA = 0x8000;
    public static final int STACK_TOP = 0x7000;

    public final Machine machine;
    public final Cpu cpu;
    private int codeEnd = CODE;

    private CpuRig() {
        machine = new Machine(2 << 20, 33_000_000L);
        cpu = machine.cpu;
    }

    /** Flat 32-bit protected mode, CPL 0, all segments base 0 limit 4 GiB. */
    public static CpuRig flat32() {
        CpuRig r = new CpuRig();
        Cpu c = r.cpu;
        c.cr0 |= Cpu.CR0_PE;
        c.seg[Cpu.CS].set(0x08, 0, 0xFFFFFFFF, 0x9B, true);
        for (int s : new int[] {Cpu.ES, Cpu.SS, Cpu.DS, Cpu.FS, Cpu.GS}) {
            c.seg[s].set(0x10, 0, 0xFFFFFFFF, 0x93, true);
        }
        c.eip = CODE;
        c.reg[Cpu.ESP] = STACK_TOP;
        return r;
    }

    /** Real mode with every segment at 0. */
    public static CpuRig real() {
        CpuRig r = new CpuRig();
        Cpu c = r.cpu;
        for (int s = 0; s < 6; s++) {
            c.seg[s].set(0, 0, 0xFFFF, s == Cpu.CS ? 0x9B : 0x93, false);
        }
        c.eip = CODE;
        c.reg[Cpu.ESP] = STACK_TOP;
        return r;
    }

    /** Appends code bytes at the end of what was placed so far. */
    public CpuRig code(int... bytes) {
        for (int b : bytes) {
            cpu.mem.write8(codeEnd++, b);
        }
        return this;
    }

    /** Executes {@code n} instructions (a fault counts as one step). */
    public CpuRig step(int n) {
        for (int i = 0; i < n; i++) {
            cpu.step();
        }
        return this;
    }

    /** Executes until EIP reaches the end of the placed code (or {@code limit} steps). */
    public CpuRig run() {
        for (int i = 0; i < 1_000_000 && cpu.eip != codeEnd && cpu.state == Cpu.State.RUNNING; i++) {
            cpu.step();
        }
        return this;
    }

    public int reg(int r) {
        return cpu.reg[r];
    }

    public CpuRig set(int r, int v) {
        cpu.reg[r] = v;
        return this;
    }

    public int flags() {
        return cpu.getEflags();
    }

    public CpuRig poke32(int addr, int v) {
        cpu.mem.write32(addr, v);
        return this;
    }

    public int peek32(int addr) {
        return cpu.mem.read32(addr);
    }

    public int peek8(int addr) {
        return cpu.mem.read8(addr);
    }
}
