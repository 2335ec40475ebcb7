package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Exceptions;
import org.jinx.cpu.Segment;

/**
 * Stack access for far transfers and interrupt delivery, which must not change ESP until the
 * whole frame is written: each push takes the stack pointer as an argument and returns the new
 * one, and the caller commits it only when every check has passed. A push that faults leaves
 * registers untouched; bytes already written lie below the committed stack pointer, where
 * nothing lives.
 */
final class Stacks {
    private Stacks() {
    }

    /**
     * Writes {@code size} bytes below {@code sp} on a stack segment given by its cached fields
     * (the segment need not be loaded yet). Raises #SS({@code code}) past the limit.
     */
    static int push(Cpu cpu, int base, long lo, long hi, boolean big, boolean user, int sp, int size, int v,
            int code) {
        int nsp = sp - size;
        if (!big) {
            nsp &= 0xFFFF;
        }
        long o = nsp & 0xFFFFFFFFL;
        if (o < lo || o + size - 1 > hi) {
            throw cpu.fault(Exceptions.SS, code);
        }
        int lin = base + nsp;
        if (size == 4) {
            cpu.paging.write32(lin, v, user);
        } else {
            cpu.paging.write16(lin, v, user);
        }
        return nsp;
    }

    /** Pushes onto the current SS at the current privilege level. */
    static int pushCurrent(Cpu cpu, int sp, int size, int v, int code) {
        Segment ss = cpu.seg[Cpu.SS];
        if (!ss.valid || !ss.writable && cpu.protectedMode()) {
            throw cpu.fault(Exceptions.SS, code);
        }
        return push(cpu, ss.base, ss.lo, ss.hi, ss.big, cpu.cpl == 3, sp, size, v, code);
    }

    /** Reads {@code size} bytes at {@code sp + depth} on the current stack (#SS(0) past the limit). */
    static int read(Cpu cpu, int sp, int depth, int size) {
        int off = sp + depth;
        if (!cpu.stack32()) {
            off &= 0xFFFF;
        }
        return cpu.read(size, Cpu.SS, off);
    }

    /**
     * The inner-level stack pointer for privilege level {@code cpl}, read from the current TSS:
     * SS in the high 32 bits of the result, ESP (or SP for a 286 TSS) in the low 32. A TSS too
     * short to hold the entry is #TS(TSS selector + EXT).
     */
    static long innerStack(Cpu cpu, int cpl, int ext) {
        Segment tr = cpu.tr;
        boolean tss32 = (tr.type() & 8) != 0;
        int off = tss32 ? 4 + cpl * 8 : 2 + cpl * 4;
        int last = tss32 ? off + 5 : off + 3;
        if ((last & 0xFFFFFFFFL) > (tr.limit & 0xFFFFFFFFL)) {
            throw cpu.fault(Exceptions.TS, tr.selector & 0xFFFC | ext);
        }
        int esp = tss32 ? cpu.paging.read32(tr.base + off, false) : cpu.paging.read16(tr.base + off, false);
        int ss = cpu.paging.read16(tr.base + off + (tss32 ? 4 : 2), false);
        return (long) ss << 32 | esp & 0xFFFFFFFFL;
    }

    /**
     * Checks the inner stack segment named by the TSS for a change to level {@code cpl} and
     * returns its descriptor: #TS for a null, out-of-table, wrongly typed or wrongly privileged
     * selector, #SS when it is not present (SDM "CALL", "INT n", inter-privilege cases).
     */
    static long checkInnerStack(Cpu cpu, int ss, int cpl, int ext) {
        if ((ss & 0xFFFC) == 0) {
            throw cpu.fault(Exceptions.TS, ext);
        }
        int err = ss & 0xFFFC | ext;
        long d = SegmentLoad.descriptor(cpu, ss, Exceptions.TS, err);
        if ((ss & 3) != cpl || Descriptor.dpl(d) != cpl || !Descriptor.writableData(d)) {
            throw cpu.fault(Exceptions.TS, err);
        }
        if (!Descriptor.present(d)) {
            throw cpu.fault(Exceptions.SS, err);
        }
        return d;
    }

    /** Pushes onto the stack segment described by {@code d}, at the privilege level {@code cpl}. */
    static int pushTo(Cpu cpu, long d, int cpl, int sp, int size, int v, int code) {
        return push(cpu, Descriptor.base(d), Descriptor.lowOffset(d), Descriptor.highOffset(d), Descriptor.big(d),
                cpl == 3, sp, size, v, code);
    }
}
