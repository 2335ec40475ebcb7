package org.jinx.conformance;

/**
 * How a case ended, in either world: at the end of the sequence or at an exception, with the
 * registers, EIP and EFLAGS at that point, and every buffer byte whose value changed.
 */
final class Outcome {
    /** The exception vector, or -1 if the sequence ran to its end. */
    int vector = -1;
    int errorCode;
    int cr2;
    final int[] regs = new int[8];
    int eip;
    int eflags;
    /** Changed buffer bytes, ascending: offset << 8 | new value. */
    int[] changes = new int[0];
    /** Something that stopped the run abnormally (Jinx threw, hit the step limit, the native harness died). */
    String problem;

    static Outcome broken(String why) {
        Outcome o = new Outcome();
        o.problem = why;
        return o;
    }
}
