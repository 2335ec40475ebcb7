package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.Segment;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.mem.PhysicalMemory;

/**
 * String instructions with REP prefixes: MOVS CMPS SCAS LODS STOS INS OUTS.
 *
 * <p>The source is seg:eSI, where seg is DS or the override; the destination is always ES:eDI.
 * The address size picks SI/DI/CX or ESI/EDI/ECX (16-bit offsets wrap within 64 KiB and leave
 * the upper register halves alone). DF picks the direction.
 *
 * <p>A repeated instruction runs at most {@link #CHUNK} iterations per execution and then sets
 * {@code nextEip = eip}, so the step loop runs it again after taking any pending interrupt; eSI,
 * eDI and eCX are written back after every completed iteration (the {@code finally} blocks), so
 * a fault in iteration k leaves them as iteration k-1 left them and the instruction resumes
 * where it stopped.
 *
 * <p>Clocks (386 manual, REP): a repeated instruction costs its REP base plus a count per
 * iteration: MOVS 5+4n, STOS 5+5n, LODS 5+6n, CMPS 5+9n, SCAS 5+8n (the per-iteration count is
 * the row's {@code clkAlt}); INS 13+6n in real mode and 7+6n in protected mode, OUTS 5+12n and
 * 6+5n, each 20 more when the I/O permission bitmap is consulted. The step loop charges the
 * row's single-instruction count, which the handler replaces. The base is charged once per
 * instruction, not once per chunk: a chunk that stops with iterations left sets
 * {@link Cpu#repResume}, and an execution that finds it set is a continuation and pays only its
 * iterations. The step loop clears the flag when an interrupt, a fault or a trap comes between
 * two chunks; the instruction then starts over and pays the base again, as the restarted
 * instruction does on the 386. A zero count costs the base alone.
 *
 * <p>MOVS and STOS have a fast path: the run of elements that stays within one page on each
 * side and within the segment limits is translated once and moved through physical memory,
 * which keeps device regions, the A20 gate and decode-cache invalidation exact.
 */
public final class StringOps {
    /**
     * Iterations per execution of a repeated instruction. Small enough that an interrupt waits
     * no more than a few thousand clocks, large enough that the restart costs nothing.
     */
    static final int CHUNK = 1024;

    /** The REP base count of MOVS, STOS, LODS, CMPS and SCAS. */
    private static final int REP_BASE = 5;
    /** REP INS: base 13 in real mode, 7 in protected mode; 6 per iteration in both. */
    private static final int REP_INS_BASE_REAL = 13, REP_INS_BASE_PM = 7, REP_INS_EACH = 6;
    /** REP OUTS: base 5 and 12 per iteration in real mode, base 6 and 5 per iteration in protected mode. */
    private static final int REP_OUTS_BASE_REAL = 5, REP_OUTS_EACH_REAL = 12, REP_OUTS_BASE_PM = 6,
            REP_OUTS_EACH_PM = 5;

    private StringOps() {
    }

    // ------------------------------------------------------------ helpers

    /** The next offset of a string register: moves by delta within the address-size mask. */
    private static int advance(int r, int delta, int mask) {
        return r & ~mask | r + delta & mask;
    }

    /**
     * Iterations to run now: the count (unsigned) or CHUNK, whichever is less; one while TF is
     * set or debug registers are armed, because the 386 takes a single-step trap, and a data
     * breakpoint's trap, after the iteration that caused it, with eIP still at the instruction
     * (386 manual 12.3.1.4 and 12.3.1.2).
     */
    private static int budget(Cpu cpu, int count) {
        if (cpu.tf() || cpu.debugActive) {
            return 1;
        }
        return Integer.compareUnsigned(count, CHUNK) < 0 ? count : CHUNK;
    }

    /**
     * The count of a repeated instruction under the address-size mask. A zero count runs no
     * iteration: the instruction is charged its REP base and ends here, and the caller returns
     * at once on 0.
     */
    private static int repCount(Cpu cpu, DecodedInsn d, int mask) {
        int count = cpu.reg[Cpu.ECX] & mask;
        if (count == 0) {
            cpu.repResume = false;
            finish(cpu, d, mask, 0, 0, false);
        }
        return count;
    }

    /**
     * Writes back the count after {@code done} iterations, charges the execution (the base only
     * when this is not a continuation, see {@link Cpu#repResume}), and asks for the instruction
     * again when the count is not exhausted and the loop was not ended by a REPE/REPNE condition
     * ({@code stopped}). The loop leaves eCX and the continuation flag alone, so both are read
     * here as the instruction found them.
     */
    private static void finish(Cpu cpu, DecodedInsn d, int mask, int count, int done, boolean stopped) {
        int left = count - done;
        cpu.reg[Cpu.ECX] = cpu.reg[Cpu.ECX] & ~mask | left & mask;
        chargeRep(cpu, d, cpu.repResume ? 0 : REP_BASE, d.row.clkAlt, done);
        again(cpu, left != 0 && !stopped);
    }

    /** Replaces the row's single count, charged by the step loop, with {@code base + each * done}. */
    private static void chargeRep(Cpu cpu, DecodedInsn d, int base, int each, int done) {
        cpu.extraCycles += base + each * done - d.row.clkReg;
    }

    /** Runs the instruction again, as a continuation, when {@code more} iterations are due. */
    private static void again(Cpu cpu, boolean more) {
        cpu.repResume = more;
        if (more) {
            cpu.nextEip = cpu.eip;
        }
    }

    private static int sizeMask(int size) {
        return size == 4 ? -1 : size == 2 ? 0xFFFF : 0xFF;
    }

    /**
     * How many consecutive elements, starting at offset {@code off} of segment {@code g} and
     * moving by {@code delta}, lie within one linear page, within the segment's limits and
     * within the address-size range without wrapping. Zero when the first element does not
     * (crosses a page, faults, or the segment's type forbids the access): the caller then takes
     * the checked path, which raises the fault or splits the access.
     */
    private static int fits(Segment g, int off, int size, int delta, int mask, boolean write) {
        if (write ? !g.writable : !g.readable) {
            return 0;
        }
        long o = off & 0xFFFFFFFFL;
        long hi = Math.min(g.hi, mask & 0xFFFFFFFFL);
        if (o < g.lo || o + size - 1 > hi) {
            return 0;
        }
        int inPage = g.base + off & 0xFFF;
        if (inPage + size > 0x1000) {
            return 0;
        }
        long n;
        if (delta > 0) {
            n = Math.min((0x1000 - inPage) / size, (hi - o - size + 1) / size + 1);
        } else {
            n = Math.min(inPage / size + 1, (o - g.lo) / size + 1);
        }
        return (int) n;
    }

    private static int physRead(PhysicalMemory m, int size, int a) {
        return size == 4 ? m.read32(a) : size == 2 ? m.read16(a) : m.read8(a);
    }

    private static void physWrite(PhysicalMemory m, int size, int a, int v) {
        if (size == 4) {
            m.write32(a, v);
        } else if (size == 2) {
            m.write16(a, v);
        } else {
            m.write8(a, v);
        }
    }

    // ------------------------------------------------------------ MOVS

    /** MOVS: ES:[eDI] = seg:[eSI]. */
    public static void movs(Cpu cpu, DecodedInsn d) {
        int size = d.osize;
        int src = d.seg;
        int mask = d.a32 ? -1 : 0xFFFF;
        int delta = cpu.df() ? -size : size;
        int[] r = cpu.reg;
        int si = r[Cpu.ESI];
        int di = r[Cpu.EDI];
        if (d.rep == 0) {
            cpu.write(size, Cpu.ES, di & mask, cpu.read(size, src, si & mask));
            r[Cpu.ESI] = advance(si, delta, mask);
            r[Cpu.EDI] = advance(di, delta, mask);
            return;
        }
        int count = repCount(cpu, d, mask);
        if (count == 0) {
            return;
        }
        int n = budget(cpu, count);
        int done = 0;
        boolean fast = !cpu.debugActive;
        Segment sg = cpu.seg[src];
        Segment dg = cpu.seg[Cpu.ES];
        PhysicalMemory m = cpu.mem;
        try {
            while (done < n) {
                int k = 0;
                if (fast) {
                    k = Math.min(n - done, Math.min(fits(sg, si & mask, size, delta, mask, false),
                            fits(dg, di & mask, size, delta, mask, true)));
                }
                if (k == 0) {
                    cpu.write(size, Cpu.ES, di & mask, cpu.read(size, src, si & mask));
                    si = advance(si, delta, mask);
                    di = advance(di, delta, mask);
                    done++;
                    continue;
                }
                boolean user = cpu.cpl == 3;
                int ps = cpu.paging.translate(sg.base + (si & mask), false, user);
                int pd = cpu.paging.translate(dg.base + (di & mask), true, user);
                for (int i = 0; i < k; i++) {
                    physWrite(m, size, pd, physRead(m, size, ps));
                    ps += delta;
                    pd += delta;
                }
                si = advance(si, k * delta, mask);
                di = advance(di, k * delta, mask);
                done += k;
            }
        } finally {
            r[Cpu.ESI] = si;
            r[Cpu.EDI] = di;
            finish(cpu, d, mask, count, done, false);
        }
    }

    // ------------------------------------------------------------ STOS

    /** STOS: ES:[eDI] = AL/AX/EAX. */
    public static void stos(Cpu cpu, DecodedInsn d) {
        int size = d.osize;
        int mask = d.a32 ? -1 : 0xFFFF;
        int delta = cpu.df() ? -size : size;
        int[] r = cpu.reg;
        int v = r[Cpu.EAX];
        int di = r[Cpu.EDI];
        if (d.rep == 0) {
            cpu.write(size, Cpu.ES, di & mask, v);
            r[Cpu.EDI] = advance(di, delta, mask);
            return;
        }
        int count = repCount(cpu, d, mask);
        if (count == 0) {
            return;
        }
        int n = budget(cpu, count);
        int done = 0;
        boolean fast = !cpu.debugActive;
        Segment dg = cpu.seg[Cpu.ES];
        PhysicalMemory m = cpu.mem;
        try {
            while (done < n) {
                int k = fast ? Math.min(n - done, fits(dg, di & mask, size, delta, mask, true)) : 0;
                if (k == 0) {
                    cpu.write(size, Cpu.ES, di & mask, v);
                    di = advance(di, delta, mask);
                    done++;
                    continue;
                }
                int pd = cpu.paging.translate(dg.base + (di & mask), true, cpu.cpl == 3);
                for (int i = 0; i < k; i++) {
                    physWrite(m, size, pd, v);
                    pd += delta;
                }
                di = advance(di, k * delta, mask);
                done += k;
            }
        } finally {
            r[Cpu.EDI] = di;
            finish(cpu, d, mask, count, done, false);
        }
    }

    // ------------------------------------------------------------ LODS

    /** LODS: AL/AX/EAX = seg:[eSI]. Repeating it is legal and leaves the last element loaded. */
    public static void lods(Cpu cpu, DecodedInsn d) {
        int size = d.osize;
        int src = d.seg;
        int mask = d.a32 ? -1 : 0xFFFF;
        int delta = cpu.df() ? -size : size;
        int[] r = cpu.reg;
        int si = r[Cpu.ESI];
        if (d.rep == 0) {
            cpu.setReg(size, Cpu.EAX, cpu.read(size, src, si & mask));
            r[Cpu.ESI] = advance(si, delta, mask);
            return;
        }
        int count = repCount(cpu, d, mask);
        if (count == 0) {
            return;
        }
        int n = budget(cpu, count);
        int done = 0;
        try {
            while (done < n) {
                cpu.setReg(size, Cpu.EAX, cpu.read(size, src, si & mask));
                si = advance(si, delta, mask);
                done++;
            }
        } finally {
            r[Cpu.ESI] = si;
            finish(cpu, d, mask, count, done, false);
        }
    }

    // ------------------------------------------------------------ CMPS, SCAS

    /**
     * CMPS: compares seg:[eSI] with ES:[eDI] (flags of source minus destination). REPE (F3)
     * continues while equal, REPNE (F2) while not equal; the iteration that ends the loop still
     * counts.
     */
    public static void cmps(Cpu cpu, DecodedInsn d) {
        compare(cpu, d, false);
    }

    /** SCAS: compares AL/AX/EAX with ES:[eDI] (flags of accumulator minus element); REPE/REPNE as CMPS. */
    public static void scas(Cpu cpu, DecodedInsn d) {
        compare(cpu, d, true);
    }

    /**
     * CMPS and SCAS: the left operand is seg:[eSI] (then eSI moves too) or, for SCAS, the
     * accumulator; the right one is ES:[eDI].
     */
    private static void compare(Cpu cpu, DecodedInsn d, boolean scas) {
        int size = d.osize;
        int src = d.seg;
        int mask = d.a32 ? -1 : 0xFFFF;
        int delta = cpu.df() ? -size : size;
        int vmask = sizeMask(size);
        int[] r = cpu.reg;
        int acc = r[Cpu.EAX] & vmask;
        int si = r[Cpu.ESI];
        int di = r[Cpu.EDI];
        int n = 1;
        int count = 0;
        if (d.rep != 0) {
            count = repCount(cpu, d, mask);
            if (count == 0) {
                return;
            }
            n = budget(cpu, count);
        }
        boolean whileEqual = d.rep == 0xF3;
        int done = 0;
        boolean stopped = false;
        try {
            while (done < n) {
                int a = scas ? acc : cpu.read(size, src, si & mask);
                int b = cpu.read(size, Cpu.ES, di & mask);
                int res = a - b;
                cpu.setLazy(Cpu.LF_SUB, size, a, b, res, Cpu.ARITH_FLAGS);
                if (!scas) {
                    si = advance(si, delta, mask);
                }
                di = advance(di, delta, mask);
                done++;
                if (((res & vmask) == 0) != whileEqual) {
                    stopped = true;
                    break;
                }
            }
        } finally {
            r[Cpu.ESI] = si;
            r[Cpu.EDI] = di;
            if (d.rep != 0) {
                finish(cpu, d, mask, count, done, stopped);
            }
        }
    }

    // ------------------------------------------------------------ INS, OUTS

    /**
     * INS: ES:[eDI] = port DX. The destination is checked (segment and page) before the port
     * is read, so a fault does not consume device data. The I/O permission check is made once,
     * before the first iteration.
     */
    public static void ins(Cpu cpu, DecodedInsn d) {
        portString(cpu, d, true);
    }

    /** OUTS: port DX = seg:[eSI]. */
    public static void outs(Cpu cpu, DecodedInsn d) {
        portString(cpu, d, false);
    }

    /** INS ({@code ins}) and OUTS, single or repeated. */
    private static void portString(Cpu cpu, DecodedInsn d, boolean ins) {
        int size = d.osize;
        int src = d.seg;
        int mask = d.a32 ? -1 : 0xFFFF;
        int delta = cpu.df() ? -size : size;
        int[] r = cpu.reg;
        int port = r[Cpu.EDX] & 0xFFFF;
        int ptr = r[ins ? Cpu.EDI : Cpu.ESI];
        int n = 1;
        int count = 0;
        if (d.rep != 0) {
            count = r[Cpu.ECX] & mask;
            if (count == 0) {
                cpu.repResume = false;
                finishIo(cpu, d, ins, mask, 0, 0);
                return;
            }
            n = budget(cpu, count);
        }
        IoPermission.check(cpu, port, size);
        int done = 0;
        try {
            while (done < n) {
                if (ins) {
                    insOne(cpu, size, port, ptr & mask);
                } else {
                    cpu.out(port, size, cpu.read(size, src, ptr & mask));
                }
                ptr = advance(ptr, delta, mask);
                done++;
            }
        } finally {
            r[ins ? Cpu.EDI : Cpu.ESI] = ptr;
            if (d.rep != 0) {
                finishIo(cpu, d, ins, mask, count, done);
            } else if (done == 1) {
                chargeIo(cpu, d);
            }
        }
    }

    private static void insOne(Cpu cpu, int size, int port, int off) {
        int lin = cpu.checkWrite(Cpu.ES, off, size);
        boolean user = cpu.cpl == 3;
        cpu.paging.translate(lin, true, user);
        cpu.paging.translate(lin + size - 1, true, user);
        cpu.write(size, Cpu.ES, off, cpu.in(port, size));
    }

    /**
     * A single INS or OUTS: the row holds the real-mode count and, in {@code clkAlt}, the
     * protected-mode count, 20 more when the I/O permission bitmap is consulted.
     */
    private static void chargeIo(Cpu cpu, DecodedInsn d) {
        if (cpu.protectedMode()) {
            cpu.extraCycles += d.row.clkAlt - d.row.clkReg + (IoPermission.needsBitmap(cpu) ? IoInsn.BITMAP_CLOCKS : 0);
        }
    }

    /** {@link #finish} for REP INS ({@code ins}) and REP OUTS, whose counts depend on the mode. */
    private static void finishIo(Cpu cpu, DecodedInsn d, boolean ins, int mask, int count, int done) {
        int left = count - done;
        cpu.reg[Cpu.ECX] = cpu.reg[Cpu.ECX] & ~mask | left & mask;
        boolean pm = cpu.protectedMode();
        int base;
        int each;
        if (ins) {
            base = pm ? REP_INS_BASE_PM : REP_INS_BASE_REAL;
            each = REP_INS_EACH;
        } else {
            base = pm ? REP_OUTS_BASE_PM : REP_OUTS_BASE_REAL;
            each = pm ? REP_OUTS_EACH_PM : REP_OUTS_EACH_REAL;
        }
        if (pm && IoPermission.needsBitmap(cpu)) {
            base += IoInsn.BITMAP_CLOCKS;
        }
        chargeRep(cpu, d, cpu.repResume ? 0 : base, each, done);
        again(cpu, left != 0);
    }
}
