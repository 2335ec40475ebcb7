package org.jinx.tools.lockstep;

import java.util.ArrayList;
import java.util.List;
import org.jinx.cpu.decode.DecodedInsn;
import org.jinx.cpu.decode.Disassembler;

/**
 * The last few instructions the lockstep executed, for the disassembly around a divergence.
 * A fixed ring of slots filled in place; decoded instructions are kept by reference (they are
 * immutable), so recording a step allocates nothing.
 */
final class History {
    private final long[] step;
    private final int[] cs;
    private final int[] eip;
    private final boolean[] code32;
    private final DecodedInsn[] insn;
    private int next;
    private int size;

    History(int capacity) {
        step = new long[capacity];
        cs = new int[capacity];
        eip = new int[capacity];
        code32 = new boolean[capacity];
        insn = new DecodedInsn[capacity];
    }

    void record(long stepNo, int csSel, int eipVal, boolean is32, DecodedInsn d) {
        step[next] = stepNo;
        cs[next] = csSel;
        eip[next] = eipVal;
        code32[next] = is32;
        insn[next] = d;
        next = (next + 1) % step.length;
        size = Math.min(size + 1, step.length);
    }

    /** Oldest first, one line each: {@code step  cs:eip  instruction}. */
    List<String> lines() {
        List<String> out = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            int i = (next - size + k + step.length) % step.length;
            out.add(line(step[i], cs[i], eip[i], code32[i], insn[i]));
        }
        return out;
    }

    /** One listing line; a negative {@code stepNo} (an instruction not yet run) leaves the number out. */
    static String line(long stepNo, int csSel, int eipVal, boolean is32, DecodedInsn d) {
        String text = d == null ? "(bytes not mapped)" : Disassembler.format(d, eipVal, is32);
        String number = stepNo < 0 ? "" : Long.toString(stepNo);
        return String.format("%9s  %04x:%08x  %s", number, csSel, eipVal, text);
    }
}
