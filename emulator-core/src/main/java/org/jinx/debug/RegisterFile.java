package org.jinx.debug;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Segment;

/**
 * The CPU's registers in gdb's i386 numbering ({@link DebugTarget}), little-endian. There is no
 * FPU yet: the x87 registers read as zeros, and writing anything but zero to them is refused.
 */
final class RegisterFile {
    /** Sreg index for gdb's CS SS DS ES FS GS. */
    private static final int[] SREG = {Cpu.CS, Cpu.SS, Cpu.DS, Cpu.ES, Cpu.FS, Cpu.GS};

    private final Cpu cpu;
    private final DebugMemory memory;

    RegisterFile(Cpu cpu, DebugMemory memory) {
        this.cpu = cpu;
        this.memory = memory;
    }

    int read(int n, byte[] out, int off) {
        int size = DebugTarget.registerSize(n);
        if (size == 4) {
            putLe32(out, off, value(n));
        } else if (size == 10) {
            java.util.Arrays.fill(out, off, off + 10, (byte) 0);
        }
        return size;
    }

    private int value(int n) {
        if (n < 8) {
            return cpu.reg[n]; // gdb's order eax..edi is the ModRM order
        }
        if (n == DebugTarget.REG_EIP) {
            return cpu.eip;
        }
        if (n == DebugTarget.REG_EFLAGS) {
            return cpu.getEflags();
        }
        if (n < DebugTarget.REG_ST0) {
            return cpu.seg[SREG[n - DebugTarget.REG_CS]].selector & 0xFFFF;
        }
        return 0; // x87 control registers: no FPU
    }

    boolean write(int n, byte[] in, int off) {
        int size = DebugTarget.registerSize(n);
        if (size < 0) {
            return false;
        }
        if (DebugTarget.isFpuRegister(n)) {
            return DebugTarget.acceptsFpuWrite(n, in, off);
        }
        int v = getLe32(in, off);
        if (n < 8) {
            cpu.reg[n] = v;
        } else if (n == DebugTarget.REG_EIP) {
            cpu.eip = v;
        } else if (n == DebugTarget.REG_EFLAGS) {
            cpu.setEflags(v | 0x2); // bit 1 always reads as 1
        } else {
            return loadSegment(SREG[n - DebugTarget.REG_CS], v & 0xFFFF);
        }
        return true;
    }

    /**
     * Loads a segment register with its hidden part, as MOV would but without faults: real and
     * virtual-8086 mode take base = selector * 16; protected mode reads the descriptor from the
     * GDT or LDT. A selector that MOV would refuse (past the table limit, not present, null in CS
     * or SS) is refused. Writing back the selector a register already holds changes nothing, so
     * a {@code G} that returns gdb's copy unchanged keeps descriptors the GDT no longer matches.
     */
    private boolean loadSegment(int sreg, int sel) {
        Segment s = cpu.seg[sreg];
        if (sel == (s.selector & 0xFFFF)) {
            return true;
        }
        if (!cpu.protectedMode()) {
            s.loadReal(sel);
            return true;
        }
        if (cpu.v86()) {
            s.loadV86(sel);
            return true;
        }
        if ((sel & ~3) == 0) {
            if (sreg == Cpu.CS || sreg == Cpu.SS) {
                return false;
            }
            s.loadNull(sel);
            return true;
        }
        boolean ldt = (sel & 4) != 0;
        int base = ldt ? cpu.ldtr.base : cpu.gdtrBase;
        int limit = ldt ? cpu.ldtr.limit : cpu.gdtrLimit;
        int index = sel & ~7;
        if (Integer.compareUnsigned(index + 7, limit) > 0) {
            return false;
        }
        byte[] d = new byte[8];
        if (memory.read(base + index & 0xFFFFFFFFL, d, 0, 8) != 8) {
            return false;
        }
        int low = getLe32(d, 0);
        int high = getLe32(d, 4);
        if ((high & 0x8000) == 0 || (high & 0x1000) == 0) {
            return false; // not present, or a system descriptor
        }
        s.loadDescriptor(sel, low, high);
        return true;
    }

    static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    static int getLe32(byte[] b, int off) {
        return b[off] & 0xFF | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }
}
