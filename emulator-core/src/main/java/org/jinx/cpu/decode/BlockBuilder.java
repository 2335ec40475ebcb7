package org.jinx.cpu.decode;

import java.util.Arrays;
import org.jinx.mem.PhysicalMemory;

/**
 * Decodes a {@link Block} from physical memory. A block ends after an instruction that
 * <ul>
 *   <li>has the table's ENDS_BLOCK attribute (control transfer, mode or interrupt-flag change),
 *   <li>is privileged (control, debug and descriptor-table registers, HLT),
 *   <li>does port I/O (a device may raise an interrupt, end the run, or read the clock, which
 *       the runner brings up to date only between blocks),
 *   <li>repeats (a REP-prefixed string instruction runs again from its own address),
 *   <li>loads SS (MOV SS, LSS: the next instruction runs in the interrupt shadow, which the
 *       runner handles by single-stepping it),
 * </ul>
 * or at {@link #MAX_INSNS}, or before an instruction that would run past the page (that one
 * is left to the single-step path, which fetches across pages and raises the faults).
 */
public final class BlockBuilder {
    public static final int MAX_INSNS = 64;

    /** Opcodes whose rows do port I/O: IN, OUT, INS, OUTS. */
    private static final boolean[] IO = new boolean[0x200];

    static {
        for (int op : new int[] {0x6C, 0x6D, 0x6E, 0x6F, 0xE4, 0xE5, 0xE6, 0xE7, 0xEC, 0xED, 0xEE, 0xEF}) {
            IO[op] = true;
        }
    }

    private final PhysicalMemory mem;
    private final DecodedInsn.Builder scratch = new DecodedInsn.Builder();
    private final DecodedInsn[] buf = new DecodedInsn[MAX_INSNS];
    private int pageBase;
    private int start;
    private final Decoder.ByteSource source = this::byteAt;

    /** Thrown by the byte source at the end of the page or the 15-byte limit. */
    private static final Decoder.EndOfBytes END = new Decoder.EndOfBytes();

    public BlockBuilder(PhysicalMemory mem) {
        this.mem = mem;
    }

    private int byteAt(int i) {
        int off = start + i;
        if (off > 0xFFF || i >= Decoder.MAX_LENGTH) {
            throw END;
        }
        return mem.read8(pageBase | off);
    }

    /** The block at physical address {@code phys}, or null when its first instruction leaves the page. */
    public Block build(int phys, boolean code32) {
        pageBase = phys & 0xFFFFF000;
        int off = phys & 0xFFF;
        int n = 0;
        while (n < MAX_INSNS && off <= 0xFFF) {
            start = off;
            DecodedInsn d;
            try {
                d = Decoder.decode(source, code32, scratch);
            } catch (Decoder.EndOfBytes e) {
                break;
            }
            buf[n++] = d;
            off += d.length;
            if (endsBlock(d)) {
                break;
            }
        }
        if (n == 0) {
            return null;
        }
        int first = phys & 0xFFF;
        byte[] bytes = new byte[off - first];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) mem.read8(pageBase | first + i);
        }
        return new Block(Arrays.copyOf(buf, n), code32, bytes);
    }

    static boolean endsBlock(DecodedInsn d) {
        OpcodeRow row = d.row;
        return row.has(Attr.ENDS_BLOCK | Attr.PRIVILEGED | Attr.INVALID)
                || d.rep != 0 && row.has(Attr.REP)
                || IO[d.opcode]
                || d.opcode == 0x8E && d.reg == 2
                || d.opcode == 0x1B2;
    }
}
