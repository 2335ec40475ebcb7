package org.jinx.cpu;

/**
 * A {@link org.jinx.cpu.decode.Block} compiled to JVM bytecode by {@link BlockCompiler}: one
 * method that runs all the block's instructions in order, with each instruction's operation
 * bound as a constant so that the JIT inlines it (no dispatch between instructions).
 *
 * <p>The contract is the block runner's: {@link #run} starts at {@code cpu.eip} (the block's
 * first instruction) and returns how many instructions completed; all of them, with
 * {@code cpu.eip} at the next instruction (a branch's target for the last), or fewer when a
 * write dropped decoded code, with {@code cpu.eip} at the first instruction that did not run.
 * When an instruction faults, the fault propagates, {@link #faultAt} is the index of the
 * faulting instruction and {@link #faultExtra} what {@code cpu.extraCycles} held before it;
 * {@code cpu.eip} is then unchanged if the faulting instruction is not the last.
 */
public abstract class BlockCode {
    /** Index in the block of the instruction that raised the last fault. */
    public int faultAt;
    /** {@code cpu.extraCycles} before that instruction started. */
    public int faultExtra;

    protected BlockCode() {
    }

    /** Runs the block from its first instruction; the number of instructions that completed. */
    public abstract int run(Cpu cpu);
}
