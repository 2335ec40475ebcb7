package org.jinx.cpu.decode;

import org.jinx.cpu.exec.Fast32;

/**
 * A pre-decoded block: the straight run of instructions from one address up to and including
 * the first that can change the flow of control, the mode or the interrupt state (see
 * {@link BlockBuilder}), within one physical page. Its instructions never change; the runner
 * executes them one after the other without looking anything up, and charges the clocks of the
 * instructions that ran from {@link #cycles} in one step.
 *
 * <p>The runner also remembers here the blocks that followed this one ({@link Link}), with
 * what the lookup depended on, so that the next time it can skip the lookup; {@link #valid}
 * turns false when the block's page is dropped, which breaks every link to it.
 */
public final class Block {
    public final DecodedInsn[] insns;
    /** What runs for each instruction: a form-specialised operation ({@link Fast32}) where there is one. */
    public final BlockOp[] ops;
    /** cycles[i] = the table clocks of insns[0..i] together (register or memory form). */
    public final int[] cycles;
    /** offsets[i] = bytes from the block's start to insns[i]. */
    public final int[] offsets;
    public final boolean code32;
    /** Bytes from the first instruction's start to the end of the last. */
    public final int byteLength;
    /** The block's code as decoded: what its compiled form depends on. */
    public final byte[] bytes;
    /** The compiled form ({@code cpu.BlockCompiler}), once the block is hot; null before. */
    public org.jinx.cpu.BlockCode code;
    /** Times the block ran in the interpreter, counted up to the compile threshold. */
    public int runs;
    /** False once the page that holds the block is dropped from the decode cache. */
    public boolean valid = true;
    /** Two successors (a branch's two ways), the older replaced first. */
    public final Link link0 = new Link();
    public final Link link1 = new Link();
    public boolean replaceLink1;

    /** A block that ran after this one, and the state its lookup depended on. */
    public static final class Link {
        public Block next;
        public int eip;
        public int csBase;
        public int cpl;
        public int pagingEpoch;
        public int mappings;
    }

    Block(DecodedInsn[] insns, boolean code32, byte[] bytes) {
        this.insns = insns;
        this.code32 = code32;
        this.bytes = bytes;
        this.offsets = new int[insns.length];
        this.cycles = new int[insns.length];
        this.ops = new BlockOp[insns.length];
        int sum = 0;
        int length = 0;
        for (int i = 0; i < insns.length; i++) {
            DecodedInsn d = insns[i];
            sum += d.mod != 3 ? d.row.clkMem : d.row.clkReg;
            cycles[i] = sum;
            BlockOp fast = Fast32.select(d);
            ops[i] = fast != null ? fast : BlockOp.of(d.handler);
            offsets[i] = length;
            length += d.length;
        }
        this.byteLength = length;
    }
}
