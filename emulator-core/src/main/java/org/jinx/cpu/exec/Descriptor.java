package org.jinx.cpu.exec;

/**
 * Field access for an 8-byte descriptor held in a {@code long} (low dword in bits 0-31, high
 * dword in bits 32-63), as {@link SegmentLoad#descriptor} returns it. Passing descriptors as
 * longs keeps far transfers and interrupt delivery free of allocation.
 *
 * <p>Names follow the SDM's "Segment Descriptors" and "Gate Descriptors" figures.
 */
final class Descriptor {
    // System descriptor types (S = 0), SDM table "System-Segment and Gate-Descriptor Types".
    static final int TSS16_AVAILABLE = 1;
    static final int LDT = 2;
    static final int TSS16_BUSY = 3;
    static final int CALL_GATE16 = 4;
    static final int TASK_GATE = 5;
    static final int INT_GATE16 = 6;
    static final int TRAP_GATE16 = 7;
    static final int TSS32_AVAILABLE = 9;
    static final int TSS32_BUSY = 11;
    static final int CALL_GATE32 = 12;
    static final int INT_GATE32 = 14;
    static final int TRAP_GATE32 = 15;

    private Descriptor() {
    }

    static long of(int low, int high) {
        return (long) high << 32 | low & 0xFFFFFFFFL;
    }

    static int low(long d) {
        return (int) d;
    }

    static int high(long d) {
        return (int) (d >>> 32);
    }

    /** The access-rights byte: P, DPL, S and the 4-bit type. */
    static int access(long d) {
        return high(d) >>> 8 & 0xFF;
    }

    static int type(long d) {
        return access(d) & 0x0F;
    }

    static int dpl(long d) {
        return access(d) >>> 5 & 3;
    }

    static boolean present(long d) {
        return (access(d) & 0x80) != 0;
    }

    /** S = 1: a code or data segment (not a system segment or a gate). */
    static boolean segment(long d) {
        return (access(d) & 0x10) != 0;
    }

    static boolean code(long d) {
        return (access(d) & 0x18) == 0x18;
    }

    static boolean data(long d) {
        return (access(d) & 0x18) == 0x10;
    }

    static boolean conformingCode(long d) {
        return (access(d) & 0x1C) == 0x1C;
    }

    static boolean readableCode(long d) {
        return (access(d) & 0x1A) == 0x1A;
    }

    static boolean writableData(long d) {
        return (access(d) & 0x1A) == 0x12;
    }

    /** A segment a data segment register may hold: any data segment or readable code. */
    static boolean dataOrReadableCode(long d) {
        return data(d) || readableCode(d);
    }

    /** A system descriptor of the given type (S = 0). */
    static boolean system(long d, int type) {
        return !segment(d) && type(d) == type;
    }

    static boolean tss(long d) {
        if (segment(d)) {
            return false;
        }
        int t = type(d) & ~2; // the busy bit
        return t == TSS16_AVAILABLE || t == TSS32_AVAILABLE;
    }

    static boolean busyTss(long d) {
        return !segment(d) && (type(d) == TSS16_BUSY || type(d) == TSS32_BUSY);
    }

    static boolean availableTss(long d) {
        return !segment(d) && (type(d) == TSS16_AVAILABLE || type(d) == TSS32_AVAILABLE);
    }

    static int base(long d) {
        int lo = low(d);
        int hi = high(d);
        return lo >>> 16 | (hi & 0xFF) << 16 | hi & 0xFF000000;
    }

    /** The limit in bytes, with the granularity bit applied. */
    static int limit(long d) {
        int lim = low(d) & 0xFFFF | high(d) & 0x000F0000;
        return granular(d) ? lim << 12 | 0xFFF : lim;
    }

    /** The G bit: the limit counts 4 KiB pages instead of bytes. */
    static boolean granular(long d) {
        return (high(d) & 0x00800000) != 0;
    }

    /** The D/B bit: 32-bit code, a 32-bit stack pointer, or a 4 GiB upper bound for expand-down data. */
    static boolean big(long d) {
        return (high(d) & 0x00400000) != 0;
    }

    /** Lowest valid offset of a data segment (expand-down segments start above the limit). */
    static long lowOffset(long d) {
        return data(d) && (access(d) & 4) != 0 ? (limit(d) & 0xFFFFFFFFL) + 1 : 0;
    }

    static long highOffset(long d) {
        if (data(d) && (access(d) & 4) != 0) {
            return big(d) ? 0xFFFFFFFFL : 0xFFFFL;
        }
        return limit(d) & 0xFFFFFFFFL;
    }

    // ---------------------------------------------------------------- gates

    static int gateSelector(long d) {
        return low(d) >>> 16;
    }

    /** The gate's entry point: 32 bits for 386 gates, the low 16 for 286 gates. */
    static int gateOffset(long d) {
        int lo16 = low(d) & 0xFFFF;
        return gate32(d) ? high(d) & 0xFFFF0000 | lo16 : lo16;
    }

    /** 386 gate types have bit 3 of the type set (call 12, interrupt 14, trap 15). */
    static boolean gate32(long d) {
        return (type(d) & 8) != 0;
    }

    /** A call gate's parameter count (words or dwords to copy to the inner stack). */
    static int gateParams(long d) {
        return high(d) & 0x1F;
    }
}
