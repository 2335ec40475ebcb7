package org.jinx.kernel.system;

/**
 * EFLAGS bits as the kernel calls that edit a process's saved registers see them (SDM vol. 1,
 * 3.4.3). The kernel keeps its own copy rather than reaching into the CPU: it only ever touches
 * the saved image in {@link org.jinx.kernel.proc.Context}.
 */
final class Eflags {
    static final int CF = 1 << 0;
    static final int PF = 1 << 2;
    static final int AF = 1 << 4;
    static final int ZF = 1 << 6;
    static final int SF = 1 << 7;
    static final int TF = 1 << 8;
    static final int IF = 1 << 9;
    static final int DF = 1 << 10;
    static final int OF = 1 << 11;
    static final int IOPL = 3 << 12;
    static final int NT = 1 << 14;
    static final int RF = 1 << 16;
    static final int VM = 1 << 17;
    static final int AC = 1 << 18;

    /**
     * What a process may choose for itself when it hands the kernel a register image
     * (SIGRETURN, SETMCONTEXT, TRACE's T_SETUSER): the bits POPF at CPL 3 with IOPL 0 can
     * change. IF, IOPL, NT, RF and VM stay as the kernel had them: a process must not grant
     * itself I/O privilege, mask interrupts, or leave flat ring 3 that way.
     */
    static final int USER = CF | PF | AF | ZF | SF | TF | DF | OF | AC;

    private Eflags() {
    }

    /** {@code wanted}'s user-changeable bits over {@code current}'s others. */
    static int merge(int current, int wanted) {
        return current & ~USER | wanted & USER;
    }
}
