package org.jinx.cpu.exec;

import org.jinx.cpu.Cpu;
import org.jinx.cpu.decode.DecodedInsn;

/**
 * Clocks of the far transfers, from chapter 17 of the 80386 Programmer's Reference Manual (CALL,
 * JMP, RET, INT, IRET). The opcode table's rows hold the real-mode count and, in {@code clkAlt},
 * the protected-mode count of the plain transfer to a code segment at the same level; the
 * counts of the other forms (call gates, changes of level, task switches) are here. The step
 * loop charges the row's count; {@link #charge} replaces it with the form's.
 *
 * <p>m, the manual's number of components of the next instruction, is 1 as for near branches
 * ({@link Branch}). The manual adds it to far JMP, CALL and RET to the same level, not to a
 * return to an outer level, INT, IRET or a task switch.
 */
final class FarClocks {
    /** The manual's m. */
    static final int M = 1;

    /** JMP through a call gate (45+m). */
    static final int JMP_GATE = 45;
    /** CALL through a call gate to the same level (52+m). */
    static final int CALL_GATE = 52;
    /** CALL through a call gate to a more privileged level without parameters (86+m). */
    static final int CALL_GATE_INNER = 86;
    /** The same with x parameters: 94+4x+m. */
    static final int CALL_GATE_INNER_PARAMS = 94;
    static final int PER_PARAM = 4;
    /** The m16:32 forms through a gate take 4 clocks more than the ptr16:32 forms (49, 56, 90, 98). */
    static final int INDIRECT_GATE = 4;
    /** The m16:32 forms to a task take 5 + ts. */
    static final int INDIRECT_TASK = 5;
    /** RETF to an outer level (68, no m). */
    static final int RETF_OUTER = 68;
    /** INT n, INT3, INTO through an interrupt or trap gate: same level 59, inner level 99, from V86 119. */
    static final int INT_SAME = 59;
    static final int INT_INNER = 99;
    static final int INT_FROM_V86 = 119;
    /** IRET to an outer level (82) and IRETD to virtual-8086 mode (60). */
    static final int IRET_OUTER = 82;
    static final int IRET_TO_V86 = 60;

    /**
     * ts, the task switch, by the old task (row) and the new one (column): a 386 TSS outside
     * virtual-8086 mode, a 386 TSS in virtual-8086 mode, a 286 TSS ({@link #taskKind}).
     */
    private static final int[][] TASK_SWITCH = {
        {309, 226, 282},
        {314, 231, 287},
        {307, 224, 280},
    };

    private FarClocks() {
    }

    /** Replaces the count the step loop charges for the row with {@code clocks}. */
    static void charge(Cpu cpu, DecodedInsn d, int clocks) {
        cpu.extraCycles += clocks - (d.mod != 3 ? d.row.clkMem : d.row.clkReg);
    }

    /**
     * The clocks of delivering an interrupt or exception, from the state before the delivery
     * ({@code pm}, {@code fromV86}, {@code cpl}, the TR selector {@code tr} and the task kind
     * {@code task}) and the state after it: {@code realClocks} in real mode; in protected mode
     * 59 through a gate to the same level, 99 to an inner level, 119 from virtual-8086 mode, ts
     * through a task gate.
     */
    static int delivery(Cpu cpu, boolean pm, boolean fromV86, int cpl, int tr, int task, int realClocks) {
        if (!pm) {
            return realClocks;
        }
        if (cpu.tr.selector != tr) {
            return taskSwitch(cpu, task);
        }
        if (fromV86) {
            return INT_FROM_V86;
        }
        return cpu.cpl != cpl ? INT_INNER : INT_SAME;
    }

    /** The current task's place in the task-switch table: 0 a 386 task, 1 one in V86 mode, 2 a 286 task. */
    static int taskKind(Cpu cpu) {
        if ((cpu.tr.type() & 8) == 0) {
            return 2;
        }
        return cpu.v86() ? 1 : 0;
    }

    /** ts for a switch from a task of kind {@code from} to the current one. */
    static int taskSwitch(Cpu cpu, int from) {
        return TASK_SWITCH[from][taskKind(cpu)];
    }
}
