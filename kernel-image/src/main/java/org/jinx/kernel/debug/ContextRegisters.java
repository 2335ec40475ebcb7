package org.jinx.kernel.debug;

import org.jinx.debug.DebugTarget;
import org.jinx.kernel.proc.Context;

/**
 * A saved {@link Context} in gdb's i386 register numbering ({@link DebugTarget}), for a process
 * that is not on the CPU. The kernel loads flat ring-3 segments from fixed selectors whatever the
 * context holds, so a segment register may only be written with the value it has (gdb's
 * {@code G} sends every register back); there is no FPU, so the x87 registers read as zeros and
 * take only zeros.
 */
final class ContextRegisters {
    private ContextRegisters() {
    }

    static int read(Context c, int n, byte[] out, int off) {
        int size = DebugTarget.registerSize(n);
        if (size == 4) {
            putLe32(out, off, value(c, n));
        } else if (size == 10) {
            java.util.Arrays.fill(out, off, off + 10, (byte) 0);
        }
        return size;
    }

    static boolean write(Context c, int n, byte[] in, int off) {
        int size = DebugTarget.registerSize(n);
        if (size < 0) {
            return false;
        }
        if (DebugTarget.isFpuRegister(n)) {
            return DebugTarget.acceptsFpuWrite(n, in, off);
        }
        int v = getLe32(in, off);
        switch (n) {
            case 0 -> c.eax = v;
            case 1 -> c.ecx = v;
            case 2 -> c.edx = v;
            case 3 -> c.ebx = v;
            case 4 -> c.esp = v;
            case 5 -> c.ebp = v;
            case 6 -> c.esi = v;
            case 7 -> c.edi = v;
            case DebugTarget.REG_EIP -> c.eip = v;
            case DebugTarget.REG_EFLAGS -> c.eflags = v | 0x2; // bit 1 always reads as 1
            default -> {
                return (v & 0xFFFF) == value(c, n);
            }
        }
        return true;
    }

    private static int value(Context c, int n) {
        return switch (n) {
            case 0 -> c.eax;
            case 1 -> c.ecx;
            case 2 -> c.edx;
            case 3 -> c.ebx;
            case 4 -> c.esp;
            case 5 -> c.ebp;
            case 6 -> c.esi;
            case 7 -> c.edi;
            case DebugTarget.REG_EIP -> c.eip;
            case DebugTarget.REG_EFLAGS -> c.eflags;
            case 10 -> c.cs & 0xFFFF;
            case 11 -> c.ss & 0xFFFF;
            case 12 -> c.ds & 0xFFFF;
            case 13 -> c.es & 0xFFFF;
            case 14 -> c.fs & 0xFFFF;
            case 15 -> c.gs & 0xFFFF;
            default -> 0; // x87 control registers: no FPU
        };
    }

    private static void putLe32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    private static int getLe32(byte[] b, int off) {
        return b[off] & 0xFF | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }
}
