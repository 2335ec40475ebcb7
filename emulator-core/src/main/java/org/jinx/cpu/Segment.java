package org.jinx.cpu;

/**
 * A segment register with its hidden descriptor cache. Accesses are checked against the
 * precomputed range [lo, hi] and the readable/writable bits, so a protected-mode load is the
 * only place that reads descriptor bits.
 */
public final class Segment {
    public int selector;
    public int base;
    /** Effective limit in bytes (granularity applied). */
    public int limit;
    /** Access-rights byte of the descriptor: P, DPL, S, type. */
    public int access;
    /** The D/B bit: 32-bit code, 32-bit stack pointer, or 4 GiB upper bound for expand-down. */
    public boolean big;
    public boolean granularity;
    /** Lowest and highest valid offsets, as unsigned values in longs. */
    public long lo;
    public long hi;
    public boolean readable;
    public boolean writable;
    public boolean executable;
    /** False for a null selector loaded in protected mode: any access is #GP(0). */
    public boolean valid;

    public int dpl() {
        return access >>> 5 & 3;
    }

    public int type() {
        return access & 0x0F;
    }

    public boolean present() {
        return (access & 0x80) != 0;
    }

    public boolean system() {
        return (access & 0x10) == 0;
    }

    public boolean conforming() {
        return executable && (access & 0x04) != 0;
    }

    public boolean expandDown() {
        return !executable && (access & 0x04) != 0;
    }

    /** Real-mode load: only the selector and base change, as on the 386 ("unreal mode" survives). */
    public void loadReal(int sel) {
        selector = sel & 0xFFFF;
        base = selector << 4;
        valid = true;
    }

    /** Virtual-8086 load: base from the selector, 64 KiB limit, DPL 3 read/write data. */
    public void loadV86(int sel) {
        selector = sel & 0xFFFF;
        base = selector << 4;
        limit = 0xFFFF;
        access = 0xF3;
        big = false;
        granularity = false;
        valid = true;
        recompute();
    }

    /** Fills the cache from the two dwords of a descriptor. */
    public void loadDescriptor(int sel, int low, int high) {
        selector = sel & 0xFFFF;
        base = (low >>> 16) | (high & 0xFF) << 16 | (high & 0xFF000000);
        int lim = (low & 0xFFFF) | (high & 0x000F0000);
        granularity = (high & 0x00800000) != 0;
        limit = granularity ? lim << 12 | 0xFFF : lim;
        access = high >>> 8 & 0xFF;
        big = (high & 0x00400000) != 0;
        valid = true;
        recompute();
    }

    /** A null selector in a data segment register: loads fine, faults on use. */
    public void loadNull(int sel) {
        selector = sel & 0xFFFF;
        valid = false;
        readable = false;
        writable = false;
    }

    /** Sets every cached field at once (reset, SMM-like loaders, tests). */
    public void set(int sel, int base, int limit, int access, boolean big) {
        this.selector = sel & 0xFFFF;
        this.base = base;
        this.limit = limit;
        this.access = access;
        this.big = big;
        this.valid = true;
        recompute();
    }

    public void recompute() {
        boolean code = (access & 0x18) == 0x18;
        executable = code;
        if ((access & 0x10) == 0) {
            // system descriptor (LDT, TSS) in a data register cannot happen; treat as unusable
            readable = false;
            writable = false;
            lo = 0;
            hi = limit & 0xFFFFFFFFL;
            return;
        }
        readable = !code || (access & 0x02) != 0;
        writable = !code && (access & 0x02) != 0;
        if (!code && (access & 0x04) != 0) {
            lo = (limit & 0xFFFFFFFFL) + 1;
            hi = big ? 0xFFFFFFFFL : 0xFFFFL;
        } else {
            lo = 0;
            hi = limit & 0xFFFFFFFFL;
        }
    }

    public void copyFrom(Segment o) {
        selector = o.selector;
        base = o.base;
        limit = o.limit;
        access = o.access;
        big = o.big;
        granularity = o.granularity;
        lo = o.lo;
        hi = o.hi;
        readable = o.readable;
        writable = o.writable;
        executable = o.executable;
        valid = o.valid;
    }

    @Override
    public String toString() {
        return String.format("%04X base=%08X limit=%08X access=%02X %s", selector, base, limit, access,
                big ? "32" : "16");
    }
}
