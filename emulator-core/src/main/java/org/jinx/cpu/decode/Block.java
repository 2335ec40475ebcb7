package org.jinx.cpu.decode;

import org.jinx.cpu.exec.Fast32;

/**
 * A pre-decoded block: the straight run of instructions from one address up to and including
 * the first that can change the flow of control, the mode or the interrupt state (see
 * {@link BlockBuilder}), within one physical page. Immutable; the runner executes its
 * instructions one after the other without looking anything up, and charges the clocks of the
 * instructions that ran from {@link #cycles} in one step.
 */
public final class Block {
    public final DecodedInsn[] insns;
    /** What runs for each instruction: a form-specialised operation ({@link Fast32}) where there is one. */
    public final BlockOp[] ops;
    /** cycles[i] = the table clocks of insns[0..i] together (register or memory form). */
    public final int[] cycles;
    public final boolean code32;
    /** Bytes from the first instruction's start to the end of the last. */
    public final int byteLength;

    Block(DecodedInsn[] insns, boolean code32) {
        this.insns = insns;
        this.code32 = code32;
        this.cycles = new int[insns.length];
        this.ops = new BlockOp[insns.length];
        int sum = 0;
        int bytes = 0;
        for (int i = 0; i < insns.length; i++) {
            DecodedInsn d = insns[i];
            sum += d.mod != 3 ? d.row.clkMem : d.row.clkReg;
            cycles[i] = sum;
            BlockOp fast = Fast32.select(d);
            ops[i] = fast != null ? fast : BlockOp.of(d.handler);
            bytes += d.length;
        }
        this.byteLength = bytes;
    }
}
