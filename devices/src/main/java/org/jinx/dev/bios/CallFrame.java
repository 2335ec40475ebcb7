package org.jinx.dev.bios;

import org.jinx.cpu.Cpu;

/**
 * The caller of a BIOS service as a trap site sees it: the registers, and the IRET frame that
 * INT pushed (IP, CS, FLAGS at SS:SP). Results in CF and ZF go into that frame's FLAGS, since
 * the stub's IRET reloads the caller's flags from it; the live CF belongs to the stub and asks
 * it to wait and trap again.
 */
final class CallFrame {
    private CallFrame() {
    }

    static int ah(Cpu cpu) {
        return cpu.reg8(4);
    }

    static int al(Cpu cpu) {
        return cpu.reg8(0);
    }

    static int ax(Cpu cpu) {
        return cpu.reg16(Cpu.EAX);
    }

    static int bx(Cpu cpu) {
        return cpu.reg16(Cpu.EBX);
    }

    static int cx(Cpu cpu) {
        return cpu.reg16(Cpu.ECX);
    }

    static int dx(Cpu cpu) {
        return cpu.reg16(Cpu.EDX);
    }

    static int bh(Cpu cpu) {
        return cpu.reg8(7);
    }

    static int bl(Cpu cpu) {
        return cpu.reg8(3);
    }

    static int ch(Cpu cpu) {
        return cpu.reg8(5);
    }

    static int cl(Cpu cpu) {
        return cpu.reg8(1);
    }

    static int dh(Cpu cpu) {
        return cpu.reg8(6);
    }

    static int dl(Cpu cpu) {
        return cpu.reg8(2);
    }

    static void setAh(Cpu cpu, int v) {
        cpu.setReg8(4, v);
    }

    static void setAl(Cpu cpu, int v) {
        cpu.setReg8(0, v);
    }

    static void setAx(Cpu cpu, int v) {
        cpu.setReg16(Cpu.EAX, v);
    }

    /** Sets or clears flag bits in the FLAGS image that the stub's IRET will load. */
    static void setReturnFlags(Cpu cpu, int mask, boolean on) {
        int off = cpu.stack32() ? cpu.sp() + 4 : cpu.sp() + 4 & 0xFFFF;
        int flags = cpu.read16(Cpu.SS, off);
        cpu.write16(Cpu.SS, off, on ? flags | mask : flags & ~mask);
    }

    /** Success: CF clear in the caller's flags. */
    static void ok(Cpu cpu) {
        setReturnFlags(cpu, Cpu.CF, false);
    }

    /** Failure with a status in AH and CF set, as INT 13h and INT 15h report errors. */
    static void fail(Cpu cpu, int status) {
        setAh(cpu, status);
        setReturnFlags(cpu, Cpu.CF, true);
    }

    /** Asks the stub to halt until the next interrupt and call the service again. */
    static void waitAndRetry(Cpu cpu) {
        cpu.setFlag(Cpu.CF, true);
    }
}
