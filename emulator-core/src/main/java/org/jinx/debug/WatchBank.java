package org.jinx.debug;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.DebugRegisters;

/**
 * Hardware breakpoints and watchpoints in the debugger's own debug-register bank
 * ({@link Cpu#debuggerDr}: four slots, DR7 encoding, lengths 1, 2 or 4 aligned to their length,
 * as on the 386). gdb may ask for any length (it sends {@code Z2,addr,8} for a double and does not
 * split over remote): a range is split into the fewest aligned pieces, one slot each, and refused
 * when the free slots are not enough.
 */
final class WatchBank {
    static final int SLOTS = 4;
    /** The longest range four aligned slots always cover. */
    static final int MAX_LENGTH = 16;

    private final Cpu cpu;
    /** Per slot: the breakpoint that owns it (null = free), and the range gdb asked for. */
    private final BreakpointKind[] kind = new BreakpointKind[SLOTS];
    private final long[] ownerAddr = new long[SLOTS];
    private final int[] ownerLen = new int[SLOTS];
    /**
     * Per slot: the address space it stops in, named by the CR3 that maps it (a hosted kernel's
     * process), or {@link SoftBreakpoints#ANY_SPACE}. The debug registers compare linear
     * addresses whatever tables are loaded, so a hit in another space is passed over.
     */
    private final int[] space = new int[SLOTS];

    WatchBank(Cpu cpu) {
        this.cpu = cpu;
    }

    boolean insert(BreakpointKind k, long addr, int length) {
        return insert(k, addr, length, SoftBreakpoints.ANY_SPACE);
    }

    /** As {@link #insert(BreakpointKind, long, int)}, stopping only while {@code cr3} is loaded. */
    boolean insert(BreakpointKind k, long addr, int length, int cr3) {
        if (addr < 0 || addr > 0xFFFFFFFFL) {
            return false;
        }
        if (k == BreakpointKind.HARDWARE) {
            length = 1; // the kind field of Z1 is the instruction's breakpoint size, not a range
        } else if (length < 1 || length > MAX_LENGTH || addr + length - 1 > 0xFFFFFFFFL) {
            return false;
        }
        if (owned(k, addr, length)) {
            return true; // gdb may insert the same point twice; it is one point
        }
        int[] pieceAddr = new int[MAX_LENGTH];
        int[] pieceLen = new int[MAX_LENGTH];
        int pieces = split(addr, length, pieceAddr, pieceLen);
        if (pieces > freeSlots()) {
            return false;
        }
        for (int p = 0, n = 0; p < pieces; p++) {
            while (kind[n] != null) {
                n++;
            }
            program(n, k, pieceAddr[p], pieceLen[p]);
            kind[n] = k;
            ownerAddr[n] = addr;
            ownerLen[n] = length;
            space[n] = cr3;
        }
        DebugRegisters.update(cpu);
        return true;
    }

    boolean remove(BreakpointKind k, long addr, int length) {
        if (k == BreakpointKind.HARDWARE) {
            length = 1;
        }
        boolean any = false;
        for (int n = 0; n < SLOTS; n++) {
            if (kind[n] == k && ownerAddr[n] == addr && ownerLen[n] == length) {
                free(n);
                any = true;
            }
        }
        DebugRegisters.update(cpu);
        return any;
    }

    void clear() {
        for (int n = 0; n < SLOTS; n++) {
            free(n);
        }
        cpu.debuggerDr[6] = 0;
        DebugRegisters.update(cpu);
    }

    boolean hasInstructionSlots() {
        for (BreakpointKind k : kind) {
            if (k == BreakpointKind.HARDWARE) {
                return true;
            }
        }
        return false;
    }

    /** The hardware breakpoint whose slot in {@code mask} was hit in its own space, or null. */
    StopEvent instructionStop(int mask) {
        for (int n = 0; n < SLOTS; n++) {
            if ((mask >> n & 1) != 0 && kind[n] == BreakpointKind.HARDWARE && inSpace(n)) {
                return new StopEvent(StopEvent.Reason.HW_BREAKPOINT, ownerAddr[n], 0);
            }
        }
        return null;
    }

    /**
     * The watchpoint that the last instruction's accesses satisfy, from the hit bits of
     * {@code debuggerDr[6]} (bit n: slot n written, bit 4+n: slot n read), or null. Read
     * watchpoints share the read/write encoding of DR7 (the 386 has no read-only breakpoint), so
     * a slot of a read watchpoint that was only written does not count, nor a slot hit in
     * another address space than its own.
     */
    StopEvent dataStop(int hits) {
        for (int n = 0; n < SLOTS; n++) {
            if (!inSpace(n)) {
                continue;
            }
            boolean written = (hits >> n & 1) != 0;
            boolean read = (hits >> (n + 4) & 1) != 0;
            if (kind[n] == BreakpointKind.WRITE_WATCH && written) {
                return new StopEvent(StopEvent.Reason.WATCH, ownerAddr[n], 0);
            }
            if (kind[n] == BreakpointKind.READ_WATCH && read) {
                return new StopEvent(StopEvent.Reason.READ_WATCH, ownerAddr[n], 0);
            }
            if (kind[n] == BreakpointKind.ACCESS_WATCH && (read || written)) {
                return new StopEvent(StopEvent.Reason.ACCESS_WATCH, ownerAddr[n], 0);
            }
        }
        return null;
    }

    /** Whether slot n stops in the address space now loaded. */
    private boolean inSpace(int n) {
        return space[n] == SoftBreakpoints.ANY_SPACE || space[n] == cpu.cr3;
    }

    private boolean owned(BreakpointKind k, long addr, int length) {
        for (int n = 0; n < SLOTS; n++) {
            if (kind[n] == k && ownerAddr[n] == addr && ownerLen[n] == length) {
                return true;
            }
        }
        return false;
    }

    private int freeSlots() {
        int free = 0;
        for (BreakpointKind k : kind) {
            if (k == null) {
                free++;
            }
        }
        return free;
    }

    /** Splits [addr, addr+length) into the fewest pieces of 1, 2 or 4 bytes aligned to their size. */
    static int split(long addr, int length, int[] pieceAddr, int[] pieceLen) {
        int count = 0;
        long a = addr;
        long end = addr + length;
        while (a < end) {
            int size = 4;
            while (size > 1 && ((a & (size - 1)) != 0 || a + size > end)) {
                size >>= 1;
            }
            pieceAddr[count] = (int) a;
            pieceLen[count] = size;
            count++;
            a += size;
        }
        return count;
    }

    private void program(int n, BreakpointKind k, int addr, int len) {
        int rw = switch (k) {
            case HARDWARE -> 0;
            case WRITE_WATCH -> 1;
            default -> 3;
        };
        int lenBits = len == 1 ? 0 : len == 2 ? 1 : 3;
        int[] dr = cpu.debuggerDr;
        dr[n] = addr;
        int field = 0xF << (16 + 4 * n);
        dr[7] = dr[7] & ~field & ~(3 << 2 * n) | (rw | lenBits << 2) << (16 + 4 * n) | 1 << 2 * n;
    }

    private void free(int n) {
        int[] dr = cpu.debuggerDr;
        dr[7] &= ~(0xF << (16 + 4 * n)) & ~(3 << 2 * n);
        dr[n] = 0;
        kind[n] = null;
    }
}
