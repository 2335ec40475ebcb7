package org.jinx.cpu.decode;

/**
 * A pre-decoded block: the straight run of instructions from one address up to and including
 * the first that can change the flow of control, the mode or the interrupt state (see
 * {@link BlockBuilder}), within one physical page. Immutable; the runner executes its
 * instructions one after the other without looking anything up, and charges the clocks of the
 * instructions that ran from {@link #cycles} in one step.
 */
public final class Block {
    public final DecodedInsn[] insns;
    /** cycles[i] = the table clocks of insns[0..i] together (register or memory form). */
    public final int[] cycles;
    public final boolean code32;
    /** Bytes from the first instruction's start to the end of the last. */
    public final int byteLength;

    Block(DecodedInsn[] insns, boolean code32) {
        this.insns = insns;
        this.code32 = code32;
        this.cycles = new int[insns.length];
        int sum = 0;
        int bytes = 0;
        for (int i = 0; i < insns.length; i++) {
            DecodedInsn d = insns[i];
            sum += d.mod != 3 ? d.row.clkMem : d.row.clkReg;
            cycles[i] = sum;
            bytes += d.length;
        }
        this.byteLength = bytes;
    }
}
