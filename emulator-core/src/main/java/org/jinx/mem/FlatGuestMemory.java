package org.jinx.mem;

import java.util.ArrayList;
import java.util.List;

/**
 * {@link GuestMemory} for tests: one byte array addressed directly by the virtual address, and a
 * list of mapped ranges, each belonging to one address space and marked user or supervisor,
 * writable or read-only. An access succeeds only if every byte lies in a range of that space
 * with the needed rights, so tests can model unmapped holes, kernel-only pages and read-only
 * pages without building page tables. Address spaces share the array; give them disjoint
 * ranges unless a test wants shared memory.
 */
public final class FlatGuestMemory implements GuestMemory {
    private record Range(int space, long start, long end, boolean user, boolean writable) {
    }

    private final byte[] bytes;
    private final List<Range> ranges = new ArrayList<>();

    public FlatGuestMemory(int size) {
        bytes = new byte[size];
    }

    /** The backing array, for tests that inspect or seed memory directly. */
    public byte[] bytes() {
        return bytes;
    }

    /** Maps [vaddr, vaddr+len) in {@code space} as user memory. */
    public FlatGuestMemory map(int space, int vaddr, int len, boolean writable) {
        return map(space, vaddr, len, writable, true);
    }

    /** Maps [vaddr, vaddr+len) in {@code space}; {@code user} false makes it supervisor-only. */
    public FlatGuestMemory map(int space, int vaddr, int len, boolean writable, boolean user) {
        long start = vaddr & 0xFFFFFFFFL;
        if (len <= 0 || start + len > bytes.length) {
            throw new IllegalArgumentException("range " + Long.toHexString(start) + "+" + len
                    + " outside the " + bytes.length + "-byte array");
        }
        ranges.add(new Range(space, start, start + len, user, writable));
        return this;
    }

    /** Removes every range of {@code space} that overlaps [vaddr, vaddr+len). */
    public FlatGuestMemory unmap(int space, int vaddr, int len) {
        long start = vaddr & 0xFFFFFFFFL;
        ranges.removeIf(r -> r.space == space && r.start < start + len && start < r.end);
        return this;
    }

    @Override
    public Result copyIn(int space, int vaddr, byte[] dst, int off, int len) {
        GuestMemory.checkHostRange(dst, off, len);
        Result r = probe(space, vaddr, len, false);
        if (r == Result.OK) {
            System.arraycopy(bytes, vaddr, dst, off, len);
        }
        return r;
    }

    @Override
    public Result copyOut(int space, int vaddr, byte[] src, int off, int len) {
        GuestMemory.checkHostRange(src, off, len);
        Result r = probe(space, vaddr, len, true);
        if (r == Result.OK) {
            System.arraycopy(src, off, bytes, vaddr, len);
        }
        return r;
    }

    @Override
    public Result probe(int space, int vaddr, int len, boolean write) {
        if (len < 0) {
            throw new IllegalArgumentException("negative length " + len);
        }
        if (GuestMemory.wraps(vaddr, len)) {
            return Result.WRAP;
        }
        // Walk the range byte span by byte span: each step must start inside some range of the
        // space; adjacent ranges may together cover it.
        long at = vaddr & 0xFFFFFFFFL;
        long end = at + len;
        while (at < end) {
            Range hit = null;
            for (Range r : ranges) {
                if (r.space == space && r.start <= at && at < r.end) {
                    hit = r;
                    break;
                }
            }
            if (hit == null) {
                return Result.NOT_PRESENT;
            }
            if (!hit.user || write && !hit.writable) {
                return Result.PROTECTION;
            }
            at = hit.end;
        }
        return Result.OK;
    }

    @Override
    public long read32(int space, int vaddr) {
        if (probe(space, vaddr, 4, false) != Result.OK) {
            return FAULT;
        }
        return (bytes[vaddr] & 0xFF | (bytes[vaddr + 1] & 0xFF) << 8 | (bytes[vaddr + 2] & 0xFF) << 16
                | (bytes[vaddr + 3] & 0xFF) << 24) & 0xFFFFFFFFL;
    }

    @Override
    public Result write32(int space, int vaddr, int value) {
        Result r = probe(space, vaddr, 4, true);
        if (r == Result.OK) {
            bytes[vaddr] = (byte) value;
            bytes[vaddr + 1] = (byte) (value >>> 8);
            bytes[vaddr + 2] = (byte) (value >>> 16);
            bytes[vaddr + 3] = (byte) (value >>> 24);
        }
        return r;
    }
}
